// The app contract: what the popover and main say to each other (a public contract). Types only; the calls
// themselves are declared once, with their channels, in ./ipc-channels.ts, and BridgelightApi is derived there.
import type { FindingId } from './finding-ids';
import type { InvokeApi } from './ipc-channels';
import type { Diagnosis } from './model';
import type { Mute } from './mute';

export interface AppState {
  diagnosis: Diagnosis | null;
  /** ISO-8601 time of the diagnosis, null before the first check finished. */
  checkedAt: string | null;
  checking: boolean;
  /** The fix in progress or just finished, if any (absent in a state holding only the three fields above). */
  fix?: FixProgress | null;
  settings?: Settings;
  /** A notification was clicked: the finding the popover should open on; null otherwise (cleared on hide). */
  focusFindingId?: FindingId | null;
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
  /** Look for a new release at start and once a day. */
  checkForUpdates: boolean;
  /** Muted findings: shown greyed, they never colour the tray nor notify (src/shared/mute.ts). */
  mutedFindings: Mute[];
}

/** What the popover may change: every setting but the login item's status, which only macOS reports. */
export type SettingsPatch = Partial<Omit<Settings, 'launchAtLoginStatus'>>;

export type FixOutcome = 'verified' | 'applied-not-verified' | 'cancelled' | 'refused' | 'failed';

export interface FixResult {
  outcome: FixOutcome;
  findingId: FindingId;
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
  findingId: FindingId;
  phase: 'confirming' | 'rechecking' | 'elevating' | 'verifying' | 'done';
  result: FixResult | null;
}

/** window.bridgelight: one promise-returning method per invoke channel, and the state subscription. */
export interface BridgelightApi extends InvokeApi {
  /** Called with every new state; returns an unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
}
