// The fix, shared by `bridgelight fix` and the app: from a finding id to a removed address and a verified path.
// Nothing here trusts the caller's idea of the state: what runs is re-planned from a fresh diagnosis after the
// person said yes, and the helper re-validates everything again as root. The transaction itself (confirm →
// re-collect → same plan? → helper → verify) is written once, below, over ports each front end supplies.

import type { CommandRunner } from '../shared/command';
import { undoCommand } from '../shared/diagnosis/commands';
import type { FindingId } from '../shared/finding-ids';
import type { Diagnosis, EgressAddress, Finding, Platform } from '../shared/model';
import { isInterfaceName } from '../shared/names';
import { type HelperCall, type HelperOutcome, helperArgv, helperOutcome } from './elevate';

export interface FixPlan {
  findingId: FindingId;
  finding: Finding;
  platform: Platform;
  interface: string;
  address: string;
  prefixLength: number;
  command: string;
  undoCommand: string;
}

/** The helper's own rule (resources/bridgelight-helper valid_ifname): planning refuses what it would refuse. */

export type PlanResult = { ok: true; plan: FixPlan } | { ok: false; reason: string; absent: boolean };

/** What can be fixed is decided by the diagnosis alone: a finding with a remove-address fix on its egress. */
export function planFix(diagnosis: Diagnosis, platform: Platform, findingId: FindingId): PlanResult {
  const finding = diagnosis.findings.find((candidate) => candidate.id === findingId);
  if (!finding)
    return {
      ok: false,
      absent: true,
      reason: `${findingId} is not among the current findings (verdict: ${diagnosis.verdict})`,
    };
  const fix = finding.fix;
  if (!fix) return { ok: false, absent: false, reason: `${findingId} has no safe automatic fix: ${finding.title}` };
  const entry: EgressAddress | undefined = diagnosis.egress?.addresses.find(
    (candidate) => candidate.address === fix.address,
  );
  if (!entry || diagnosis.egress?.interface !== fix.interface)
    return { ok: false, absent: false, reason: `${fix.address} is no longer on ${fix.interface}` };
  if (entry.role !== 'stale')
    return { ok: false, absent: false, reason: `${fix.address} is not judged stale any more` };
  if (!isInterfaceName(fix.interface))
    return {
      ok: false,
      absent: false,
      reason: `the helper only takes interface names of lower-case letters and digits, not ${fix.interface}; run \`${fix.command}\` yourself`,
    };
  return {
    ok: true,
    plan: {
      findingId,
      finding,
      platform,
      interface: fix.interface,
      address: fix.address,
      prefixLength: entry.prefixLength,
      command: fix.command,
      undoCommand: undoCommand(platform, fix.interface, fix.address, entry.prefixLength),
    },
  };
}

/** Whether two plans would do exactly the same thing (the state must not have moved while the user decided). */
export function samePlan(a: FixPlan, b: FixPlan): boolean {
  return (
    a.findingId === b.findingId &&
    a.interface === b.interface &&
    a.address === b.address &&
    a.prefixLength === b.prefixLength
  );
}

export interface HelperRun {
  outcome: HelperOutcome;
  /** The helper's one line (or the elevation tool's complaint). */
  message: string;
}

export interface HelperEnvironment {
  runner: CommandRunner;
  platform: Platform;
  isRoot: boolean;
}

const HELPER_TIMEOUT_MS = 120_000; // includes the time a person takes to type a password

