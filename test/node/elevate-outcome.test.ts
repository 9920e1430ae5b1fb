// How each wrapper's exit is read (which platform's cancel applies when), and the purpose line the macOS prompt
// shows for each verb.
import { helperArgv, helperOutcome } from '@src/node/elevate';
import { describe, expect, it } from 'vitest';

describe('helperOutcome: which wrapper said what', () => {
  it('reads a cancel only from the wrapper that was used', () => {
    const canceled = '0:120: execution error: User canceled. (-128)';
    expect(helperOutcome('darwin', false, 1, canceled)).toBe('cancelled');
    // Already root: no osascript ran, so -128 is the helper's own failure text.
    expect(helperOutcome('darwin', true, 1, canceled)).toBe('failed');
    expect(helperOutcome('linux', false, 1, canceled)).toBe('failed');
    expect(helperOutcome('linux', false, 126, '')).toBe('cancelled');
    expect(helperOutcome('linux', true, 126, '')).toBe('failed');
    expect(helperOutcome('darwin', false, 126, '')).toBe('failed');
  });

  it('is done on exit 0 whatever the helper wrote', () => {
    expect(helperOutcome('darwin', false, 0, 'refused: nothing')).toBe('done');
    expect(helperOutcome('linux', false, 0, '')).toBe('done');
  });

  it('reads a refusal from exit 2, from osascript’s wording of it, or from the helper’s line', () => {
    expect(helperOutcome('linux', true, 2, '')).toBe('refused');
    expect(
      helperOutcome('darwin', false, 1, 'execution error: The command exited with a non-zero status 2. exit status 2'),
    ).toBe('refused');
    expect(helperOutcome('darwin', false, 1, '0:300: execution error: bridgelight-helper: no interface (2)')).toBe(
      'refused',
    );
    expect(helperOutcome('linux', true, 1, 'bridgelight-helper: Refused: only address')).toBe('refused');
  });

  it('does not mistake another status for a refusal', () => {
    expect(helperOutcome('darwin', false, 1, 'execution error: exit status 22')).toBe('failed');
    expect(helperOutcome('darwin', false, 1, 'execution error: failed (1)')).toBe('failed');
    expect(helperOutcome('linux', true, null, '')).toBe('failed');
  });
});

describe('the macOS prompt names what is about to happen', () => {
  it('for a removal and for an undo', () => {
    const remove = helperArgv('darwin', { verb: 'remove-address', interface: 'en0', address: '172.2.9.61' }, false);
    expect(remove.at(-1)).toBe('remove the address 172.2.9.61 from en0.');
    const add = helperArgv('darwin', { verb: 'add-address', interface: 'en0', address: '172.2.9.61/16' }, false);
    expect(add.at(-1)).toBe('put the address 172.2.9.61/16 back on en0.');
    expect(add.slice(-5, -1)).toEqual([expect.any(String), 'add-address', 'en0', '172.2.9.61/16']);
  });

  it('runs a given body, not only the built-in one', () => {
    const call = { verb: 'remove-address', interface: 'en0', address: '192.0.2.1' } as const;
    expect(helperArgv('linux', call, true, 'echo body')).toContain('echo body');
    expect(helperArgv('darwin', call, false, 'echo body')).toContain('echo body');
    expect(helperArgv('linux', call, false, 'echo body')).toContain('echo body');
  });
});
