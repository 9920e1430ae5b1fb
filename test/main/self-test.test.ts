import { localNetworkFrom, runSelfTest, type SelfTestPorts } from '@src/main/self-test';
import type { Snapshot, TargetProbe, VmObservation } from '@src/shared/model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedDiagnosis, update } from './fixtures';

const reach = (target: string, error: string | null): TargetProbe => ({ target, ok: error === null, ms: null, error });

function vmWith(reached: TargetProbe | null | undefined, name = 'minikube'): VmObservation {
  return {
    provider: 'minikube',
    profile: name,
    availability: 'ok',
    state: 'Running',
    probe: null,
    probeError: null,
    ...(reached === undefined ? {} : { reach: reached }),
  };
}

function snapshotWith(...vms: VmObservation[]): Snapshot {
  return { ...update(seedDiagnosis()).snapshot, vm: vms[0] ?? null, vms };
}

function ports(overrides: Partial<SelfTestPorts> = {}): SelfTestPorts {
  return {
    version: '1.2.3',
    platform: 'darwin 15.5',
    timeoutMs: 5_000,
    loadPopover: async () => ({ api: true, rendered: true, fatal: null }),
    check: async () => ({ snapshot: snapshotWith(vmWith(reach('192.168.64.2:22', null))), diagnosis: seedDiagnosis() }),
    loginItemStatus: () => 'not-found',
    notify: async () => ({ answer: 'shown', error: null }),
    ...overrides,
  };
}

const step = (report: Awaited<ReturnType<typeof runSelfTest>>, name: string) =>
  report.steps.find((entry) => entry.name === name);

afterEach(() => vi.useRealTimers());

describe('the self-test report', () => {
  it('passes when the page, its preload, the check and the login item all worked, and says what it saw', async () => {
    const report = await runSelfTest(ports());
    expect(report).toMatchObject({
      selfTest: 'bridgelight',
      version: '1.2.3',
      platform: 'darwin 15.5',
      ok: true,
      verdict: 'red',
      localNetwork: 'allowed',
      notifications: 'shown',
    });
    expect(report.steps.map((entry) => entry.name)).toEqual([
      'popover',
      'preload',
      'page-script',
      'check',
      'local-network',
      'login-item',
      'notifications',
    ]);
    expect(step(report, 'login-item')?.detail).toBe('not-found');
    // One JSON report: it survives the round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('fails when the preload did not run, or the page script did not', async () => {
    const noApi = await runSelfTest(ports({ loadPopover: async () => ({ api: false, rendered: true, fatal: null }) }));
    expect(noApi.ok).toBe(false);
    expect(step(noApi, 'preload')).toMatchObject({ ok: false, detail: expect.stringContaining('preload did not run') });

    const empty = await runSelfTest(ports({ loadPopover: async () => ({ api: true, rendered: false, fatal: null }) }));
    expect(step(empty, 'page-script')).toMatchObject({ ok: false, detail: expect.stringContaining('#root is empty') });

    const fatal = 'Bridgelight could not connect to its main process (the preload script did not load).';
    const broken = await runSelfTest(ports({ loadPopover: async () => ({ api: false, rendered: true, fatal }) }));
    expect(step(broken, 'page-script')).toEqual({ name: 'page-script', ok: false, detail: fatal });
  });

  it('fails with the reason when the page does not load, and still runs every other step', async () => {
    const report = await runSelfTest(
      ports({
        loadPopover: async () =>
          Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading app://bridgelight/index.html')),
      }),
    );
    expect(report.ok).toBe(false);
    expect(step(report, 'popover')).toEqual({
      name: 'popover',
      ok: false,
      detail: 'ERR_FILE_NOT_FOUND (-6) loading app://bridgelight/index.html',
    });
    expect(step(report, 'check')?.ok).toBe(true);
    expect(step(report, 'login-item')?.ok).toBe(true);
  });

  it('fails when the check fails or never finishes, and then says Local Network was not tested', async () => {
    const failed = await runSelfTest(ports({ check: async () => Promise.reject(new Error('ifconfig: not found')) }));
    expect(step(failed, 'check')).toEqual({ name: 'check', ok: false, detail: 'ifconfig: not found' });
    expect(failed.localNetwork).toBe('not tested: the check did not finish');
    expect(failed.verdict).toBeNull();

    vi.useFakeTimers();
    const hanging = runSelfTest(ports({ check: () => new Promise(() => {}), timeoutMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    const report = await hanging;
    expect(step(report, 'check')).toEqual({ name: 'check', ok: false, detail: 'the check did not finish within 1 s' });
  });

  it('fails when Local Network privacy denied the check its VM', async () => {
    const report = await runSelfTest(
      ports({
        check: async () => ({
          snapshot: snapshotWith(vmWith(reach('192.168.64.2:22', 'EHOSTUNREACH'))),
          diagnosis: seedDiagnosis(),
        }),
      }),
    );
    expect(report.ok).toBe(false);
    expect(report.localNetwork).toBe('denied (192.168.64.2:22: EHOSTUNREACH)');
  });

  it('fails when the login item cannot be read', async () => {
    const report = await runSelfTest(
      ports({
        loginItemStatus: () => {
          throw new Error('SMAppService: unavailable');
        },
      }),
    );
    expect(step(report, 'login-item')).toEqual({ name: 'login-item', ok: false, detail: 'SMAppService: unavailable' });
  });

  it('reports notifications an unsigned build cannot show without failing the run', async () => {
    const report = await runSelfTest(
      ports({
        notify: async () => ({ answer: 'failed', error: 'Notifications are not allowed for this application' }),
      }),
    );
    expect(report.ok).toBe(true);
    expect(report.notifications).toBe('failed');
    expect(step(report, 'notifications')?.detail).toBe('failed: Notifications are not allowed for this application');

    vi.useFakeTimers();
    const silent = runSelfTest(ports({ notify: () => new Promise(() => {}), timeoutMs: 500 }));
    await vi.advanceTimersByTimeAsync(500);
    expect((await silent).notifications).toBe('no-answer');
  });
});

describe('Local Network, as the check met it', () => {
  it('is denied when any connect to a VM was refused by the privacy check', () => {
    expect(
      localNetworkFrom(
        snapshotWith(vmWith(reach('192.168.64.2:22', null)), vmWith(reach('192.168.105.2:22', 'EPERM'), 'b')),
      ),
    ).toBe('denied (192.168.105.2:22: EPERM)');
  });

  it('is allowed when a VM answered, even by refusing the port', () => {
    expect(localNetworkFrom(snapshotWith(vmWith(reach('192.168.64.2:22', 'ECONNREFUSED'))))).toBe('allowed');
  });

  it('cannot be told from a timeout alone, nor without a connect', () => {
    expect(localNetworkFrom(snapshotWith(vmWith(reach('192.168.64.2:22', 'timeout'))))).toBe(
      'unknown (192.168.64.2:22: timeout)',
    );
    expect(localNetworkFrom(snapshotWith(vmWith(undefined)))).toMatch(/^not tested/);
    expect(localNetworkFrom(snapshotWith())).toMatch(/^not tested/);
    // One-VM snapshots (v1 bundles) have no `vms`.
    const single = { ...snapshotWith(), vm: vmWith(reach('192.168.64.2:22', null)) };
    delete single.vms;
    expect(localNetworkFrom(single)).toBe('allowed');
  });
});
