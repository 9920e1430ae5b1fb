import { isSafeInterfaceName, removeAddressCommand, undoCommand } from '@src/shared/diagnosis/commands';
import { describe, expect, it } from 'vitest';

describe('removeAddressCommand', () => {
  it('deletes the address by name on macOS', () => {
    expect(removeAddressCommand('darwin', 'en0', '172.2.9.61', 16)).toBe('sudo ifconfig en0 delete 172.2.9.61');
  });

  it('deletes address/prefix from the device on Linux', () => {
    expect(removeAddressCommand('linux', 'en0', '198.51.100.9', 24)).toBe('sudo ip addr del 198.51.100.9/24 dev en0');
  });

  it.each([
    ['en0; rm -rf /', '172.2.9.61', 16],
    ['en0 ', '172.2.9.61', 16],
    ['', '172.2.9.61', 16],
    ['averyveryverylongname0', '172.2.9.61', 16],
    ['en0', '172.2.9.61 && reboot', 16],
    ['en0', '172.2.9.061', 16],
    ['en0', '172.2.9.61', 33],
    ['en0', '172.2.9.61', 1.5],
  ])('refuses %j %j /%d rather than build a command from it', (iface, address, prefix) => {
    expect(() => removeAddressCommand('darwin', iface, address, prefix)).toThrow(RangeError);
    expect(() => undoCommand('linux', iface, address, prefix)).toThrow(RangeError);
  });
});

describe('undoCommand', () => {
  it('re-adds the address as an alias with its netmask on macOS', () => {
    expect(undoCommand('darwin', 'en0', '172.2.9.61', 16)).toBe(
      'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
    );
    expect(undoCommand('darwin', 'en0', '10.0.5.20', 24)).toBe(
      'sudo ifconfig en0 alias 10.0.5.20 netmask 255.255.255.0',
    );
  });

  it('re-adds address/prefix on Linux', () => {
    expect(undoCommand('linux', 'en0', '198.51.100.9', 24)).toBe('sudo ip addr add 198.51.100.9/24 dev en0');
  });
});

describe('isSafeInterfaceName', () => {
  it.each(['en0', 'bridge100', 'utun3', 'enp0s31f6', 'wlp2s0'])('accepts %s', (name) => {
    expect(isSafeInterfaceName(name)).toBe(true);
  });

  // The helper acts on lower-case letters and digits only, so no command is shown for what it would refuse.
  it.each(['', '-en0', 'en0$(id)', 'en 0', 'en0\n', 'br-1a2b3c4d5e6f', 'eth0.100', 'En0', 'a234567890123456'])(
    'rejects %j',
    (name) => {
      expect(isSafeInterfaceName(name)).toBe(false);
    },
  );
});
