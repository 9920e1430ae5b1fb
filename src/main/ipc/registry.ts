// THE IPC registry: the only module that touches ipcMain. Every call passes the same gate, failing closed:
// known channel → sender is our page's main frame on our origin → arguments pass the channel's guard → the
// handler runs → the result or the failure crosses as an Envelope.
import { ipcMain } from 'electron';
import type { Envelope, InvokeArgs, InvokeHandlers } from '../../shared/ipc-channels';
import { isAppUrl } from '../app-origin';
import type { Logger } from '../logger';
import { INVOKE_CHANNELS, type InvokeName, invokeNameOf } from './channels';
import { failure, PayloadError, success } from './envelope';
import {
  addressArgument,
  findingIdArgument,
  type Guard,
  muteArguments,
  noArguments,
  settingsPatchArgument,
} from './guards';

/** What main answers each call with: one handler per channel of the shared map, its types derived from it. */
export type IpcHandlers = InvokeHandlers;

/** Each channel's argument check; a channel without one does not type-check. */
const GUARDS: { [K in InvokeName]: Guard<InvokeArgs<K>> } = {
  getState: noArguments,
  recheck: noArguments,
  fix: findingIdArgument,
  undoFix: findingIdArgument,
  getSettings: noArguments,
  updateSettings: settingsPatchArgument,
  ignoreAddress: addressArgument,
  copyDiagnostics: noArguments,
  muteFinding: muteArguments,
  unmuteFinding: muteArguments,
};

/** A call from an allowed sender: its arguments pass the channel's guard, or its handler never runs. */
async function answer<K extends InvokeName>(
  handlers: IpcHandlers,
  name: K,
  args: readonly unknown[],
  log: Logger,
): Promise<Envelope<unknown>> {
  const checked = GUARDS[name](args);
  if (!checked.ok) {
    log.warn(`ipc: ${name} refused: ${checked.message}`);
    return failure('bad-payload', checked.message);
  }
  // For a K it does not know, TypeScript cannot relate handlers[K] to InvokeArgs<K>; GUARDS made them agree.
  const handler = handlers[name] as (...checkedArgs: InvokeArgs<K>) => unknown;
  try {
    return success(await handler(...checked.value));
  } catch (error) {
    if (error instanceof PayloadError || error instanceof RangeError) return failure('bad-payload', error.message);
    log.error(`ipc: ${name} failed`, error);
    return failure('failed', (error as Error).message || 'failed');
  }
}

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
  return answer(handlers, name, args, options.log);
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
