// Runs the CLI in-process with captured output, so tests see exactly what a person would.

import type { CommandContext } from '@src/cli/context';
import { main } from '@src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], overrides: Partial<CommandContext> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    version: 'test',
    // Never the real user's settings (their mutes would change every check's answer): a file that is not there.
    settingsPath: '/nonexistent/bridgelight-test/settings.json',
    ...overrides,
  });
  return { code, stdout, stderr };
}
