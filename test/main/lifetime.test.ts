import { EventEmitter } from 'node:events';
import { Lifetime } from '@src/main/lifetime';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from './fixtures';

describe('Lifetime', () => {
  it('releases everything once, the last started first', () => {
    const released: string[] = [];
    const lifetime = new Lifetime(recordingLogger());
    lifetime.add(() => released.push('monitor'));
    lifetime.add(() => released.push('tray'));
    lifetime.end();
    lifetime.end();
    expect(released).toEqual(['tray', 'monitor']);
  });

  it('keeps releasing when one disposer throws, and logs it', () => {
    const released: string[] = [];
    const log = recordingLogger();
    const lifetime = new Lifetime(log);
    lifetime.add(() => released.push('first'));
    lifetime.add(() => {
      throw new Error('already destroyed');
    });
    lifetime.end();
    expect(released).toEqual(['first']);
    expect(log.lines).toEqual(['error: releasing at quit failed Error: already destroyed']);
  });

  it('releases at once what is added after the end', () => {
    const released: string[] = [];
    const lifetime = new Lifetime(recordingLogger());
    lifetime.end();
    lifetime.add(() => released.push('late'));
    expect(released).toEqual(['late']);
  });

  it('removes the listeners it added, and only those', () => {
    const emitter = new EventEmitter();
    const other = () => {};
    emitter.on('resume', other);
    const lifetime = new Lifetime(recordingLogger());
    const heard: unknown[] = [];
    lifetime.on(emitter, 'resume', (...args) => heard.push(args));
    emitter.emit('resume', 1);
    lifetime.end();
    emitter.emit('resume', 2);
    expect(heard).toEqual([[1]]);
    expect(emitter.listeners('resume')).toEqual([other]);
  });
});
