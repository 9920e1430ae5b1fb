// Main's view of the closed channel list (src/shared/ipc-channels.ts): looking a channel up by name.
import { INVOKE_CHANNELS, type InvokeName } from '../../shared/ipc-channels';

export { INVOKE_CHANNELS, type InvokeName, STATE_CHANNEL } from '../../shared/ipc-channels';

const BY_CHANNEL = new Map<string, InvokeName>(
  (Object.entries(INVOKE_CHANNELS) as [InvokeName, string][]).map(([name, channel]) => [channel, name]),
);

export function invokeNameOf(channel: unknown): InvokeName | null {
  return typeof channel === 'string' ? (BY_CHANNEL.get(channel) ?? null) : null;
}
