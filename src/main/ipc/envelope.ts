// Building the replies that cross IPC (the Envelope type itself is the shared contract's).
import type { Envelope, IpcErrorCode } from '../../shared/ipc-channels';

export function success<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function failure(code: IpcErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** A failure a handler means to report as bad input rather than as something that broke. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}
