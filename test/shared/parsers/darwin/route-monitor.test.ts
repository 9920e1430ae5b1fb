import { readdirSync, readFileSync } from 'node:fs';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { parseRouteMonitor, splitRouteMonitorMessages } from '@src/shared/parsers/darwin/route-monitor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const DIRECTORY = new URL('../../../fixtures/real/route-monitor/', import.meta.url);
const fixture = (file: string): string => readFileSync(new URL(file, DIRECTORY), 'utf8');

const FLUSH = fixture('globalprotect-after-route-flush-inet6-rtm_delete-x5.txt');
const SECOND = fixture('globalprotect-rtm_delete-x2-second-capture.txt');
const VPN_ENABLE = fixture('globalprotect-vpn-enable-rtm_newaddr-ipsec0-EXCERPT.txt');

// No real capture of an IPv4 RTM_NEWADDR exists (see SOURCES.md); this follows route(8)'s print format, with
// the IFP printed by link_ntoa() as `en0:mac`.
const IPV4_NEWADDR =
  'got message of size 64 on Mon Jun  3 10:00:00 2024\n' +
  'RTM_NEWADDR: address being added to iface: len 64, metric 0, flags:<UP,BROADCAST,RUNNING,MULTICAST>\n' +
  'sockaddrs: <NETMASK,IFP,IFA,BRD>\n' +
  ' 255.255.255.0 en0:a4.83.e7.2d.63.8e 192.168.1.5 192.168.1.255\n\n';

/** What a streaming reader would emit when the text arrives cut at the given offsets. */
function streamEvents(text: string, cuts: number[]): MonitorEvent[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const events: MonitorEvent[] = [];
  let buffer = '';
  let start = 0;
  for (const end of [...offsets, text.length]) {
    buffer += text.slice(start, end);
    start = end;
    const { complete, rest } = splitRouteMonitorMessages(buffer);
    for (const message of complete) events.push(...parseRouteMonitor(message));
    buffer = rest;
  }
  events.push(...parseRouteMonitor(buffer));
  return events;
}

describe('parseRouteMonitor on real captures', () => {
  it('reads five RTM_DELETE messages, naming the interface from IFP or, failing that, from the IFA scope', () => {
    expect(parseRouteMonitor(FLUSH)).toEqual(
      ['ipsec0', 'utun0', 'utun1', 'utun2', 'ipsec0'].map((name) => ({
        kind: 'route',
        action: 'delete',
        interface: name,
      })),
    );
  });

  it('does not take the hex words of a printed netmask (`ffff ffff ffff 0 0`) for an interface', () => {
    expect(parseRouteMonitor(FLUSH)[1]?.interface).toBe('utun0');
  });

  it('reads the second capture', () => {
    expect(parseRouteMonitor(SECOND)).toEqual([
      { kind: 'route', action: 'delete', interface: 'ipsec0' },
      { kind: 'route', action: 'delete', interface: 'ipsec0' },
    ]);
  });

  it('reads an excerpt whose first message lost its `got message` header: IPv6 address on ipsec0, then a route', () => {
    expect(parseRouteMonitor(VPN_ENABLE)).toEqual([
      { kind: 'address', action: 'add', interface: 'ipsec0' },
      { kind: 'route', action: 'add', interface: null },
    ]);
  });

  it('never throws on any real capture', () => {
    for (const file of readdirSync(DIRECTORY)) expect(Array.isArray(parseRouteMonitor(fixture(file))), file).toBe(true);
  });
});

describe('parseRouteMonitor on message kinds', () => {
  it('takes the interface address of an IPv4 RTM_NEWADDR, not its netmask or broadcast', () => {
    expect(parseRouteMonitor(IPV4_NEWADDR)).toEqual([
      { kind: 'address', action: 'add', interface: 'en0', address: '192.168.1.5' },
    ]);
  });

  it('still finds the address when the values do not line up with the sockaddrs', () => {
    const text =
      'RTM_DELADDR: address being removed from iface: len 64, metric 0, flags:<UP>\n' +
      'sockaddrs: <NETMASK,IFP,IFA,BRD>\n' +
      ' (255) ffff ff00 en0:a4.83.e7.2d.63.8e 10.0.0.7 10.0.0.255\n';
    expect(parseRouteMonitor(text)).toEqual([
      { kind: 'address', action: 'delete', interface: 'en0', address: '10.0.0.7' },
    ]);
  });

  it('maps RTM_CHANGE, RTM_IFINFO and unknown types', () => {
    const text =
      'got message of size 1 on x\nRTM_CHANGE: Change Metrics or flags: len 1, flags:<UP>\nsockaddrs: <DST,GATEWAY>\n default 192.168.1.1\n\n' +
      'got message of size 2 on x\nRTM_IFINFO: iface status change: len 112, if# 6, flags:<UP,BROADCAST,RUNNING>\n\n' +
      'got message of size 3 on x\nRTM_MISS: Lookup failed on this address: len 3, flags:<>\n\n' +
      'got message of size 4 on x\n';
    expect(parseRouteMonitor(text)).toEqual([
      { kind: 'route', action: 'change', interface: null },
      { kind: 'link', action: 'change', interface: null },
      { kind: 'other', action: 'unknown', interface: null },
    ]);
  });

  it('gives no address to route messages and no events to empty text', () => {
    const text = 'RTM_ADD: Add Route: len 1, flags:<UP>\nsockaddrs: <DST,GATEWAY,IFP>\n 10.8.0.0 10.8.0.1 utun5\n';
    expect(parseRouteMonitor(text)).toEqual([{ kind: 'route', action: 'add', interface: 'utun5' }]);
    expect(parseRouteMonitor('')).toEqual([]);
  });
});

describe('splitRouteMonitorMessages', () => {
  it('holds back the last message until a blank line or the next `got message` follows it', () => {
    const { complete, rest } = splitRouteMonitorMessages(SECOND.slice(0, SECOND.lastIndexOf('\n') + 1));
    expect(complete).toHaveLength(1);
    expect(complete[0]).toMatch(/^got message of size 200/);
    expect(rest).toMatch(/^got message of size 176/);
    expect(splitRouteMonitorMessages(`${SECOND}\n\n`)).toMatchObject({ rest: '' });
    expect(splitRouteMonitorMessages(`${SECOND}\n\n`).complete).toHaveLength(2);
  });

  it('keeps a line cut mid-way in the rest, even when it would start a new message', () => {
    const { complete, rest } = splitRouteMonitorMessages(
      'RTM_ADD: Add Route: len 1\nsockaddrs: <DST>\n 10.0.0.0\ngot mess',
    );
    expect(complete).toEqual([]);
    expect(rest).toBe('RTM_ADD: Add Route: len 1\nsockaddrs: <DST>\n 10.0.0.0\ngot mess');
  });

  it('completes a message when the next `got message` line is whole', () => {
    const first = 'got message of size 1 on x\nRTM_ADD: Add Route: len 1\nsockaddrs: <DST,IFP>\n 10.0.0.0 en5';
    const { complete, rest } = splitRouteMonitorMessages(`${first}\ngot message of size 2 on x\nRTM_DEL`);
    expect(complete).toEqual([first]);
    expect(rest).toBe('got message of size 2 on x\nRTM_DEL');
  });

  it('yields the same events however the stream is cut into chunks', () => {
    const messages = [FLUSH, SECOND, VPN_ENABLE, IPV4_NEWADDR];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...messages), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\n\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, separator, cuts) => {
          const text = parts.join(separator);
          expect(streamEvents(text, cuts)).toEqual(parseRouteMonitor(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
