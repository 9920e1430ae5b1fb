// The fix, shared by `bridgelight fix` and the app: from a finding id to a removed address and a verified path.
// Nothing here trusts the caller's idea of the state: the plan comes from a fresh diagnosis, and the helper
// re-validates everything again as root.

import type { CommandRunner } from '../shared/command';
import { undoCommand } from '../shared/diagnosis/commands';
import type { Diagnosis, EgressAddress, Finding, Platform } from '../shared/model';
import { type HelperCall, type HelperOutcome, helperArgv, helperOutcome } from './elevate';

export interface FixPlan {
  findingId: string;
  finding: Finding;
  platform: Platform;
  interface: string;
  address: string;
  prefixLength: number;
  command: string;
  undoCommand: string;
}

/** The helper's own rule (resources/bridgelight-helper valid_ifname): planning refuses what it would refuse. */
const HELPER_INTERFACE_NAME = /^[a-z][a-z0-9]{0,14}$/;

export type PlanResult = { ok: true; plan: FixPlan } | { ok: false; reason: string; absent: boolean };

/** What can be fixed is decided by the diagnosis alone: a finding with a remove-address fix on its egress. */
export function planFix(diagnosis: Diagnosis, platform: Platform, findingId: string): PlanResult {
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
  if (!HELPER_INTERFACE_NAME.test(fix.interface))
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
  if (result.notFound) return { outcome: 'failed', message: `${argv[0]} was not found` };
  if (result.timedOut) return { outcome: 'failed', message: 'the helper did not finish in time' };
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
