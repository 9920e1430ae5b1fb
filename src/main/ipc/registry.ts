// THE IPC registry: the only module that touches ipcMain. Every call passes the same gate, failing closed:
// known channel → sender is our page's main frame on our origin → arguments pass the channel's guard → the
// handler runs → the result or the failure crosses as an Envelope.
import { ipcMain } from 'electron';
import type { AppState, FixResult, Settings } from '../../preload/api';
import type { FindingId } from '../../shared/finding-ids';
import { isAppUrl } from '../app-origin';
import type { Logger } from '../logger';
import type { SettingsPatch } from '../settings/settings';
import { INVOKE_CHANNELS, type InvokeName, invokeNameOf } from './channels';
import { type Envelope, failure, PayloadError, success } from './envelope';
import { addressArgument, findingIdArgument, type Guard, noArguments, settingsPatchArgument } from './guards';

export interface IpcHandlers {
  getState(): AppState;
  recheck(): Promise<void>;
  fix(findingId: FindingId): Promise<FixResult>;
  undoFix(findingId: FindingId): Promise<FixResult>;
  getSettings(): Settings;
  updateSettings(patch: SettingsPatch): Settings;
  ignoreAddress(address: string): Settings;
  copyDiagnostics(): Promise<void>;
}

interface Route {
  check(args: readonly unknown[]): { ok: true; value: unknown } | { ok: false; message: string };
  run(handlers: IpcHandlers, value: unknown): unknown;
}

function route<T>(guard: Guard<T>, run: (handlers: IpcHandlers, value: T) => unknown): Route {
  return { check: guard, run: (handlers, value) => run(handlers, value as T) };
}

const ROUTES: Record<InvokeName, Route> = {
  getState: route(noArguments, (h) => h.getState()),
  recheck: route(noArguments, (h) => h.recheck()),
  fix: route(findingIdArgument, (h, id) => h.fix(id)),
  undoFix: route(findingIdArgument, (h, id) => h.undoFix(id)),
  getSettings: route(noArguments, (h) => h.getSettings()),
  updateSettings: route(settingsPatchArgument, (h, patch) => h.updateSettings(patch)),
  ignoreAddress: route(addressArgument, (h, address) => h.ignoreAddress(address)),
  copyDiagnostics: route(noArguments, (h) => h.copyDiagnostics()),
};

/** The parts of an invoke event the gate reads. */
export interface SenderEvent {
  readonly senderFrame: { readonly parent: unknown; readonly url: string } | null;
  readonly sender?: unknown;
}

export interface GateOptions {
  log: Logger;
  /** Extra check on the sending web contents (main passes "is it the popover's"). */
  trustedContents?: (contents: unknown) => boolean;
}

/** Why the sender may not call us, or null when it may. */
export function senderProblem(event: SenderEvent, trustedContents?: (contents: unknown) => boolean): string | null {
  let frame: SenderEvent['senderFrame'];
  let parent: unknown;
  let url: string;
  try {
    // A frame that navigated away or was destroyed is null, or throws on access.
    frame = event.senderFrame;
    if (!frame) return 'no sender frame';
    parent = frame.parent;
    url = frame.url;
  } catch {
    return 'sender frame is gone';
  }
  if (parent !== null) return 'sent from a sub-frame';
  if (!isAppUrl(url)) return `sent from a foreign origin (${JSON.stringify(String(url).slice(0, 100))})`;
  if (trustedContents && !trustedContents(event.sender)) return 'sent from an unknown window';
  return null;
}

export async function dispatch(
  handlers: IpcHandlers,
  channel: unknown,
  event: SenderEvent,
  args: readonly unknown[],
  options: GateOptions,
): Promise<Envelope<unknown>> {
  const name = invokeNameOf(channel);
  if (!name) {
    options.log.warn(`ipc: unknown channel ${JSON.stringify(String(channel).slice(0, 100))} refused`);
    return failure('unknown-channel', 'unknown channel');
  }
  const problem = senderProblem(event, options.trustedContents);
  if (problem) {
    options.log.warn(`ipc: ${name} refused: ${problem}`);
    return failure('forbidden', 'not allowed from this sender');
  }
  const routeFor = ROUTES[name];
  const checked = routeFor.check(args);
  if (!checked.ok) {
    options.log.warn(`ipc: ${name} refused: ${checked.message}`);
    return failure('bad-payload', checked.message);
  }
  try {
    return success(await routeFor.run(handlers, checked.value));
  } catch (error) {
    if (error instanceof PayloadError || error instanceof RangeError) return failure('bad-payload', error.message);
    options.log.error(`ipc: ${name} failed`, error);
    return failure('failed', (error as Error).message || 'failed');
  }
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Registers every channel of the closed list, and nothing else; returns the undo. */
export function registerIpc(handlers: IpcHandlers, options: GateOptions, ipc: IpcMainLike = ipcMain): () => void {
  const channels = Object.values(INVOKE_CHANNELS);
  for (const channel of channels)
    ipc.handle(channel, (event, ...args) => dispatch(handlers, channel, event, args, options));
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}
