// State sync to the popover: the whole (small) state on one channel after every change. Sending everything
// means a renderer that missed a message, or was reloaded, is whole again with the next one.
import { STATE_CHANNEL } from '../ipc/channels';
import type { AppStore } from './store';

export interface StateTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function syncStateTo(store: AppStore, target: () => StateTarget | null): () => void {
  return store.subscribe((state) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(STATE_CHANNEL, state);
  });
}
