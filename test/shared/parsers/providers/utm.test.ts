import { readFileSync } from 'node:fs';
import { parseUtmctlList } from '@src/shared/parsers/providers/utm';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/utm/${path}`, import.meta.url), 'utf8');

const HEADER = 'UUID                                 Status   Name';

describe('parseUtmctlList', () => {
  it('reads a real listing: the UUID as id, the name as utmctl prints it, the path unknown', () => {
    expect(parseUtmctlList(fixture('tailscale-gokrazy-utm-md-utmctl-list-one-started.txt'))).toEqual({
      ok: true,
      value: [
        {
          provider: 'utm',
          name: 'Tsapp',
          id: 'C0DE927B-F426-4ABA-A6E7-E30AA429371F',
          state: 'running',
          rawState: 'started',
          ips: [],
          driver: null,
          network: 'unknown',
          networkEvidence: [
            '`utmctl list` does not say which network mode the VM uses (Shared, Bridged, Host Only, Emulated VLAN)',
          ],
        },
      ],
    });
  });

  it('reads the header after an Apple-event error line as an empty listing', () => {
    expect(parseUtmctlList(fixture('utm5001-utmctl-list-osstatus-1743-header-only.txt'))).toEqual({
      ok: true,
      value: [],
    });
  });

  it('keeps names with spaces and reads each status word utmctl prints', () => {
    const text = [
      HEADER,
      '738EECC5-6357-43D9-BE03-298E0B3DE206 started  Hermes Sandbox  ',
      'DBAD34AA-6E6F-41BB-A23D-2C57DC8B3334 stopped  Windows XP Harness',
      '11111111-2222-3333-4444-555555555555 paused   Arch',
      '11111111-2222-3333-4444-666666666666 starting Fedora',
      'not a row',
      '',
    ].join('\r\n');
    const result = parseUtmctlList(text);
    expect(result.ok && result.value.map((vm) => [vm.name, vm.state, vm.rawState])).toEqual([
      ['Hermes Sandbox', 'running', 'started'],
      ['Windows XP Harness', 'stopped', 'stopped'],
      ['Arch', 'stopped', 'paused'],
      ['Fedora', 'unknown', 'starting'],
    ]);
  });

  it('rejects output without the header, naming its first line', () => {
    expect(parseUtmctlList('Error from event: The operation couldn’t be completed. (OSStatus error -600.)\n')).toEqual({
      ok: false,
      error: 'utmctl list: Error from event: The operation couldn’t be completed. (OSStatus error -600.)',
    });
  });
});
