// The VM tools' stand-ins (test/lab/bin) answer in the real tools' shapes: each provider, run live against its
// stand-in, reads the lab VM it should, and a hung or garbled stand-in is that provider's VMs unknown. Listings
// need no namespaces, so this runs anywhere; the execs are proven with real packets in multivm.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TIMEOUTS } from '@src/node/collect';
import { Notes } from '@src/node/command-outcome';
import { PROVIDERS } from '@src/node/providers';
import type { ProviderContext } from '@src/node/providers/port';
import { createLiveRunner } from '@src/node/runners/live';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LAB_BIN } from './lab';

const dir = mkdtempSync(path.join(tmpdir(), 'bridgelight-standins-'));
const TOOLS = 'limactl,colima,multipass,container,tart,utmctl,podman';

function context(timeouts: Partial<typeof DEFAULT_TIMEOUTS> = {}): ProviderContext {
  return {
    runner: createLiveRunner({ path: `${LAB_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}` }),
    notes: new Notes(),
    timeouts: { ...DEFAULT_TIMEOUTS, ...timeouts },
    vmKey: (vm, file) => `${vm}/${file}`,
  };
}

const provider = (id: string) => PROVIDERS.find((candidate) => candidate.id === id)!;

beforeEach(() => {
  process.env.BRIDGELIGHT_LAB_DIR = dir;
  process.env.BRIDGELIGHT_LAB_TOOLS = TOOLS;
  delete process.env.BRIDGELIGHT_LAB_HANG;
  delete process.env.BRIDGELIGHT_LAB_GARBAGE;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lab stand-ins for the VM tools', () => {
  it.each([
    ['lima', 'default', 'running', 'user-mode', []],
    ['colima', 'default', 'running', 'user-mode', []],
    ['multipass', 'primary', 'running', 'vmnet-shared', ['192.168.64.2']],
    ['container', 'web', 'running', 'vmnet-shared', ['192.168.64.2']],
    ['tart', 'ubuntu', 'running', 'vmnet-shared', ['192.168.64.2']],
    ['utm', 'Lab Debian', 'running', 'unknown', ['192.168.77.6']],
    ['podman', 'podman-machine-default', 'running', 'user-mode', []],
  ])('%s: the provider reads its lab VM from the stand-in', async (id, name, state, network, ips) => {
    const ctx = context();
    const listings = await provider(id).list(ctx);
    expect(ctx.notes.list).toEqual([]);
    expect(listings?.map((vm) => [vm.name, vm.state, vm.network, vm.ips])).toEqual([[name, state, network, ips]]);
  });

  it.each(PROVIDERS.filter((candidate) => candidate.id !== 'minikube').map((candidate) => [candidate.id]))(
    '%s: without its tool named, the stand-in is an installed tool with no VMs',
    async (id) => {
      process.env.BRIDGELIGHT_LAB_TOOLS = '';
      const ctx = context();
      expect(await provider(id).list(ctx)).toEqual([]);
      expect(ctx.notes.list).toEqual([]);
    },
  );

  it('a stopped VM is listed stopped, so no exec is asked', async () => {
    const state = path.join(dir, 'tart-state');
    writeFileSync(state, 'stopped\n');
    try {
      const ctx = context();
      const [vm] = (await provider('tart').list(ctx)) ?? [];
      expect(vm).toMatchObject({ name: 'ubuntu', state: 'stopped', ips: [] });
      expect(await provider('tart').state(ctx, 'ubuntu', vm ?? null)).toMatchObject({ running: false });
    } finally {
      rmSync(state, { force: true });
    }
  });

  it('a hung tool times out: its VMs unknown', async () => {
    process.env.BRIDGELIGHT_LAB_HANG = 'limactl';
    const ctx = context({ hostCommandMs: 300 });
    expect(await provider('lima').list(ctx)).toBeNull();
    expect(await provider('lima').state(ctx, 'default', null)).toMatchObject({ availability: 'timeout' });
    expect(ctx.notes.list.map((note) => note.problem)).toEqual(['timeout']);
  });

  it('garbage from a tool: its VMs unknown, one line saying what came back; the other tools unaffected', async () => {
    process.env.BRIDGELIGHT_LAB_GARBAGE = 'container';
    const ctx = context();
    expect(await provider('container').list(ctx)).toBeNull();
    expect(ctx.notes.list).toEqual([
      {
        source: 'container-ls.json',
        problem: 'unparseable',
        detail:
          'container ls --all --format json: panic: runtime error: invalid memory address or nil pointer dereference',
      },
    ]);
    expect((await provider('multipass').list(context()))?.map((vm) => vm.name)).toEqual(['primary']);
  });

  it('logs one line per call, so a test can count each VM tool exec', async () => {
    const ctx = context();
    await provider('container').list(ctx);
    const calls = readFileSync(path.join(dir, 'container-calls.log'), 'utf8').trim().split('\n');
    expect(calls.at(-1)).toBe('ls --all --format json');
  });
});
