// The generic VM collector's outcomes for one VM, on a made-up tool (fake-vm-tool.ts): what the probe exec's
// timeout, failure, absence and garbage become, a state the evidence does not give, a stopped VM, the choice of VM
// when nothing runs, the early state of a named VM, and the script it is handed.
import type { CollectOptions } from '@src/node/collect';
import { Notes } from '@src/node/command-outcome';
import type { HostProber } from '@src/node/probes';
import { chooseVm, collectVm, collectVms, vmKeyByLayout } from '@src/node/providers';
import type { CommandResult } from '@src/shared/command';
import { describe, expect, it } from 'vitest';
import { fakePorts, fakeTool, vmListing } from './fake-vm-tool';

const options: CollectOptions = {
  platform: 'linux',
  profile: null,
  probeTargets: [],
  dnsName: 'a.example',
  probe: false,
};
const ROUTE = { destination: 'default', gateway: '192.0.2.1', interface: 'eth0', flags: [], scoped: false };
const PROBE = '@@bridgelight-vm-probe v1\n@@section ip-route\ndefault via 192.0.2.1 dev eth0\n@@status 0\n@@end\n';
const DEV = vmListing('dev');

/** The one running VM `dev`, its exec answered with `exec` (and `more` answers besides). */
async function observeDev(exec: Partial<CommandResult> | undefined, more: Record<string, Partial<CommandResult>> = {}) {
  const tool = fakeTool([DEV]);
  const notes = new Notes();
  const run = fakePorts([tool.provider], { ...(exec ? { 'vm-probe.txt': exec } : {}), ...more });
  const vms = await collectVms(run.ports, options, notes);
  return { vms, notes, specs: run.specs, tool };
}

describe('what the probe exec of one running VM becomes', () => {
  it('its output, read', async () => {
    const { vms } = await observeDev({ stdout: PROBE });
    expect(vms).toEqual([
      {
        provider: 'lima',
        profile: 'dev',
        availability: 'ok',
        state: 'Running',
        probe: { routes: [ROUTE], nameservers: null, dns: null, targets: [] },
        probeError: null,
        listing: DEV,
      },
    ]);
  });

  it('a hung exec: the tool and its own time limit', async () => {
    const { vms } = await observeDev({ outcome: 'timeout', exitCode: null });
    expect(vms[0]).toMatchObject({
      state: 'Running',
      probe: null,
      probeError: 'vmtool exec did not answer within 20 s',
    });
  });

  it('a failed exec: the note saying why', async () => {
    const { vms, notes } = await observeDev({ exitCode: 1, stderr: 'guest agent is not running\n' });
    expect(vms[0]).toMatchObject({ probe: null, probeError: 'vmtool exec dev: guest agent is not running' });
    expect(notes.list).toEqual([
      { source: 'vm-probe.txt', problem: 'failed', detail: 'vmtool exec dev: guest agent is not running' },
    ]);
  });

  it('output without the marker: its first line, noted as unparseable', async () => {
    const { vms, notes } = await observeDev({ stdout: 'Permission denied (publickey).\n' });
    expect(vms[0]).toMatchObject({ state: 'Running', probe: null, probeError: 'Permission denied (publickey).' });
    expect(notes.list).toEqual([
      { source: 'vm-probe.txt', problem: 'unparseable', detail: 'Permission denied (publickey).' },
    ]);
  });

  it("a bundle without the exec's output: the VM's own `ip route` when the bundle has it", async () => {
    const { vms, specs } = await observeDev(undefined, {
      'vm-ip-route.txt': { stdout: 'default via 192.0.2.1 dev eth0\n' },
    });
    expect(vms[0]).toMatchObject({
      state: 'Running',
      probe: { routes: [ROUTE], nameservers: null, dns: null, targets: [] },
      probeError: null,
    });
    expect(specs.at(-1)).toEqual({ key: 'vm-ip-route.txt', argv: ['ip', 'route'], timeoutMs: 1_000 });
    const bare = await observeDev(undefined);
    expect(bare.vms[0]).toMatchObject({ state: 'Running', probe: null, probeError: null });
  });

  it('is handed a script built from the options: targets, DNS name, step timeout, internal name', async () => {
    const tool = fakeTool([DEV]);
    const run = fakePorts([tool.provider], { 'vm-probe.txt': { stdout: PROBE } });
    await collectVms(
      run.ports,
      {
        ...options,
        probeTargets: ['192.0.2.7:80'],
        dnsName: 'registry.example',
        internalName: 'corp.example',
        timeouts: { vmStepSeconds: 7 },
      },
      new Notes(),
    );
    const [script] = tool.scripts;
    expect(script?.startsWith('{\nbl_t=7\n')).toBe(true);
    expect(script).toContain(`bl_probe '192.0.2.7' '80'`);
    expect(script).toContain(`bl_dns 'registry.example' dns`);
    expect(script).toContain(`bl_dns 'corp.example' dns-internal`);
    const plain = fakeTool([DEV]);
    await collectVms(fakePorts([plain.provider], {}).ports, options, new Notes());
    expect(plain.scripts[0]).not.toContain('dns-internal');
  });
});

