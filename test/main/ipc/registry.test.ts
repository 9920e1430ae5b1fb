import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handlers } from './handlers';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});
vi.mock('electron', () => electron);

const { registerIpc, dispatch } = await import('@src/main/ipc/registry');
const { INVOKE_CHANNELS } = await import('@src/main/ipc/channels');
const { recordingLogger } = await import('../fixtures');

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
const GOOD = frame('app://bridgelight/index.html');

let h: ReturnType<typeof handlers>;
let log: ReturnType<typeof recordingLogger>;
beforeEach(() => {
  electron.handlers.clear();
  h = handlers();
  log = recordingLogger();
  registerIpc(h, { log });
});

function invoke(channel: string, event: unknown, ...args: unknown[]) {
  const listener = electron.handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args);
}

function noHandlerCalled(): void {
  for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
}

describe('registerIpc', () => {
  it('registers exactly the closed list of channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('removes them all again', () => {
    electron.handlers.clear();
    const dispose = registerIpc(h, { log });
    dispose();
    expect(electron.handlers.size).toBe(0);
  });

  it('accepts a good call and wraps the value in an envelope', async () => {
    expect(await invoke('bridgelight:fix', GOOD, 'nat-source-stale')).toEqual({
      ok: true,
      value: { outcome: 'verified', findingId: 'nat-source-stale', message: 'done' },
    });
    expect(h.fix).toHaveBeenCalledWith('nat-source-stale');
    expect(await invoke('bridgelight:get-state', GOOD)).toMatchObject({ ok: true, value: { checking: false } });
    expect(await invoke('bridgelight:update-settings', GOOD, { minikubeProfile: 'dev' })).toMatchObject({ ok: true });
    expect(h.updateSettings).toHaveBeenCalledWith({ minikubeProfile: 'dev' });
    expect(await invoke('bridgelight:ignore-address', GOOD, '172.2.9.61')).toMatchObject({ ok: true });
    expect(await invoke('bridgelight:copy-diagnostics', GOOD)).toEqual({ ok: true, value: undefined });
  });
});

