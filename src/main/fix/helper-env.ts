// How the helper is reached on this machine. Already root (e.g. started with sudo for testing): run it
// directly; otherwise through the OS's consent dialog (src/node/elevate.ts). Either way the text that runs is
// the one built into the app, so there is no helper file to locate here.
import type { HelperEnvironment } from '../../node/fix';
import type { CommandRunner } from '../../shared/command';
import type { Platform } from '../../shared/model';

export function helperEnvironment(
  runner: CommandRunner,
  platform: Platform,
  // null where there are no uids (Windows): never root then.
  getuid: (() => number) | null = process.getuid ?? null,
): HelperEnvironment {
  return { runner, platform, isRoot: getuid?.() === 0 };
}