describe('a VM whose state the evidence does not give, or that does not run', () => {
  it("without the tool's answer, counts the VM's own routes, and drops a VM with none", async () => {
    const withRoutes = fakeTool([DEV], { dev: null });
    const run = fakePorts([withRoutes.provider], { 'vm-ip-route.txt': { stdout: 'default via 192.0.2.1 dev eth0\n' } });
    expect(await collectVms(run.ports, options, new Notes())).toEqual([
      {
        provider: 'lima',
        profile: 'dev',
        availability: 'ok',
        state: null,
        probe: { routes: [ROUTE], nameservers: null, dns: null, targets: [] },
        probeError: null,
        listing: DEV,
      },
    ]);
    const without = fakeTool([DEV], { dev: null });
    expect(await collectVms(fakePorts([without.provider], {}).ports, options, new Notes())).toEqual([]);
  });

  it('a VM that is stopped or timed out is reported as the tool says, and never exec-ed', async () => {
    const stopped = vmListing('idle', { state: 'stopped', rawState: 'Stopped' });
    const tool = fakeTool([DEV, stopped], { dev: { availability: 'timeout', state: null, running: false } });
    const run = fakePorts([tool.provider], {});
    const vms = await collectVms(run.ports, { ...options, vms: [{ provider: 'lima', name: null }] }, new Notes());
    expect(vms.map((vm) => [vm.profile, vm.availability, vm.state, vm.probe, vm.probeError])).toEqual([
      ['dev', 'timeout', null, null, null],
      ['idle', 'ok', 'Stopped', null, null],
    ]);
    expect(run.specs.map((spec) => spec.key)).toEqual(['vmtool-list.txt']);
  });
});

