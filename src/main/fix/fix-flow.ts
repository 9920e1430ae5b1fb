// The app's Fix: the renderer names a finding, and everything else comes from main's own diagnoses. The
// transaction (confirm → re-collect and re-plan → the helper, elevated by the OS → verify) is src/node/fix.ts's;
// this supplies its ports (the native dialog, the monitor's re-check, state.fix), runs one fix or undo at a
// time, remembers what it removed for the undo, and words the outcome for the popover.
import type { MessageBoxOptions } from 'electron';
import type { HelperCall } from '../../node/elevate';
import {
  applyFix,
  type FixPhase,
  type FixPlan,
  type FixPorts,
  type FixTransaction,
  type HelperEnvironment,
  type HelperRun,
  hasAddress,
  planFix,
  runHelper,
  undoFix,
} from '../../node/fix';
import type { FixOutcome, FixResult } from '../../shared/app-api';
import type { FindingId } from '../../shared/finding-ids';
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

type Phase = FixPhase | 'done';
type Applied = Extract<FixTransaction, { step: 'applied' | 'unverified' }>;

function summary(diagnosis: Diagnosis): { verdict: Diagnosis['verdict']; natSource: string | null } {
  return { verdict: diagnosis.verdict, natSource: diagnosis.egress?.natSource ?? null };
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

  fix(findingId: FindingId): Promise<FixResult> {
    return this.exclusive(findingId, () => this.removeAddress(findingId));
  }

  undoFix(findingId: FindingId): Promise<FixResult> {
    return this.exclusive(findingId, () => this.restoreAddress(findingId));
  }

  private async exclusive(findingId: FindingId, work: () => Promise<FixResult>): Promise<FixResult> {
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

  private publish(findingId: FindingId, phase: Phase, result: FixResult | null = null): void {
    this.deps.store.setState({ fix: { findingId, phase, result } });
  }

  private ports(findingId: FindingId, dialog: (plan: FixPlan) => MessageBoxOptions): FixPorts {
    return {
      diagnose: (reason) => this.deps.recheck(reason),
      confirm: async (plan) => (await this.deps.showMessageBox(dialog(plan))).response === CONFIRM_BUTTON,
      publish: (phase) => this.publish(findingId, phase),
      runHelper: (call) => this.run(this.deps.helper, call),
    };
  }

  /** The outcomes a fix and its undo word alike; the transaction itself once the helper did its part. */
  private unlessApplied(
    findingId: FindingId,
    done: FixTransaction,
    movedMessage: (reason: string) => string,
  ): FixResult | Applied {
    switch (done.step) {
      case 'declined':
        return { outcome: 'cancelled', findingId, message: 'Left as it was.' };
      case 'moved':
        return { outcome: 'refused', findingId, message: movedMessage(done.reason) };
      case 'helper-not-done':
        return this.notDone(findingId, done.run);
      default:
        return done;
    }
  }

  private notDone(findingId: FindingId, run: HelperRun): FixResult {
    const outcome: FixOutcome = run.outcome === 'done' ? 'failed' : run.outcome;
    const message =
      run.outcome === 'cancelled'
        ? 'Cancelled at the password prompt; nothing was changed.'
        : run.outcome === 'refused'
          ? `The helper refused: ${run.message}`
          : `The helper failed: ${run.message}`;
    return { outcome, findingId, message };
  }

  private async removeAddress(findingId: FindingId): Promise<FixResult> {
    const latest = this.deps.store.getState().diagnosis;
    if (!latest) return { outcome: 'refused', findingId, message: 'No check has finished yet.' };
    const planned = planFix(latest, this.deps.helper.platform, findingId);
    if (!planned.ok) return { outcome: 'refused', findingId, message: `Nothing to fix: ${planned.reason}.` };

    const plan = planned.plan;
    const done = this.unlessApplied(
      findingId,
      await applyFix(plan, this.ports(findingId, removeConfirmation)),
      (reason) => `The situation changed while you decided (${reason}); nothing was done.`,
    );
    if (!('step' in done)) return done;
    this.removed.set(findingId, plan);
    const base = {
      findingId,
      interface: plan.interface,
      address: plan.address,
      before: summary(done.before),
      undoCommand: plan.undoCommand,
    };
    if (done.step === 'unverified')
      return {
        ...base,
        outcome: 'applied-not-verified',
        message: `Removed ${plan.address} from ${plan.interface}, but the check afterwards failed: ${done.error.message}`,
      };
    const gone = !done.after.findings.some((finding) => finding.id === findingId);
    return {
      ...base,
      outcome: gone ? 'verified' : 'applied-not-verified',
      after: summary(done.after),
      message: gone
        ? `Removed ${plan.address} from ${plan.interface}; NAT now uses ${done.after.egress?.natSource ?? 'an unknown address'}.`
        : `Removed ${plan.address} from ${plan.interface}, but ${findingId} is still reported.`,
    };
  }

  private async restoreAddress(findingId: FindingId): Promise<FixResult> {
    const plan = this.removed.get(findingId);
    if (!plan)
      return {
        outcome: 'refused',
        findingId,
        message: 'Nothing to undo: Bridgelight has not removed an address for this finding since it started.',
      };

    const done = this.unlessApplied(
      findingId,
      await undoFix(plan, this.ports(findingId, undoConfirmation)),
      (reason) => `${reason}.`,
    );
    if (!('step' in done)) return done;
    this.removed.delete(findingId);
    const base = { findingId, interface: plan.interface, address: plan.address, before: summary(done.before) };
    if (done.step === 'unverified')
      return {
        ...base,
        outcome: 'applied-not-verified',
        message: `Put ${plan.address} back on ${plan.interface}, but the check afterwards failed: ${done.error.message}`,
      };
    const back = hasAddress(done.after, plan);
    return {
      ...base,
      outcome: back ? 'verified' : 'applied-not-verified',
      after: summary(done.after),
      message: back
        ? `Put ${plan.address} back on ${plan.interface}.`
        : `Asked to put ${plan.address} back on ${plan.interface}, but it is not listed there.`,
    };
  }
}
