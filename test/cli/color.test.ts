// Colour only on a terminal that wants it: a TTY, NO_COLOR unset, and a TERM other than "dumb". Checked on what `check` really prints for the seed bundle.

import { wantsColor } from '@src/cli/style';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli';

const SEED = new URL('../fixtures/bundles/seed', import.meta.url).pathname;
const ESC = '\u001b[';

async function checkOutput(isTTY: boolean): Promise<string> {
  let stdout = '';
  await runCli(['check', '--replay', SEED], { stdout: { write: (text: string) => (stdout += text), isTTY } });
  return stdout;
}

afterEach(() => vi.unstubAllEnvs());

function colourfulTerminal(): void {
  vi.stubEnv('NO_COLOR', undefined);
  vi.stubEnv('TERM', 'xterm-256color');
}

describe('the colour decision', () => {
  it('colours a TTY when nothing says otherwise', async () => {
    colourfulTerminal();
    expect(wantsColor({ isTTY: true })).toBe(true);
    expect(await checkOutput(true)).toContain(`${ESC}31m`);
  });

  it('never colours a pipe', async () => {
    colourfulTerminal();
    expect(wantsColor({ isTTY: false })).toBe(false);
    expect(wantsColor({})).toBe(false);
    expect(await checkOutput(false)).not.toContain(ESC);
  });

  it('NO_COLOR turns it off on a TTY', async () => {
    colourfulTerminal();
    vi.stubEnv('NO_COLOR', '1');
    expect(wantsColor({ isTTY: true })).toBe(false);
    expect(await checkOutput(true)).not.toContain(ESC);
  });

  it('TERM=dumb turns it off on a TTY', async () => {
    colourfulTerminal();
    vi.stubEnv('TERM', 'dumb');
    expect(wantsColor({ isTTY: true })).toBe(false);
    expect(await checkOutput(true)).not.toContain(ESC);
  });

  it('an unset TERM still colours a TTY (only "dumb" opts out)', () => {
    colourfulTerminal();
    vi.stubEnv('TERM', undefined);
    expect(wantsColor({ isTTY: true })).toBe(true);
  });
});