describe('which VM is checked', () => {
  it('when nothing runs: the default VM, with what the listing says of it', async () => {
    const idle = vmListing('default', { state: 'stopped', rawState: 'Stopped' });
    const tool = fakeTool([vmListing('other', { state: 'stopped', rawState: 'Stopped' }), idle]);
    const vms = await collectVms(fakePorts([tool.provider], {}).ports, options, new Notes());
    expect(vms).toEqual([
      {
        provider: 'lima',
        profile: 'default',
        availability: 'ok',
        state: 'Stopped',
        probe: null,
        probeError: null,
        listing: idle,
      },
    ]);
  });

  it("an unreadable listing: the default VM is asked, unless the tool was gone (then it is 'not installed')", async () => {
    const failed = fakeTool(null, { default: { availability: 'failed', state: null, running: false } });
    const run = fakePorts([failed.provider], { 'vmtool-list.txt': { exitCode: 1 } });
    expect(await collectVms(run.ports, options, new Notes())).toMatchObject([
      { profile: 'default', availability: 'failed' },
    ]);
    expect(failed.asked).toEqual(['default unlisted']);

    const gone = fakeTool(null);
    const goneRun = fakePorts([gone.provider], { 'vmtool-list.txt': { outcome: 'not-found', exitCode: null } });
    expect(await collectVms(goneRun.ports, options, new Notes())).toEqual([
      {
        provider: 'lima',
        profile: 'default',
        availability: 'not-installed',
        state: null,
        probe: null,
        probeError: null,
      },
    ]);
    expect(gone.asked).toEqual([]);
  });

  it('a named VM: its state is asked before the listing, and again with the listing when that first answer was none', async () => {
    const tool = fakeTool([DEV]);
    const run = fakePorts([tool.provider], { 'vm-probe.txt': { stdout: PROBE } });
    const vms = await collectVms(run.ports, { ...options, vms: [{ provider: 'lima', name: 'dev' }] }, new Notes());
    expect(tool.asked).toEqual(['dev unlisted', 'dev listed']);
    expect(vms).toMatchObject([{ profile: 'dev', state: 'Running', listing: DEV }]);
    // Alone on the check, its files keep their plain names.
    expect(run.specs.map((spec) => spec.key)).toContain('vm-probe.txt');

    const answered = fakeTool([DEV], { dev: { availability: 'ok', state: 'Running', running: true } });
    await collectVms(
      fakePorts([answered.provider], {}).ports,
      { ...options, vms: [{ provider: 'lima', name: 'dev' }] },
      new Notes(),
    );
    expect(answered.asked).toEqual(['dev unlisted']);
  });

  it('two named VMs: each under its own file names', async () => {
    const tool = fakeTool([DEV, vmListing('two')]);
    const run = fakePorts([tool.provider], {});
    await collectVms(
      run.ports,
      {
        ...options,
        vms: [
          { provider: 'lima', name: 'dev' },
          { provider: 'lima', name: 'two' },
        ],
      },
      new Notes(),
    );
    expect(run.specs.filter((spec) => spec.argv[1] === 'exec').map((spec) => spec.key)).toEqual([
      'lima.dev.vm-probe.txt',
      'lima.two.vm-probe.txt',
    ]);
  });

  it('a provider named as a whole but not installed: its default VM is "not installed"', async () => {
    const tool = fakeTool([DEV]);
    const run = fakePorts([tool.provider], {});
    run.ports.runner.locate = () => false;
    expect(
      await collectVms(run.ports, { ...options, vms: [{ provider: 'lima', name: null }] }, new Notes()),
    ).toMatchObject([{ provider: 'lima', profile: 'default', availability: 'not-installed' }]);
    expect(run.specs).toEqual([]);
  });

  it('no provider at all: no VM', async () => {
    const run = fakePorts([], {});
    expect(await collectVms(run.ports, options, new Notes())).toEqual([]);
    expect(await collectVm(run.ports, options, new Notes())).toBeNull();
  });

  it('chooseVm: the named VM, else the first running one, else the default', () => {
    const listings = [vmListing('a', { state: 'stopped' }), vmListing('b'), vmListing('c')];
    expect(chooseVm(listings, 'x', 'default')).toBe('x');
    expect(chooseVm(listings, null, 'default')).toBe('b');
    expect(chooseVm([vmListing('a', { state: 'stopped' })], null, 'default')).toBe('default');
    expect(chooseVm(null, null, 'default')).toBe('default');
  });

  it("vmKeyByLayout: a lone VM's plain file name, else the file under the VM's name", () => {
    expect(vmKeyByLayout('lima', 'dev', 'vm-probe.txt', true)).toBe('vm-probe.txt');
    expect(vmKeyByLayout('lima', 'dev', 'vm-probe.txt', false)).toBe('lima.dev.vm-probe.txt');
  });
});

describe("the host's own connect to the VM", () => {
  it('is carried on the observation, even when the prober could not say (null)', async () => {
    const listing = vmListing('dev', { network: 'vmnet-shared', ips: ['192.168.64.9'] });
    const reached: string[] = [];
    const prober: HostProber = {
      probe: async () => null,
      reach: async (target) => {
        reached.push(target);
        return null;
      },
    };
    const run = fakePorts([fakeTool([listing]).provider], { 'vm-probe.txt': { stdout: PROBE } }, prober);
    const [vm] = await collectVms(run.ports, { ...options, platform: 'darwin' }, new Notes());
    expect(vm).toHaveProperty('reach', null);
    expect(reached).toEqual(['192.168.64.9:22']);
  });
});
