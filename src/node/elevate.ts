// How the privileged helper is started: directly when already root; otherwise through the OS's own consent
// dialog (osascript "with administrator privileges" on macOS, pkexec on Linux). The interface and address always
// travel as separate argv items; nothing is ever spliced into script text. What runs is the helper's text built
// into the app (HELPER_BODY), never a file on disk, under an emptied environment (`env -i`: an exported bash
// function such as BASH_FUNC_printf%% must not reach a root shell) and `sh -p`.
import type { Platform } from '../shared/model';
import { HELPER_BODY } from './helper-body';

export type HelperVerb = 'remove-address' | 'add-address';

export interface HelperCall {
  verb: HelperVerb;
  interface: string;
  /** `A.B.C.D` for remove-address, `A.B.C.D/P` for add-address. */
  address: string;
}

/** The helper's `$0`: how its messages name it. */
export const HELPER_NAME = 'bridgelight-helper';
export const HELPER_PATH_ENV = 'PATH=/usr/sbin:/usr/bin:/sbin:/bin';
/**
 * A no-op option unique to Bridgelight: pkexec picks the polkit action `dev.bridgelight.helper`
 * (resources/dev.bridgelight.helper.policy) by matching `/usr/bin/env` and this first argument.
 */
export const POLKIT_ARGV1 = '--unset=BRIDGELIGHT_HELPER';

function sandboxed(body: string, call: HelperCall): string[] {
  return ['-i', HELPER_PATH_ENV, '/bin/sh', '-p', '-c', body, HELPER_NAME, call.verb, call.interface, call.address];
}

// AppleScript that only ever reads its data from argv; `quoted form of` makes each item one shell word.
const OSASCRIPT_LINES = [
  'on run argv',
  'set helperBody to item 1 of argv',
  'set verb to item 2 of argv',
  'set ifName to item 3 of argv',
  'set addr to item 4 of argv',
  'set promptText to "Bridgelight needs your password to " & item 5 of argv',
  `do shell script "/usr/bin/env -i ${HELPER_PATH_ENV} /bin/sh -p -c " & quoted form of helperBody & " ${HELPER_NAME} " & quoted form of verb & " " & quoted form of ifName & " " & quoted form of addr with prompt promptText with administrator privileges`,
  'end run',
];

function purpose(call: HelperCall): string {
  return call.verb === 'remove-address'
    ? `remove the address ${call.address} from ${call.interface}.`
    : `put the address ${call.address} back on ${call.interface}.`;
}

export function helperArgv(platform: Platform, call: HelperCall, isRoot: boolean, body = HELPER_BODY): string[] {
  if (isRoot) return ['/usr/bin/env', ...sandboxed(body, call)];
  if (platform === 'darwin')
    return [
      '/usr/bin/osascript',
      ...OSASCRIPT_LINES.flatMap((line) => ['-e', line]),
      body,
      call.verb,
      call.interface,
      call.address,
      purpose(call),
    ];
  return ['/usr/bin/pkexec', '/usr/bin/env', POLKIT_ARGV1, ...sandboxed(body, call)];
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