describe('the sender gate', () => {
  it.each([
    ['a null senderFrame (navigated away)', { senderFrame: null }],
    ['a sub-frame', frame('app://bridgelight/index.html', { url: 'app://bridgelight/index.html' })],
    ['file://', frame('file:///Applications/Bridgelight.app/Contents/Resources/app.asar/out/renderer/index.html')],
    ['https://evil', frame('https://evil.example/')],
    ['a dev server', frame('http://localhost:5173/')],
    ['another app: host', frame('app://evil/index.html')],
    ['a look-alike host', frame('app://bridgelight.evil.example/index.html')],
    ['credentials in the URL', frame('app://user:pass@bridgelight/index.html')],
    ['a port', frame('app://bridgelight:1234/index.html')],
    ['about:blank', frame('about:blank')],
    ['an empty URL', frame('')],
    [
      'a frame that throws on access',
      {
        get senderFrame() {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ],
  ])('refuses %s', async (_name, event) => {
    expect(await invoke('bridgelight:fix', event, 'nat-source-stale')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not allowed from this sender' },
    });
    noHandlerCalled();
    expect(log.lines.some((line) => line.startsWith('warn: ipc: fix refused'))).toBe(true);
  });

  it('refuses a window main does not trust even on our origin', async () => {
    electron.handlers.clear();
    const popover = {};
    registerIpc(h, { log, trustedContents: (contents) => contents === popover });
    expect(await invoke('bridgelight:recheck', { ...GOOD, sender: {} })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await invoke('bridgelight:recheck', { ...GOOD, sender: popover })).toEqual({ ok: true, value: undefined });
  });
});

describe('payload guards', () => {
  it.each([
    ['fix', []],
    ['fix', ['not-a-finding']],
    ['fix', [42]],
    ['fix', [{ id: 'nat-source-stale' }]],
    ['fix', ['nat-source-stale', 'extra']],
    ['fix', ['__proto__']],
    ['undoFix', [null]],
    ['recheck', ['now']],
    ['getState', [{}]],
    ['ignoreAddress', ['172.2.9.61/16']],
    ['ignoreAddress', ['172.2.9.61; reboot']],
    ['ignoreAddress', [172]],
    ['hideVm', []],
    ['hideVm', ['lima']],
    ['hideVm', ['docker/desktop']],
    ['hideVm', ['lima/']],
    ['hideVm', ['lima/default\n']],
    ['hideVm', [' lima/default']],
    ['hideVm', [`lima/${'a'.repeat(129)}`]],
    ['hideVm', [{ ref: 'lima/default' }]],
    ['hideVm', ['lima/default', 'colima/default']],
    ['showVm', [42]],
    ['showVm', ['__proto__/x']],
    ['updateSettings', [{ hiddenVms: 'lima/default' }]],
    ['updateSettings', [{ hiddenVms: ['lima/default', 'lima/default'] }]],
    ['updateSettings', [{ hiddenVms: ['vmware/fusion'] }]],
    ['updateSettings', [{ minikubeProfile: '--driver=none' }]],
    ['updateSettings', [{ probeTargets: ['a b:1'] }]],
    ['updateSettings', [{ launchAtLogin: 'true' }]],
    ['updateSettings', [{ helperPath: '/tmp/evil' }]],
    ['updateSettings', [[]]],
    ['updateSettings', []],
    ['updateSettings', [{ mutedFindings: [{ id: 'not-a-finding', vm: null }] }]],
    ['muteFinding', ['nat-source-stale']],
    ['muteFinding', ['not-a-finding', null]],
    ['muteFinding', ['__proto__', null]],
    ['muteFinding', ['nat-source-stale', 'minikube']],
    ['muteFinding', ['nat-source-stale', 'vmware/x']],
    ['muteFinding', ['nat-source-stale', 'lima/a\nb']],
    ['muteFinding', ['nat-source-stale', undefined]],
    ['muteFinding', ['nat-source-stale', null, 'extra']],
    ['muteFinding', [{ id: 'nat-source-stale', vm: null }]],
    ['unmuteFinding', ['nat-source-stale', 42]],
    ['unmuteFinding', []],
  ] as const)('refuses %s with %j', async (name, args) => {
    const channel = INVOKE_CHANNELS[name];
    const reply = (await invoke(channel, GOOD, ...args)) as { ok: boolean; error?: { code: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('bad-payload');
    noHandlerCalled();
  });
});

describe('mute guards', () => {
  it('hand a known id and PROVIDER/NAME (or null) on to the handler', async () => {
    expect(await dispatch(h, INVOKE_CHANNELS.muteFinding, GOOD, ['nat-source-stale', null], { log })).toMatchObject({
      ok: true,
    });
    expect(h.muteFinding).toHaveBeenCalledWith('nat-source-stale', null);
    await dispatch(h, INVOKE_CHANNELS.unmuteFinding, GOOD, ['vm-dns-failure', 'lima/default'], { log });
    expect(h.unmuteFinding).toHaveBeenCalledWith('vm-dns-failure', 'lima/default');
  });
});

describe('hiding a VM', () => {
  it('passes a well-formed PROVIDER/NAME to the handler, a UTM name with spaces included', async () => {
    expect(await invoke(INVOKE_CHANNELS.hideVm, GOOD, 'lima/default')).toMatchObject({ ok: true });
    expect(await invoke(INVOKE_CHANNELS.showVm, GOOD, 'utm/Ubuntu 24.04')).toMatchObject({ ok: true });
    expect(h.hideVm).toHaveBeenCalledWith('lima/default');
    expect(h.showVm).toHaveBeenCalledWith('utm/Ubuntu 24.04');
  });
});

describe('dispatch', () => {
  it('refuses an unknown channel', async () => {
    expect(await dispatch(h, 'bridgelight:exec', GOOD, ['id'], { log })).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'unknown channel' },
    });
    expect(await dispatch(h, 42, GOOD, [], { log })).toMatchObject({ error: { code: 'unknown-channel' } });
    noHandlerCalled();
  });

  it('turns a handler failure into an envelope instead of a rejected invoke', async () => {
    h.recheck.mockRejectedValueOnce(new Error('minikube is not installed'));
    expect(await dispatch(h, INVOKE_CHANNELS.recheck, GOOD, [], { log })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'minikube is not installed' },
    });
    h.ignoreAddress.mockImplementationOnce(() => {
      throw new RangeError('ignoredAddresses holds at most 64 entries');
    });
    expect(await dispatch(h, INVOKE_CHANNELS.ignoreAddress, GOOD, ['10.0.0.1'], { log })).toMatchObject({
      error: { code: 'bad-payload' },
    });
  });
});
