// The gate's own words: why each sender or argument list is refused (the reply the renderer gets and the line
// in the log), how a handler's failure crosses, and that registering and its undo touch exactly the closed list.
import type { SenderEvent } from '@src/main/ipc/registry';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handlers } from './handlers';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

const { dispatch, registerIpc, senderProblem } = await import('@src/main/ipc/registry');
const { INVOKE_CHANNELS, invokeNameOf } = await import('@src/main/ipc/channels');
const { PayloadError } = await import('@src/main/ipc/envelope');
const { recordingLogger } = await import('../fixtures');

const APP = 'app://bridgelight/index.html';
const frame = (url: string, parent: unknown = null): SenderEvent => ({ senderFrame: { url, parent } });
const GOOD = frame(APP);

let h: ReturnType<typeof handlers>;
let log: ReturnType<typeof recordingLogger>;
beforeEach(() => {
  h = handlers();
  log = recordingLogger();
});

describe('senderProblem', () => {
  it('accepts our page’s main frame, with or without a window check', () => {
    expect(senderProblem(GOOD)).toBeNull();
    expect(senderProblem({ ...GOOD, sender: 'popover' }, (contents) => contents === 'popover')).toBeNull();
  });

  it('says why each other sender is refused', () => {
    expect(senderProblem({ senderFrame: null })).toBe('no sender frame');
    const disposed: SenderEvent = {
      get senderFrame(): SenderEvent['senderFrame'] {
        throw new Error('Render frame was disposed');
      },
    };
    expect(senderProblem(disposed)).toBe('sender frame is gone');
    const gone = { senderFrame: { parent: null, url: APP } };
    Object.defineProperty(gone.senderFrame, 'url', {
      get() {
        throw new Error('Render frame was disposed');
      },
    });
    expect(senderProblem(gone)).toBe('sender frame is gone');
    expect(senderProblem(frame(APP, { url: APP }))).toBe('sent from a sub-frame');
    expect(senderProblem(frame('https://evil.example/'))).toBe('sent from a foreign origin ("https://evil.example/")');
    expect(senderProblem({ ...GOOD, sender: 'devtools' }, (contents) => contents === 'popover')).toBe(
      'sent from an unknown window',
    );
  });

  it('quotes at most 100 characters of a foreign URL', () => {
    const url = `https://evil.example/${'a'.repeat(200)}`;
    expect(senderProblem(frame(url))).toBe(`sent from a foreign origin (${JSON.stringify(url.slice(0, 100))})`);
  });
});

