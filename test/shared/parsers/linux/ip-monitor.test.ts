import { readFileSync } from 'node:fs';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { parseIpMonitorLine } from '@src/shared/parsers/linux/ip-monitor';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

const eventsOf = (text: string): (MonitorEvent | null)[] => text.split('\n').map(parseIpMonitorLine);

const address = (action: MonitorEvent['action'], iface: string, ipv4?: string): MonitorEvent =>
  ipv4 === undefined
    ? { kind: 'address', action, interface: iface }
    : { kind: 'address', action, interface: iface, address: ipv4 };
const route = (action: MonitorEvent['action'], iface: string | null): MonitorEvent => ({
  kind: 'route',
  action,
  interface: iface,
});

/** The actions capture.sh performs, in order, as the stream reports them (IPv4 only). */
const SCRIPTED = [
  address('add', 'en0', '198.51.100.42'),
  route('add', 'en0'), // the local-table route for the new address
  route('add', 'en0'), // 192.0.2.64/26
  route('add', 'en0'), // default replaced via 198.51.100.2
  route('delete', 'en0'),
  address('delete', 'en0', '198.51.100.42'),
  route('delete', 'en0'),
  address('add', 'br0', '192.168.77.9'),
  route('add', 'br0'),
  address('delete', 'br0', '192.168.77.9'),
  route('delete', 'br0'),
  route('add', 'en0'), // default back via 198.51.100.1
];

describe('parseIpMonitorLine on real `ip -o monitor address route` output', () => {
  it('reads every line of the plain capture, IPv6 DAD events included', () => {
    expect(eventsOf(fixture('linux/ip-monitor.txt'))).toEqual([
      address('add', 'vmeth0'),
      route('add', 'vmeth0'),
      address('add', 'vmnet0'),
      route('add', 'vmnet0'),
      address('add', 'gw0'),
      route('add', 'gw0'),
      address('add', 'en0'),
      route('add', 'en0'),
      ...SCRIPTED,
      route('add', 'tun0'), // tun0 up again: its linkdown peer route returns
      address('add', 'br0'),
      route('add', 'br0'),
      null,
    ]);
  });

  it('skips the -t Timestamp lines and reads the [ADDR]/[ROUTE] labelled events', () => {
    const events = eventsOf(fixture('linux/ip-monitor-timestamp-label.txt'));
    expect(events.filter((event) => event !== null)).toEqual([...SCRIPTED, route('add', 'tun0')]);
    expect(events.filter((event) => event === null)).toHaveLength(14);
  });

  it('reads -ts prefixed lines and [LINK] events', () => {
    expect(eventsOf(fixture('linux/ip-monitor-short-timestamp-label-link.txt'))).toEqual([
      ...SCRIPTED,
      { kind: 'link', action: 'change', interface: 'tun0' },
      { kind: 'link', action: 'change', interface: 'tun0' },
      route('add', 'tun0'),
      null,
    ]);
  });
});

describe('parseIpMonitorLine on other lines', () => {
  it.each([
    ['', null],
    ['   \t', null],
    ['Timestamp: Thu Nov 26 03:22:32 2026 519631 usec', null],
  ])('returns null for %j', (line, expected) => {
    expect(parseIpMonitorLine(line)).toBe(expected);
  });

  it('reads the local address of a point-to-point address event, not the peer', () => {
    expect(
      parseIpMonitorLine(
        '7: tun0    inet 192.0.2.10 peer 192.0.2.11/32 scope global tun0\\       valid_lft forever preferred_lft forever',
      ),
    ).toEqual(address('add', 'tun0', '192.0.2.10'));
  });

  it('reads a deleted link, with a veth peer suffix and a CRLF ending', () => {
    expect(parseIpMonitorLine('Deleted 5: gw0@en0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN \r\n')).toEqual(
      {
        kind: 'link',
        action: 'delete',
        interface: 'gw0',
      },
    );
  });

  it('reads an unreachable route (no device) and strips an all-nsid prefix', () => {
    expect(parseIpMonitorLine('[nsid 0]unreachable 203.0.113.128/25 ')).toEqual(route('add', null));
  });

  it('does not mistake a neighbour event for a route', () => {
    expect(parseIpMonitorLine('198.51.100.1 dev en0 lladdr 02:00:00:00:00:01 REACHABLE')).toEqual({
      kind: 'other',
      action: 'unknown',
      interface: 'en0',
    });
    expect(parseIpMonitorLine('[NEIGH]Deleted 198.51.100.1 dev en0 lladdr 02:00:00:00:00:01 STALE')).toEqual({
      kind: 'other',
      action: 'delete',
      interface: 'en0',
    });
  });

  it('keeps a labelled line it cannot take apart as an event of that kind', () => {
    expect(parseIpMonitorLine('[ROUTE]something new dev en0')).toEqual(route('add', 'en0'));
    expect(parseIpMonitorLine('[ADDR]Deleted ???')).toEqual({ kind: 'address', action: 'delete', interface: null });
  });

  it('reports an unrecognised line as other/unknown rather than dropping it', () => {
    expect(parseIpMonitorLine('hello world')).toEqual({ kind: 'other', action: 'unknown', interface: null });
  });
});
