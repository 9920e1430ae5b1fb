import { describe, expect, it } from 'vitest';
import { helperArgv, helperOutcome } from '../../src/node/elevate';

const call = { verb: 'remove-address', interface: 'en0', address: '172.2.9.61' } as const;
const HELPER = '/Applications/Bridgelight.app/Contents/Resources/bridgelight-helper';

describe('elevation', () => {
  it('runs the helper directly through /bin/sh when already root', () => {
    expect(helperArgv('darwin', HELPER, call, true)).toEqual([
      '/bin/sh',
      HELPER,
      'remove-address',
      'en0',
      '172.2.9.61',
    ]);
  });

  it('uses pkexec on Linux with every value as its own argument', () => {
    expect(helperArgv('linux', '/opt/bl/helper', call, false)).toEqual([
      '/usr/bin/pkexec',
      '/bin/sh',
      '/opt/bl/helper',
      'remove-address',
      'en0',
      '172.2.9.61',
    ]);
  });

  it('passes data to osascript only as argv, never inside the script text', () => {
    const hostile = { verb: 'remove-address', interface: 'en0"; do shell script "id', address: '1.2.3.4' } as const;
    const argv = helperArgv('darwin', HELPER, hostile, false);
    expect(argv[0]).toBe('/usr/bin/osascript');
    const scriptLines = argv.filter((_, i) => argv[i - 1] === '-e');
    const data = argv.slice(1).filter((arg, i, all) => arg !== '-e' && all[i - 1] !== '-e');
    expect(data).toEqual([
      HELPER,
      'remove-address',
      hostile.interface,
      '1.2.3.4',
      expect.stringContaining('remove the address 1.2.3.4'),
    ]);
    for (const line of scriptLines) {
      expect(line).not.toContain('en0');
      expect(line).not.toContain('1.2.3.4');
      expect(line).not.toContain(HELPER);
    }
    expect(scriptLines.join('\n')).toContain('with administrator privileges');
    expect(scriptLines.join('\n')).toContain('quoted form of ifName');
  });

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
