// The listing-based providers' remaining answers, on real samples: a listing refused or failed without output, a VM
// asked by its UUID, the exact note for a VM the listing lacks, one listing per check, and the address look-ups'
// keys and bounds.
import { DEFAULT_TIMEOUTS } from '@src/node/collect';
import { lima } from '@src/node/providers/lima';
import { probeShellLine } from '@src/node/providers/listed';
import { tart } from '@src/node/providers/tart';
import { utm } from '@src/node/providers/utm';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { realSample, replay, text } from './replay';

const LIMA = realSample('lima/pr308-limactl-list-json-stream-two-instances-qemu.json');
const UTM = realSample('utm/tailscale-gokrazy-utm-md-utmctl-list-one-started.txt');
const UUID = 'C0DE927B-F426-4ABA-A6E7-E30AA429371F';

describe('a listing that cannot be used', () => {
  it('refused by the bundle says nothing of the VM; failed without output says it failed', async () => {
    const refused = replay({ [BUNDLE_FILES.limaList]: { outcome: 'refused', exitCode: null } });
    expect(await lima.list(refused.context)).toBeNull();
    expect(await lima.state(refused.context, 'default', null)).toBeNull();

    const failed = replay({ [BUNDLE_FILES.limaList]: { exitCode: 1, stderr: 'limactl: permission denied\n' } });
    expect(await lima.list(failed.context)).toBeNull();
    expect(await lima.state(failed.context, 'default', null)).toEqual({
      availability: 'failed',
      state: null,
      running: false,
    });
    expect(failed.notes.list).toEqual([
      { source: BUNDLE_FILES.limaList, problem: 'failed', detail: 'limactl list --json: limactl: permission denied' },
    ]);
  });
});

describe('a VM asked without its listing entry', () => {
  it("is found by the tool's UUID as well as its name", async () => {
    const { context } = replay({ [BUNDLE_FILES.utmList]: text(UTM) });
    expect(await utm.state(context, UUID, null)).toEqual({ availability: 'ok', state: 'started', running: true });
  });

  it('not in the listing: one note in the tool’s words', async () => {
    const { context, notes } = replay({ [BUNDLE_FILES.limaList]: text(LIMA) });
    await lima.state(context, 'ghost', null);
    expect(notes.list).toEqual([
      { source: BUNDLE_FILES.limaList, problem: 'failed', detail: 'limactl list --json lists no instance ghost' },
    ]);
  });

  it('reads the listing once per check, but again for another check', async () => {
    const first = replay({ [BUNDLE_FILES.limaList]: text(LIMA) });
    await lima.list(first.context);
    await lima.state(first.context, 'default', null);
    expect(first.specs).toHaveLength(1);
    const second = replay({ [BUNDLE_FILES.limaList]: text(LIMA) });
    expect(await lima.state(second.context, 'alpine', null)).toMatchObject({ availability: 'ok', running: false });
    expect(second.specs).toHaveLength(1);
  });
});

describe('the probe exec of a listed tool', () => {
  it("is bounded like `minikube ssh` and keyed by the VM's name", () => {
    const { context } = replay({});
    expect(lima.probeExec(context, 'default', 'U0NSSVBU')).toEqual({
      key: `vm-default/${BUNDLE_FILES.vmProbe}`,
      argv: ['limactl', 'shell', '--workdir', '/', 'default', 'sh', '-c', 'echo U0NSSVBU | base64 -d | sh'],
      timeoutMs: DEFAULT_TIMEOUTS.minikubeSshMs,
    });
    expect(probeShellLine('QQ==')).toBe('echo QQ== | base64 -d | sh');
  });
});

describe("the address look-ups of Tart's and UTM's running VMs", () => {
  it("run under each VM's own key, bounded by a host command's timeout", async () => {
    const { context, specs } = replay({
      [BUNDLE_FILES.utmList]: text(UTM),
      [`vm-Tsapp/${BUNDLE_FILES.utmIpAddress}`]: text('192.168.64.5\n'),
    });
    await utm.list(context);
    expect(specs[1]).toEqual({
      key: `vm-Tsapp/${BUNDLE_FILES.utmIpAddress}`,
      argv: ['utmctl', 'ip-address', UUID],
      timeoutMs: DEFAULT_TIMEOUTS.hostCommandMs,
    });
  });

  it('a look-up missing from the bundle leaves the VM as listed', async () => {
    const started = realSample('tart/rspec-tart-list-format-json-local-and-oci.json')
      .replace('"Running" : false', '"Running" : true')
      .replace('"State" : "stopped"', '"State" : "running"');
    const { context } = replay({ [BUNDLE_FILES.tartList]: text(started) });
    expect((await tart.list(context))?.[0]).toMatchObject({ name: 'ubuntu', state: 'running', ips: [] });
  });
});
