// The app's Fix: the renderer names a finding, and everything else comes from main's own diagnoses. Confirm →
// re-collect and re-plan (refuse if anything moved while the dialog was open) → the helper, elevated by the
// OS → re-check → before/after. One fix or undo at a time; every step is published into state.fix.
import type { MessageBoxOptions } from 'electron';
import type { HelperCall } from '../../node/elevate';
import {
  type FixPlan,
  type HelperEnvironment,
  type HelperRun,
  planFix,
  removeCall,
  runHelper,
  samePlan,
  undoCall,
} from '../../node/fix';
import type { FixOutcome, FixProgress, FixResult } from '../../preload/api';
import type { Diagnosis } from '../../shared/model';
import type { Logger } from '../logger';
import type { AppStore } from '../state/store';
import { CONFIRM_BUTTON, removeConfirmation, undoConfirmation } from './confirmation';

export interface FixFlowDeps {
  store: AppStore;
  /** A full re-collect and re-diagnose, resolving with the fresh diagnosis. */
  recheck(reason: string): Promise<Diagnosis>;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  helper: HelperEnvironment;
  log: Logger;
  runHelper?: (env: HelperEnvironment, call: HelperCall) => Promise<HelperRun>;
}

type Phase = FixProgress['phase'];

function summary(diagnosis: Diagnosis): { verdict: Diagnosis['verdict']; natSource: string | null } {
  return { verdict: diagnosis.verdict, natSource: diagnosis.egress?.natSource ?? null };
}

function hasAddress(diagnosis: Diagnosis, plan: FixPlan): boolean {
  return (
    diagnosis.egress?.interface === plan.interface &&
    diagnosis.egress.addresses.some((entry) => entry.address === plan.address)
  );
}

export class FixFlow {
  private busy = false;
  /** What each fix removed, for its undo. Kept in memory only: after a restart the undo command is shown. */
  private readonly removed = new Map<string, FixPlan>();
  private readonly run: (env: HelperEnvironment, call: HelperCall) => Promise<HelperRun>;

  constructor(private readonly deps: FixFlowDeps) {
    this.run = deps.runHelper ?? runHelper;
  }

  isBusy(): boolean {
    return this.busy;
  }

  fix(findingId: string): Promise<FixResult> {
    return this.exclusive(findingId, () => this.removeAddress(findingId));
  }

  undoFix(findingId: string): Promise<FixResult> {
    return this.exclusive(findingId, () => this.restoreAddress(findingId));
  }

  private async exclusive(findingId: string, work: () => Promise<FixResult>): Promise<FixResult> {
    // Not published: state.fix belongs to the fix that is running.
    if (this.busy)
      return { outcome: 'refused', findingId, message: 'Another fix is still running; wait for it to finish.' };
    this.busy = true;
    let result: FixResult;
    try {
      result = await work();
    } catch (error) {
      this.deps.log.error(`fix ${findingId} failed`, error);
      result = { outcome: 'failed', findingId, message: `Something went wrong: ${(error as Error).message}` };
    } finally {
      this.busy = false;
    }
    this.deps.log.info(`fix ${findingId}: ${result.outcome}: ${result.message}`);
    this.publish(findingId, 'done', result);
    return result;
  }

  private publish(findingId: string, phase: Phase, result: FixResult | null = null): void {
    this.deps.store.setState({ fix: { findingId, phase, result } });
  }

  private async confirmed(findingId: string, options: MessageBoxOptions): Promise<boolean> {
    this.publish(findingId, 'confirming');
    const { response } = await this.deps.showMessageBox(options);
    return response === CONFIRM_BUTTON;
  }

  private async elevate(findingId: string, call: HelperCall): Promise<HelperRun> {
    this.publish(findingId, 'elevating');
    return this.run(this.deps.helper, call);
  }

  private notDone(findingId: string, run: HelperRun): FixResult {
    const outcome: FixOutcome = run.outcome === 'done' ? 'failed' : run.outcome;
    const message =
      run.outcome === 'cancelled'
        ? 'Cancelled at the password prompt; nothing was changed.'
        : run.outcome === 'refused'
          ? `The helper refused: ${run.message}`
          : `The helper failed: ${run.message}`;
    return { outcome, findingId, message };
  }