export async function runHelper(env: HelperEnvironment, call: HelperCall): Promise<HelperRun> {
  const argv = helperArgv(env.platform, call, env.isRoot);
  const result = await env.runner.run({ key: `helper-${call.verb}`, argv, timeoutMs: HELPER_TIMEOUT_MS });
  if (result.outcome === 'not-found') return { outcome: 'failed', message: `${argv[0]} was not found` };
  if (result.outcome === 'timeout') return { outcome: 'failed', message: 'the helper did not finish in time' };
  const outcome = helperOutcome(env.platform, env.isRoot, result.exitCode, result.stderr);
  const text = (outcome === 'done' ? result.stdout : result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
  if (outcome === 'cancelled') return { outcome, message: 'cancelled at the password prompt' };
  return { outcome, message: text || `helper exit status ${result.exitCode}` };
}

export function removeCall(plan: FixPlan): HelperCall {
  return { verb: 'remove-address', interface: plan.interface, address: plan.address };
}

export function undoCall(plan: Pick<FixPlan, 'interface' | 'address' | 'prefixLength'>): HelperCall {
  return { verb: 'add-address', interface: plan.interface, address: `${plan.address}/${plan.prefixLength}` };
}

export type FixPhase = 'confirming' | 'rechecking' | 'elevating' | 'verifying';

/** What the fix transaction needs of its caller: the CLI and the app each supply their own. */
export interface FixPorts {
  /** A full, fresh collect and diagnosis; `reason` is for the logs. */
  diagnose(reason: string): Promise<Diagnosis>;
  /** Asks the person whether to go ahead with this plan (or with its undo). */
  confirm(plan: FixPlan): Promise<boolean>;
  /** The transaction reached this phase. */
  publish(phase: FixPhase): void;
  runHelper(call: HelperCall): Promise<HelperRun>;
}

/** How far a transaction got, with what it saw; each front end words it. */
export type FixTransaction =
  | { step: 'declined' }
  /** The network moved while the person decided: nothing was run. */
  | { step: 'moved'; reason: string }
  | { step: 'helper-not-done'; run: HelperRun }
  | { step: 'applied'; run: HelperRun; before: Diagnosis; after: Diagnosis }
  /** The helper did it, but the check afterwards failed. */
  | { step: 'unverified'; run: HelperRun; before: Diagnosis; error: Error };

interface Change {
  /** `fix` or `undo`: names the re-checks in the logs. */
  name: string;
  plan: FixPlan;
  call: HelperCall;
  /** Why the change no longer fits the network as it is now, or null when it still does. */
  moved(now: Diagnosis): string | null;
}

async function transact(change: Change, ports: FixPorts): Promise<FixTransaction> {
  ports.publish('confirming');
  if (!(await ports.confirm(change.plan))) return { step: 'declined' };
  // The network may have moved while the question was open: act only on what is still true now.
  ports.publish('rechecking');
  const before = await ports.diagnose(change.name);
  const reason = change.moved(before);
  if (reason) return { step: 'moved', reason };
  ports.publish('elevating');
  const run = await ports.runHelper(change.call);
  if (run.outcome !== 'done') return { step: 'helper-not-done', run };
  ports.publish('verifying');
  try {
    return { step: 'applied', run, before, after: await ports.diagnose(`${change.name}-verify`) };
  } catch (error) {
    return { step: 'unverified', run, before, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Removes the plan's address, if a fresh diagnosis after the confirmation still plans exactly that. */
export function applyFix(plan: FixPlan, ports: FixPorts): Promise<FixTransaction> {
  return transact(
    {
      name: 'fix',
      plan,
      call: removeCall(plan),
      moved(now) {
        const again = planFix(now, plan.platform, plan.findingId);
        if (!again.ok) return again.reason;
        if (samePlan(again.plan, plan)) return null;
        return `the fix would now remove ${again.plan.address}/${again.plan.prefixLength} from ${again.plan.interface}`;
      },
    },
    ports,
  );
}

export function hasAddress(diagnosis: Diagnosis, plan: Pick<FixPlan, 'interface' | 'address'>): boolean {
  return (
    diagnosis.egress?.interface === plan.interface &&
    diagnosis.egress.addresses.some((entry) => entry.address === plan.address)
  );
}

/** Puts a removed address back, unless a fresh diagnosis after the confirmation already lists it. */
export function undoFix(plan: FixPlan, ports: FixPorts): Promise<FixTransaction> {
  return transact(
    {
      name: 'undo',
      plan,
      call: undoCall(plan),
      moved: (now) => (hasAddress(now, plan) ? `${plan.address} is already on ${plan.interface} again` : null),
    },
    ports,
  );
}
