// Errors that end a command with one clear line and a sysexits-style status, never a stack trace.
export const EXIT = { usage: 64, dataErr: 65, noInput: 66, software: 70, cantCreate: 73 } as const;

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