  private async removeAddress(findingId: string): Promise<FixResult> {
    const latest = this.deps.store.getState().diagnosis;
    if (!latest) return { outcome: 'refused', findingId, message: 'No check has finished yet.' };
    const platform = this.deps.helper.platform;
    const planned = planFix(latest, platform, findingId);
    if (!planned.ok) return { outcome: 'refused', findingId, message: `Nothing to fix: ${planned.reason}.` };

    if (!(await this.confirmed(findingId, removeConfirmation(planned.plan))))
      return { outcome: 'cancelled', findingId, message: 'Left as it was.' };

    // The network may have moved while the dialog was open: act only on what is still true now.
    this.publish(findingId, 'rechecking');
    const before = await this.deps.recheck('fix');
    const again = planFix(before, platform, findingId);
    if (!again.ok)
      return {
        outcome: 'refused',
        findingId,
        message: `The situation changed while you decided (${again.reason}); nothing was done.`,
      };
    if (!samePlan(again.plan, planned.plan))
      return {
        outcome: 'refused',
        findingId,
        message: `The situation changed while you decided (the fix would now remove ${again.plan.address}/${again.plan.prefixLength} from ${again.plan.interface}); nothing was done.`,
      };
    const plan = again.plan;

    const run = await this.elevate(findingId, removeCall(plan));
    if (run.outcome !== 'done') return this.notDone(findingId, run);
    this.removed.set(findingId, plan);

    this.publish(findingId, 'verifying');
    const base = {
      findingId,
      interface: plan.interface,
      address: plan.address,
      before: summary(before),
      undoCommand: plan.undoCommand,
    };
    let after: Diagnosis;
    try {
      after = await this.deps.recheck('fix-verify');
    } catch (error) {
      return {
        ...base,
        outcome: 'applied-not-verified',
        message: `Removed ${plan.address} from ${plan.interface}, but the check afterwards failed: ${(error as Error).message}`,
      };
    }
    const gone = !after.findings.some((finding) => finding.id === findingId);
    return {
      ...base,
      outcome: gone ? 'verified' : 'applied-not-verified',
      after: summary(after),
      message: gone
        ? `Removed ${plan.address} from ${plan.interface}; NAT now uses ${after.egress?.natSource ?? 'an unknown address'}.`
        : `Removed ${plan.address} from ${plan.interface}, but ${findingId} is still reported.`,
    };
  }

  private async restoreAddress(findingId: string): Promise<FixResult> {
    const plan = this.removed.get(findingId);
    if (!plan)
      return {
        outcome: 'refused',
        findingId,
        message: 'Nothing to undo: Bridgelight has not removed an address for this finding since it started.',
      };
    if (!(await this.confirmed(findingId, undoConfirmation(plan))))
      return { outcome: 'cancelled', findingId, message: 'Left as it was.' };

    this.publish(findingId, 'rechecking');
    const before = await this.deps.recheck('undo');
    if (hasAddress(before, plan))
      return { outcome: 'refused', findingId, message: `${plan.address} is already on ${plan.interface} again.` };

    const run = await this.elevate(findingId, undoCall(plan));
    if (run.outcome !== 'done') return this.notDone(findingId, run);
    this.removed.delete(findingId);

    this.publish(findingId, 'verifying');
    const base = { findingId, interface: plan.interface, address: plan.address, before: summary(before) };
    let after: Diagnosis;
    try {
      after = await this.deps.recheck('undo-verify');
    } catch (error) {
      return {
        ...base,
        outcome: 'applied-not-verified',
        message: `Put ${plan.address} back on ${plan.interface}, but the check afterwards failed: ${(error as Error).message}`,
      };
    }
    const back = hasAddress(after, plan);
    return {
      ...base,
      outcome: back ? 'verified' : 'applied-not-verified',
      after: summary(after),
      message: back
        ? `Put ${plan.address} back on ${plan.interface}.`
        : `Asked to put ${plan.address} back on ${plan.interface}, but it is not listed there.`,
    };
  }
}
