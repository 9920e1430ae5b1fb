import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELPER_PATH_ENV, helperArgv, helperOutcome, POLKIT_ARGV1 } from '@src/node/elevate';
import { HELPER_BODY } from '@src/node/helper-body';
import { createLiveRunner } from '@src/node/runners/live';
import { describe, expect, it } from 'vitest';

const call = { verb: 'remove-address', interface: 'en0', address: '172.2.9.61' } as const;
const SHIPPED = new URL('../../resources/bridgelight-helper', import.meta.url);
const SANDBOX = ['-i', HELPER_PATH_ENV, '/bin/sh', '-p', '-c', HELPER_BODY, 'bridgelight-helper'];

describe('elevation', () => {
  it('runs the built-in helper text, the shipped file byte for byte, never a path', () => {
    expect(HELPER_BODY).toBe(readFileSync(SHIPPED, 'utf8'));
    for (const platform of ['darwin', 'linux'] as const)
      for (const isRoot of [true, false])
        for (const arg of helperArgv(platform, call, isRoot))
          expect(arg.includes('resources/') || arg.endsWith('/bridgelight-helper')).toBe(false);
  });

  it('runs as root under an empty environment and sh -p when already root', () => {
    expect(helperArgv('darwin', call, true)).toEqual([
      '/usr/bin/env',
      ...SANDBOX,
      'remove-address',
      'en0',
      '172.2.9.61',
    ]);
  });

  it('uses pkexec on Linux, matched to the dev.bridgelight.helper polkit action, with every value as its own argument', () => {
    expect(helperArgv('linux', call, false)).toEqual([
      '/usr/bin/pkexec',
      '/usr/bin/env',
      POLKIT_ARGV1,
      ...SANDBOX,
      'remove-address',
      'en0',
      '172.2.9.61',
    ]);
    const policy = readFileSync(new URL('../../resources/dev.bridgelight.helper.policy', import.meta.url), 'utf8');
    expect(policy).toContain('<action id="dev.bridgelight.helper">');
    expect(policy).toContain('<annotate key="org.freedesktop.policykit.exec.path">/usr/bin/env</annotate>');
    expect(policy).toContain(`<annotate key="org.freedesktop.policykit.exec.argv1">${POLKIT_ARGV1}</annotate>`);
  });

  it('passes data to osascript only as argv, never inside the script text', () => {
    const hostile = { verb: 'remove-address', interface: 'en0"; do shell script "id', address: '1.2.3.4' } as const;
    const argv = helperArgv('darwin', hostile, false);
    expect(argv[0]).toBe('/usr/bin/osascript');
    const scriptLines = argv.filter((_, i) => argv[i - 1] === '-e');
    const data = argv.slice(1).filter((arg, i, all) => arg !== '-e' && all[i - 1] !== '-e');
    expect(data).toEqual([
      HELPER_BODY,
      'remove-address',
      hostile.interface,
      '1.2.3.4',
      expect.stringContaining('remove the address 1.2.3.4'),
    ]);
    for (const line of scriptLines) {
      expect(line).not.toContain('en0');
      expect(line).not.toContain('1.2.3.4');
    }
    const script = scriptLines.join('\n');
    expect(script).toContain('with administrator privileges');
    expect(script).toContain(`"/usr/bin/env -i ${HELPER_PATH_ENV} /bin/sh -p -c " & quoted form of helperBody`);
    expect(script).toContain('quoted form of ifName');
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, a rewritten helper file on disk is not what runs, nor any shell function from the environment',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bl-tamper-'));
      const marker = join(dir, 'ran-as-root');
      const tampered = join(dir, 'bridgelight-helper');
      writeFileSync(tampered, `#!/bin/sh\ntouch '${marker}'\n`);
      const saved = { ...process.env };
      // What a hostile parent could leave behind: a function export and a start-up file for sh.
      Object.assign(process.env, { 'BASH_FUNC_printf%%': `() { touch '${marker}'; }`, ENV: tampered });
      try {
        const probe = { verb: 'remove-address', interface: 'nosuch0', address: '192.0.2.1' } as const;
        const result = await createLiveRunner().run({
          key: 'helper',
          argv: helperArgv('linux', probe, true),
          timeoutMs: 10_000,
        });
        expect(result).toMatchObject({ stderr: 'bridgelight-helper: refused: no interface nosuch0\n' });
        expect(result.exitCode).toBe(2);
        expect(existsSync(marker)).toBe(false);
      } finally {
        for (const key of ['BASH_FUNC_printf%%', 'ENV']) delete process.env[key];
        Object.assign(process.env, saved);
      }
    },
  );

  it('reads cancelled, refused and failed through each wrapper', () => {
    expect(helperOutcome('darwin', false, 1, '0:120: execution error: User canceled. (-128)')).toBe('cancelled');
    expect(helperOutcome('linux', false, 126, 'Error executing command as another user: Request dismissed')).toBe(
      'cancelled',
    );
    expect(helperOutcome('linux', true, 0, '')).toBe('done');
    expect(helperOutcome('linux', true, 2, 'refused: 1.2.3.4 is the only IPv4 address on en0')).toBe('refused');
    expect(
      helperOutcome('darwin', false, 1, '0:300: execution error: refused: 172.2.3.10 is the DHCP address (2)'),
    ).toBe('refused');
    expect(helperOutcome('linux', true, 1, 'failed: ip exited 2')).toBe('failed');
  });
});
