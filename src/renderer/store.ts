// The popover's one store. `app` mirrors main's AppState and is only ever replaced by what main sends: the
// renderer has no opinion about the network, it shows main's. Everything else is UI state that main never sees.
import { create } from 'zustand';
import type { AppState, BridgelightApi, FixResult, Settings } from '../shared/app-api';
import type { FindingId } from '../shared/finding-ids';
import type { VmRef } from '../shared/vm';
import { errorMessage } from './format';

export type FixCallKind = 'fix' | 'undo';

/** A fix or undo this popover asked for. `result` is null while main is still working on it. */
export interface FixCall {
  kind: FixCallKind;
  findingId: FindingId;
  result: FixResult | null;
}

export interface PopoverState {
  app: AppState;
  /** The finding main asked the popover to open on, or null. */
  focusedFindingId: FindingId | null;
  /** False until main's first state arrived, so the popover never flashes "No check yet" while loading. */
  ready: boolean;
  /** Expanded disclosure sections by key (`finding:<id>`, `address:<ip>`). */
  expanded: Record<string, boolean>;
  settingsOpen: boolean;
  fixCall: FixCall | null;
  /** Main keeps its last fix result in every state it sends; once dismissed it must stay dismissed. */
  dismissedResultKey: string | null;
  /** The last command that failed to reach main (IPC rejected), in words. */
  error: string | null;
}

const EMPTY_APP: AppState = { diagnosis: null, checkedAt: null, checking: false };

export const usePopover = create<PopoverState>()(() => ({
  app: EMPTY_APP,
  focusedFindingId: null,
  ready: false,
  expanded: {},
  settingsOpen: false,
  fixCall: null,
  dismissedResultKey: null,
  error: null,
}));

let bridge: BridgelightApi | null = null;

function api(): BridgelightApi {
  if (!bridge) throw new Error('The popover is not connected to Bridgelight yet.');
  return bridge;
}

function receive(state: AppState): void {
  usePopover.setState((current) => {
    // Optional in the contract (src/shared/app-api.ts): a state without it opens nothing.
    const focus = state.focusFindingId ?? null;
    // Only a newly named finding is opened: every later push repeats the name, and must not undo a collapse.
    const newFocus = focus !== null && focus !== current.focusedFindingId;
    // A run main reports as under way is newer than any result we hold from our own last call (it may have been
    // started elsewhere, e.g. by a notification): let main's progress and then main's result show.
    const runningElsewhere = state.fix != null && state.fix.phase !== 'done' && current.fixCall?.result != null;
    return {
      app: state,
      fixCall: runningElsewhere ? null : current.fixCall,
      focusedFindingId: focus,
      ready: true,
      expanded: newFocus ? { ...current.expanded, [`finding:${focus}`]: true } : current.expanded,
      // The settings panel cannot outlive the settings it edits, nor hide the finding main asked to show.
      settingsOpen: current.settingsOpen && state.settings !== undefined && !newFocus,
    };
  });
}

function report(error: unknown): void {
  usePopover.setState({ error: errorMessage(error) });
}

/**
 * Mirrors main's state: subscribe first, then ask for the current state, so no push can fall between the two.
 * A push that arrives before getState() answers is newer than (or as new as) that answer, so the answer is
 * dropped then rather than allowed to roll the popover back.
 */
export function connect(api: BridgelightApi): () => void {
  bridge = api;
  let pushed = false;
  const unsubscribe = api.onState((state) => {
    pushed = true;
    receive(state);
  });
  api.getState().then((state) => {
    if (!pushed) receive(state);
  }, report);
  return () => {
    unsubscribe();
    bridge = null;
  };
}

// ---- derived state (plain functions over the state, used by components with primitive selectors) ----

/** A fix is running, whether main says so (phase) or our own call has not come back yet. */
export function isFixBusy(state: PopoverState): boolean {
  const phase = state.app.fix?.phase;
  return (phase !== undefined && phase !== 'done') || (state.fixCall !== null && state.fixCall.result === null);
}

export function resultKey(result: FixResult): string {
  return `${result.findingId}|${result.outcome}|${result.message}`;
}

export interface ShownResult {
  /** `main` when the result came only in main's state (e.g. the popover was reopened): kind unknown. */
  kind: FixCallKind | 'main';
  result: FixResult;
}

export function shownResult(state: PopoverState): ShownResult | null {
  if (state.fixCall?.result) return { kind: state.fixCall.kind, result: state.fixCall.result };
  const fix = state.app.fix;
  if (fix?.phase === 'done' && fix.result && resultKey(fix.result) !== state.dismissedResultKey) {
    return { kind: 'main', result: fix.result };
  }
  return null;
}

/** The finding the current progress or result is about, if any. */
export function fixSubjectId(state: PopoverState): FindingId | null {
  if (isFixBusy(state)) {
    if (state.fixCall && state.fixCall.result === null) return state.fixCall.findingId;
    return state.app.fix?.findingId ?? null;
  }
  return shownResult(state)?.result.findingId ?? null;
}

// ---- UI state ----

export function toggleExpanded(key: string): void {
  usePopover.setState((state) => ({ expanded: { ...state.expanded, [key]: !state.expanded[key] } }));
}

export function setSettingsOpen(open: boolean): void {
  usePopover.setState((state) => ({ settingsOpen: open && state.app.settings !== undefined }));
}

export function dismissResult(): void {
  usePopover.setState((state) => {
    const fromMain = state.app.fix?.result;
    return { fixCall: null, dismissedResultKey: fromMain ? resultKey(fromMain) : state.dismissedResultKey };
  });
}

export function clearError(): void {
  usePopover.setState({ error: null });
}

// ---- commands to main. Only ids and settings cross: what a fix changes is main's to decide. ----

export async function recheck(): Promise<void> {
  usePopover.setState({ error: null });
  try {
    await api().recheck();
  } catch (error) {
    report(error);
  }
}

async function runFix(kind: FixCallKind, findingId: FindingId): Promise<void> {
  // The button is disabled while busy, but a double click can land before React re-renders.
  if (isFixBusy(usePopover.getState())) return;
  usePopover.setState({ fixCall: { kind, findingId, result: null }, error: null });
  let result: FixResult;
  try {
    result = kind === 'fix' ? await api().fix(findingId) : await api().undoFix(findingId);
  } catch (error) {
    result = { outcome: 'failed', findingId, message: errorMessage(error) };
  }
  usePopover.setState({ fixCall: { kind, findingId, result } });
}

export function fix(findingId: FindingId): Promise<void> {
  return runFix('fix', findingId);
}

export function undoFix(findingId: FindingId): Promise<void> {
  return runFix('undo', findingId);
}

/** Resolves true when main accepted the change; the new settings then arrive with main's next state. */
async function changeSettings(call: () => Promise<Settings>): Promise<boolean> {
  usePopover.setState({ error: null });
  try {
    await call();
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}

export function updateSettings(patch: Partial<Settings>): Promise<boolean> {
  return changeSettings(() => api().updateSettings(patch));
}

/** Mutes or unmutes a finding id (for one VM, or null for every VM); main re-marks the diagnosis and pushes it. */
export function muteFinding(findingId: FindingId, vm: VmRef | null): Promise<boolean> {
  return changeSettings(() => api().muteFinding(findingId, vm));
}

export function unmuteFinding(findingId: FindingId, vm: VmRef | null): Promise<boolean> {
  return changeSettings(() => api().unmuteFinding(findingId, vm));
}

export async function copyDiagnostics(): Promise<boolean> {
  usePopover.setState({ error: null });
  try {
    await api().copyDiagnostics();
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}
