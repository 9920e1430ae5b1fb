// The preload API: the only thing the renderer knows of the rest of the app (a public contract).
// Types only: the renderer imports this file for its types, the preload implements it.
import type { Diagnosis } from '../shared/model';

export interface AppState {
  diagnosis: Diagnosis | null;
  /** ISO-8601 time of the diagnosis, null before the first check finished. */
  checkedAt: string | null;
  checking: boolean;
  /** The fix in progress or just finished, if any (absent in a state holding only the three fields above). */
  fix?: FixProgress | null;
  settings?: Settings;
  /** A notification was clicked: the finding the popover should open on; null otherwise (cleared on hide). */
  focusFindingId?: string | null;
}

export interface Settings {
  launchAtLogin: boolean;
  /**
   * `requires-approval` on macOS 13+ until the user allows it in System Settings; `not-found` when macOS could
   * not register the app where it runs from (a disk image or a translocated copy).
   */
  launchAtLoginStatus?: 'enabled' | 'disabled' | 'requires-approval' | 'not-found' | 'not-supported';
  probeTargets: string[];
  minikubeProfile: string;
  ignoredAddresses: string[];
}

export type FixOutcome = 'verified' | 'applied-not-verified' | 'cancelled' | 'refused' | 'failed';

export interface FixResult {
  outcome: FixOutcome;
  findingId: string;
  /** One line for people. */
  message: string;
  interface?: string;
  address?: string;
  before?: { verdict: Diagnosis['verdict']; natSource: string | null };
  after?: { verdict: Diagnosis['verdict']; natSource: string | null };
  /** The exact command that puts the address back. */
  undoCommand?: string;
}

export interface FixProgress {
  findingId: string;
  phase: 'confirming' | 'rechecking' | 'elevating' | 'verifying' | 'done';
  result: FixResult | null;
}

export interface BridgelightApi {
  getState(): Promise<AppState>;
  /** Called with every new state; returns an unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
  recheck(): Promise<void>;
  fix(findingId: string): Promise<FixResult>;
  undoFix(findingId: string): Promise<FixResult>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  ignoreAddress(address: string): Promise<Settings>;
  copyDiagnostics(): Promise<void>;
}

declare global {
  interface Window {
    bridgelight: BridgelightApi;
  }
}
