// A Mac app started from Finder or at login gets launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin), which has no
// Homebrew or MacPorts, so `minikube` would be "not installed" in the app while the terminal finds it.
const EXTRA_TOOL_DIRS = ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin'];
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/** The inherited PATH with the usual package-manager directories added after it; relative entries dropped. */
export function toolPath(inherited: string | undefined): string {
  const dirs = [...(inherited ?? '').split(':'), ...SYSTEM_DIRS, ...EXTRA_TOOL_DIRS].filter((dir) =>
    dir.startsWith('/'),
  );
  return [...new Set(dirs)].join(':');
}
