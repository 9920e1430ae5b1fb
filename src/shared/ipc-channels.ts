// The IPC contract, declared once: each call's channel, arguments and result. The preload's call table,
// BridgelightApi (./app-api.ts) and main's handler and guard types are all derived from INVOKE_CHANNELS, so
// adding a call is one line here plus its guard and handler in main (docs/architecture.md, "Adding an IPC call").
import type { AppState, FixResult, Settings, SettingsPatch } from './app-api';
import type { FindingId } from './finding-ids';
import type { VmRef } from './vm';

declare const CALL: unique symbol;

/** A channel name that carries, for the type checker only, its call's arguments and result. */
export type Channel<Args extends unknown[], Result> = string & { readonly [CALL]?: (...args: Args) => Result };

const channel = <Args extends unknown[], Result>(name: string) => name as Channel<Args, Result>;

export const INVOKE_CHANNELS = {
  getState: channel<[], AppState>('bridgelight:get-state'),
  recheck: channel<[], void>('bridgelight:recheck'),
  fix: channel<[findingId: FindingId], FixResult>('bridgelight:fix'),
  undoFix: channel<[findingId: FindingId], FixResult>('bridgelight:undo-fix'),
  getSettings: channel<[], Settings>('bridgelight:get-settings'),
  updateSettings: channel<[patch: SettingsPatch], Settings>('bridgelight:update-settings'),
  ignoreAddress: channel<[address: string], Settings>('bridgelight:ignore-address'),
  copyDiagnostics: channel<[], void>('bridgelight:copy-diagnostics'),
  /** Mutes a finding id for one VM (`PROVIDER/NAME`) or, with null, for every VM and the host (src/shared/mute.ts). */
  muteFinding: channel<[findingId: FindingId, vm: VmRef | null], Settings>('bridgelight:mute-finding'),
  unmuteFinding: channel<[findingId: FindingId, vm: VmRef | null], Settings>('bridgelight:unmute-finding'),
};

type Channels = typeof INVOKE_CHANNELS;
export type InvokeName = keyof Channels;
export type InvokeArgs<K extends InvokeName> = Channels[K] extends Channel<infer Args, unknown> ? Args : never;
export type InvokeResult<K extends InvokeName> = Channels[K] extends Channel<never, infer Result> ? Result : never;

/** The renderer's side of each call: it awaits the result. */
export type InvokeApi = { [K in InvokeName]: (...args: InvokeArgs<K>) => Promise<InvokeResult<K>> };

/** Main's side of each call: it may answer at once or later. */
export type InvokeHandlers = {
  [K in InvokeName]: (...args: InvokeArgs<K>) => InvokeResult<K> | Promise<InvokeResult<K>>;
};

/** Main → renderer: the whole AppState, after every change. The renderer never sends on it. */
export const STATE_CHANNEL = 'bridgelight:state';

// Electron carries only a thrown error's message (and prefixes it), so failures travel as data with a code the
// renderer can rely on; the preload turns them back into Errors.
export type IpcErrorCode = 'forbidden' | 'unknown-channel' | 'bad-payload' | 'failed';

/** How every reply crosses IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
