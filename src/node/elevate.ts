// How the privileged helper is started: directly when already root; otherwise through the OS's own consent
// dialog (osascript "with administrator privileges" on macOS, pkexec on Linux). The interface and address always
// travel as separate argv items; nothing is ever spliced into script text.
import type { Platform } from '../shared/model';

export type HelperVerb = 'remove-address' | 'add-address';

export interface HelperCall {
  verb: HelperVerb;
  interface: string;
  /** `A.B.C.D` for remove-address, `A.B.C.D/P` for add-address. */
  address: string;
}

// AppleScript that only ever reads its data from argv; `quoted form of` makes each item one shell word.
const OSASCRIPT_LINES = [
  'on run argv',
  'set helperPath to item 1 of argv',
  'set verb to item 2 of argv',
  'set ifName to item 3 of argv',
  'set addr to item 4 of argv',
  'set promptText to "Bridgelight needs your password to " & item 5 of argv',
  'do shell script "/bin/sh " & quoted form of helperPath & " " & quoted form of verb & " " & quoted form of ifName & " " & quoted form of addr with prompt promptText with administrator privileges',
  'end run',
];

function purpose(call: HelperCall): string {
  return call.verb === 'remove-address'
    ? `remove the address ${call.address} from ${call.interface}.`
    : `put the address ${call.address} back on ${call.interface}.`;
}

export function helperArgv(platform: Platform, helperPath: string, call: HelperCall, isRoot: boolean): string[] {
  const args = [call.verb, call.interface, call.address];
  if (isRoot) return ['/bin/sh', helperPath, ...args];
  if (platform === 'darwin')
    return [
      '/usr/bin/osascript',
      ...OSASCRIPT_LINES.flatMap((line) => ['-e', line]),
      helperPath,
      ...args,
      purpose(call),
    ];
  return ['/usr/bin/pkexec', '/bin/sh', helperPath, ...args];
}

export type HelperOutcome = 'done' | 'cancelled' | 'refused' | 'failed';

/** Reads the helper's exit status (0 done, 2 refused, 1 failed) through whichever elevation wrapped it. */
export function helperOutcome(
  platform: Platform,
  isRoot: boolean,
  exitCode: number | null,
  stderr: string,
): HelperOutcome {
  if (!isRoot && platform === 'darwin' && /\(-128\)/.test(stderr)) return 'cancelled';
  if (!isRoot && platform === 'linux' && exitCode === 126) return 'cancelled';
  if (exitCode === 0) return 'done';
  // osascript reports a failed `do shell script` as its own exit 1, with the script's status in the message.
  if (/refused|exit status 2\b|\(2\)/i.test(stderr) || exitCode === 2) return 'refused';
  return 'failed';
}
