// What a refused fix command says, and the prefix lengths at the edges.
import { removeAddressCommand, undoCommand } from '@src/shared/diagnosis/commands';
import { describe, expect, it } from 'vitest';

describe('fix commands: refusals name the value refused', () => {
  it.each([
    ['en0; rm -rf /', '172.2.9.61', 16, 'not an interface name: "en0; rm -rf /"'],
    ['en0', '172.2.9.61 && reboot', 16, 'not an IPv4 address: "172.2.9.61 && reboot"'],
    ['en0', '172.2.9.61', 33, 'not a prefix length: 33'],
    ['en0', '172.2.9.61', -1, 'not a prefix length: -1'],
    ['en0', '172.2.9.61', 1.5, 'not a prefix length: 1.5'],
  ])('refuses %j %j /%d with %j', (iface, address, prefix, message) => {
    expect(() => removeAddressCommand('linux', iface, address, prefix)).toThrow(message);
    expect(() => undoCommand('darwin', iface, address, prefix)).toThrow(message);
  });
});

describe('fix commands: prefix lengths 0 and 32 are accepted', () => {
  it('builds the Linux commands for a /32 and a /0', () => {
    expect(removeAddressCommand('linux', 'en0', '198.51.100.9', 32)).toBe('sudo ip addr del 198.51.100.9/32 dev en0');
    expect(undoCommand('linux', 'en0', '198.51.100.9', 0)).toBe('sudo ip addr add 198.51.100.9/0 dev en0');
  });

  it('builds the macOS alias with the /32 and /0 netmasks', () => {
    expect(undoCommand('darwin', 'en0', '172.2.9.61', 32)).toBe(
      'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.255.255',
    );
    expect(undoCommand('darwin', 'en0', '172.2.9.61', 0)).toBe('sudo ifconfig en0 alias 172.2.9.61 netmask 0.0.0.0');
  });
});
