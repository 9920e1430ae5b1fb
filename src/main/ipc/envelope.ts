// How results cross IPC. Electron carries only a thrown error's message (and prefixes it), so failures travel
// as data with a code the renderer can rely on; the preload turns them back into Errors.
export type IpcErrorCode = 'forbidden' | 'unknown-channel' | 'bad-payload' | 'failed';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

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
