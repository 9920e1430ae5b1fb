// A made-up VM tool for the collector's branches: its listing, each VM's state and the probe exec answer as the
// test says, and every command asked is recorded. Short argvs, so a failure's note reads plainly.
import type { CollectPorts } from '@src/node/collect';
import type { HostProber } from '@src/node/probes';
import type { VmProvider, VmStateAnswer } from '@src/node/providers/port';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import type { VmListing } from '@src/shared/vm';
import { commandResult } from '../../support/command-result';

export const vmListing = (name: string, extra: Partial<VmListing> = {}): VmListing => ({
  provider: 'lima',
  name,
  state: 'running',
  rawState: 'Running',
  ips: [],
  driver: 'vz',
  network: 'user-mode',
  networkEvidence: [],
  ...extra,
});

export interface FakeTool {
  provider: VmProvider;
  /** Every state question: `name listed|unlisted`. */
  asked: string[];
  /** Every probe script handed to the exec, decoded. */
  scripts: string[];
}

/**
 * A provider `lima` (tool `vmtool`) whose listing is one command (`vmtool list`) answered by the runner, whose
 * state is `states[name]` (or read from the listing when it has the VM and `states` does not), and whose exec is
 * `vmtool exec NAME` (the script is kept in `scripts`).
 */
export function fakeTool(listings: VmListing[] | null, states: Record<string, VmStateAnswer> = {}): FakeTool {
  const asked: string[] = [];
  const scripts: string[] = [];
  const provider: VmProvider = {
    id: 'lima',
    tool: 'vmtool',
    defaultName: 'default',
    async list({ runner }) {
      await runner.run({ key: 'vmtool-list.txt', argv: ['vmtool', 'list'], timeoutMs: 1_000 });
      return listings;
    },
    async state(_context, name, listing) {
      asked.push(`${name} ${listing ? 'listed' : 'unlisted'}`);
      if (Object.hasOwn(states, name)) return states[name]!;
      if (listing === null) return null;
      return { availability: 'ok', state: listing.rawState, running: listing.state === 'running' };
    },
    probeExec: ({ vmKey, timeouts }, name, script) => {
      scripts.push(Buffer.from(script, 'base64').toString('utf8'));
      return { key: vmKey(name, 'vm-probe.txt'), argv: ['vmtool', 'exec', name], timeoutMs: timeouts.minikubeSshMs };
    },
  };
  return { provider, asked, scripts };
}

const MISSING: Partial<CommandResult> = { outcome: 'missing', exitCode: null };

export interface FakeRun {
  ports: CollectPorts;
  specs: CommandSpec[];
}

/** Ports whose runner answers each key from `answers` (a missing key: not in the bundle). */
export function fakePorts(
  providers: VmProvider[],
  answers: Record<string, Partial<CommandResult>>,
  prober: HostProber = { probe: async () => null },
): FakeRun {
  const specs: CommandSpec[] = [];
  return {
    specs,
    ports: {
      providers,
      prober,
      runner: {
        locate: () => true,
        run: async (spec) => {
          specs.push(spec);
          return commandResult(Object.hasOwn(answers, spec.key) ? answers[spec.key] : MISSING);
        },
      },
    },
  };
}