describe('dispatch: replies and log lines', () => {
  it('refuses an unknown channel, quoting at most 100 characters of it', async () => {
    const long = `bridgelight:${'x'.repeat(200)}`;
    expect(await dispatch(h, long, GOOD, [], { log })).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'unknown channel' },
    });
    await dispatch(h, 42, GOOD, [], { log });
    expect(log.lines).toEqual([
      `warn: ipc: unknown channel ${JSON.stringify(long.slice(0, 100))} refused`,
      'warn: ipc: unknown channel "42" refused',
    ]);
  });

  it('logs why a sender was refused, and tells the renderer only that it is not allowed', async () => {
    expect(await dispatch(h, INVOKE_CHANNELS.recheck, frame(APP, {}), [], { log })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not allowed from this sender' },
    });
    expect(log.lines).toEqual(['warn: ipc: recheck refused: sent from a sub-frame']);
    expect(h.recheck).not.toHaveBeenCalled();
  });

  it('checks the window only when main gives a check', async () => {
    const trustedContents = vi.fn((contents: unknown) => contents === 'popover');
    expect(
      await dispatch(h, INVOKE_CHANNELS.recheck, { ...GOOD, sender: 'popover' }, [], { log, trustedContents }),
    ).toEqual({
      ok: true,
      value: undefined,
    });
    expect(trustedContents).toHaveBeenCalledWith('popover');
    expect(await dispatch(h, INVOKE_CHANNELS.recheck, { ...GOOD, sender: 'other' }, [], { log })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it.each([
    ['getState', ['now'], 'expected no arguments'],
    ['fix', [], 'expected one finding id'],
    ['fix', ['nat-source-stale', 'extra'], 'expected one finding id'],
    ['fix', ['not-a-finding'], 'not a Bridgelight finding id'],
    ['ignoreAddress', [], 'expected one address'],
    ['ignoreAddress', ['10.0.0.1', '10.0.0.2'], 'expected one address'],
    ['ignoreAddress', ['10.0.0.256'], 'not an IPv4 address'],
    ['ignoreAddress', [10], 'not an IPv4 address'],
    ['updateSettings', [], 'expected one settings object'],
    ['updateSettings', [{}, {}], 'expected one settings object'],
    ['muteFinding', ['nat-source-stale'], 'expected a finding id and a VM (or null)'],
    ['muteFinding', ['nat-source-stale', null, null], 'expected a finding id and a VM (or null)'],
    ['muteFinding', ['nat-source-stale', 42], 'the VM must be PROVIDER/NAME or null'],
    ['hideVm', [], 'expected one VM'],
    ['hideVm', ['lima/default', 'lima/other'], 'expected one VM'],
    ['hideVm', ['lima'], 'not a VM (PROVIDER/NAME)'],
  ] as const)('refuses %s with %j: %s', async (name, args, message) => {
    expect(await dispatch(h, INVOKE_CHANNELS[name], GOOD, args, { log })).toEqual({
      ok: false,
      error: { code: 'bad-payload', message },
    });
    expect(log.lines).toEqual([`warn: ipc: ${name} refused: ${message}`]);
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('passes the checked settings patch and mute on to the handler', async () => {
    expect(
      await dispatch(h, INVOKE_CHANNELS.updateSettings, GOOD, [{ minikubeProfile: 'dev' }], { log }),
    ).toMatchObject({
      ok: true,
    });
    expect(h.updateSettings).toHaveBeenCalledWith({ minikubeProfile: 'dev' });
    await dispatch(h, INVOKE_CHANNELS.muteFinding, GOOD, ['vm-dns-failure', 'lima/default'], { log });
    expect(h.muteFinding).toHaveBeenCalledWith('vm-dns-failure', 'lima/default');
    await dispatch(h, INVOKE_CHANNELS.ignoreAddress, GOOD, ['10.0.0.1'], { log });
    expect(h.ignoreAddress).toHaveBeenCalledWith('10.0.0.1');
    expect(log.lines).toEqual([]);
  });
});

describe('dispatch: a handler that throws', () => {
  it('logs the failure and sends its message', async () => {
    const error = new Error('minikube is not installed');
    h.recheck.mockRejectedValueOnce(error);
    expect(await dispatch(h, INVOKE_CHANNELS.recheck, GOOD, [], { log })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'minikube is not installed' },
    });
    expect(log.lines).toEqual(['error: ipc: recheck failed Error: minikube is not installed']);
  });

  it('says "failed" for an error without a message', async () => {
    h.copyDiagnostics.mockRejectedValueOnce(new Error(''));
    expect(await dispatch(h, INVOKE_CHANNELS.copyDiagnostics, GOOD, [], { log })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'failed' },
    });
  });

  it('reports a PayloadError or RangeError as bad input, without an error line', async () => {
    h.hideVm.mockImplementationOnce(() => {
      throw new PayloadError('lima/default is not a known VM');
    });
    expect(await dispatch(h, INVOKE_CHANNELS.hideVm, GOOD, ['lima/default'], { log })).toEqual({
      ok: false,
      error: { code: 'bad-payload', message: 'lima/default is not a known VM' },
    });
    h.ignoreAddress.mockImplementationOnce(() => {
      throw new RangeError('ignoredAddresses holds at most 64 entries');
    });
    expect(await dispatch(h, INVOKE_CHANNELS.ignoreAddress, GOOD, ['10.0.0.1'], { log })).toEqual({
      ok: false,
      error: { code: 'bad-payload', message: 'ignoredAddresses holds at most 64 entries' },
    });
    expect(log.lines).toEqual([]);
  });

  it('names a PayloadError as such', () => {
    expect(new PayloadError('x').name).toBe('PayloadError');
  });
});

describe('registerIpc with a given ipcMain', () => {
  it('routes each registered channel through the gate, and its undo removes exactly those', async () => {
    const listeners = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
    const removed: string[] = [];
    const dispose = registerIpc(
      h,
      { log },
      {
        handle: (channel, listener) => listeners.set(channel, listener),
        removeHandler: (channel) => removed.push(channel),
      },
    );
    expect([...listeners.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(await listeners.get(INVOKE_CHANNELS.undoFix)!(GOOD, 'nat-source-stale')).toEqual({
      ok: true,
      value: { outcome: 'verified', findingId: 'nat-source-stale', message: 'done' },
    });
    expect(h.undoFix).toHaveBeenCalledWith('nat-source-stale');
    expect(removed).toEqual([]);
    dispose();
    expect(removed.sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });
});

describe('invokeNameOf', () => {
  it('knows each channel of the closed list and nothing else', () => {
    expect(invokeNameOf(INVOKE_CHANNELS.fix)).toBe('fix');
    expect(invokeNameOf('fix')).toBeNull();
    expect(invokeNameOf('constructor')).toBeNull();
    expect(invokeNameOf(null)).toBeNull();
  });
});
