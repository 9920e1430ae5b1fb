// The behaviours every listing-based provider shares, asserted per provider on its own real sample: the listing,
// a VM's state, the probe exec (its exact argv, and that what reaches the VM's shell really runs the script),
// a missing tool, a hung tool and garbage. Each <tool>.test.ts calls this with its tool's facts.
import { execFileSync } from 'node:child_process';
import { DEFAULT_TIMEOUTS } from '@src/node/collect';
import type { VmProvider } from '@src/node/providers/port';
import { wordingFor } from '@src/shared/providers';
import { expect, it } from 'vitest';
import { NOT_FOUND, replay, TIMED_OUT, text } from './replay';

export interface ListedCases {
  provider: VmProvider;
  listKey: string;
  /** A real listing sample's text. */
  sample: string;
  /** The sample's VMs as [name, state, network]. */
  expected: [string, string, string][];
  /** A running VM of the sample, and the argv (with SCRIPT for the encoded script) that runs its probe. */
  running: { name: string; argv: string[] };
  /** What the VM's shell ends up running, from the exec argv: the tool's own handling of its arguments. */
  inVm(argv: readonly string[]): string[];
}

const SCRIPT = 'ZWNobyBicmlkZ2VsaWdodC1wcm9iZS1vaw=='; // base64 of `echo bridgelight-probe-ok`

export function listedCases(cases: ListedCases): void {
  const { provider, listKey } = cases;
  const wording = wordingFor(provider.id);

  it('lists the real sample: names, states and path models', async () => {
    const { context, specs } = replay({ [listKey]: text(cases.sample) });
    const listings = await provider.list(context);
    expect(listings?.map((vm) => [vm.name, vm.state, vm.network])).toEqual(cases.expected);
    expect(specs[0]?.argv).toEqual([wording.tool, ...wording.listArgs]);
  });

  it("reads a VM's state from the listing, and a named VM's from the check's one listing", async () => {
    const { context, specs } = replay({ [listKey]: text(cases.sample) });
    // The collector gives the listing and each VM contexts of their own; the check's notes are the same.
    const [listings, named] = await Promise.all([
      provider.list({ ...context }),
      provider.state({ ...context }, cases.running.name, null),
    ]);
    expect(named).toMatchObject({ availability: 'ok', running: true });
    const listed = listings?.find((vm) => vm.name === cases.running.name) ?? null;
    expect(await provider.state(context, cases.running.name, listed)).toEqual(named);
    expect(specs.filter((spec) => spec.key === listKey)).toHaveLength(1);
  });

  it('says a VM the listing does not hold is not there, without running anything for it', async () => {
    const { context, notes, specs } = replay({ [listKey]: text(cases.sample) });
    expect(await provider.state(context, 'no-such-vm', null)).toEqual({
      availability: 'failed',
      state: null,
      running: false,
    });
    expect(specs.filter((spec) => spec.key === listKey)).toHaveLength(1);
    expect(specs.some((spec) => spec.argv.includes('no-such-vm') || spec.key.includes('no-such-vm'))).toBe(false);
    expect(notes.list.at(-1)?.detail).toMatch(/no-such-vm/);
  });

  it("runs the probe with the tool's exact exec argv, under the VM's own key", async () => {
    const { context } = replay({ [listKey]: text(cases.sample) });
    await provider.list(context);
    const spec = provider.probeExec(context, cases.running.name, SCRIPT);
    expect(spec.argv).toEqual(cases.running.argv.map((word) => word.replace('SCRIPT', SCRIPT)));
    expect(spec.key).toBe(`vm-${cases.running.name}/vm-probe.txt`);
    expect(spec.argv[0]).toBe(provider.tool);
  });

  it("hands the VM's shell a command line that decodes and runs the script", async () => {
    const { context } = replay({ [listKey]: text(cases.sample) });
    await provider.list(context);
    const [file, ...args] = cases.inVm(provider.probeExec(context, cases.running.name, SCRIPT).argv);
    expect(execFileSync(file!, args, { encoding: 'utf8' })).toBe('bridgelight-probe-ok\n');
  });

  it('missing tool: its VMs are not installed, and the note names the tool', async () => {
    const { context, notes } = replay({ [listKey]: NOT_FOUND });
    expect(await provider.list(context)).toBeNull();
    expect(await provider.state(context, cases.running.name, null)).toEqual({
      availability: 'not-installed',
      state: null,
      running: false,
    });
    expect(notes.list).toEqual([{ source: listKey, problem: 'not-found', detail: `${provider.tool} was not found` }]);
  });

  it("hung tool: its VMs time out (unknown), bounded by a host command's timeout", async () => {
    const { context, notes, specs } = replay({ [listKey]: TIMED_OUT });
    expect(await provider.list(context)).toBeNull();
    expect(await provider.state(context, cases.running.name, null)).toMatchObject({
      availability: 'timeout',
      running: false,
    });
    // A host command's bound, not minikube's: every VM's exec waits for the listings.
    expect(specs[0]?.timeoutMs).toBe(DEFAULT_TIMEOUTS.hostCommandMs);
    expect(notes.list.map((note) => note.problem)).toEqual(['timeout']);
  });

  it('garbage: its VMs are unknown, with one line saying what came back', async () => {
    const { context, notes } = replay({ [listKey]: text('Segmentation fault\n\u001b[31mpanic: oops\n') });
    expect(await provider.list(context)).toBeNull();
    expect(await provider.state(context, cases.running.name, null)).toMatchObject({
      availability: 'failed',
      running: false,
    });
    expect(notes.list).toHaveLength(1);
    expect(notes.list[0]).toMatchObject({ source: listKey, problem: 'unparseable' });
    expect(notes.list[0]?.detail).not.toMatch(/\n/);
  });

  it('a bundle without the listing says nothing about the VM (null), never a state', async () => {
    const { context } = replay({});
    expect(await provider.list(context)).toBeNull();
    expect(await provider.state(context, cases.running.name, null)).toBeNull();
  });
}

/** The argv after `sh -c` as the VM runs it: `sh -c LINE` (tools that keep the argument vector). */
export const shDashC = (argv: readonly string[]): string[] => argv.slice(argv.indexOf('sh'));
