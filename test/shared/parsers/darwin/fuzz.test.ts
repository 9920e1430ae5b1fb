// Property tests: whatever text reaches a parser (random bytes, shuffled real lines, captures cut anywhere),
// it returns a well-formed ParseResult and never throws, and what it calls ok is structurally valid.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isIpv4 } from '@src/shared/ipv4';
import type { AppFirewall, BootpdLease, DhcpLease, NetInterface, Route, RouteLookup } from '@src/shared/model';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { parseDhcpdLeases } from '@src/shared/parsers/darwin/dhcpd-leases';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseIpconfigGetpacket } from '@src/shared/parsers/darwin/ipconfig-getpacket';
import { parseNetstatRn } from '@src/shared/parsers/darwin/netstat';
import { parseRouteGet } from '@src/shared/parsers/darwin/route-get';
import { parseRouteMonitor, splitRouteMonitorMessages } from '@src/shared/parsers/darwin/route-monitor';
import { parseSocketfilterfw } from '@src/shared/parsers/darwin/socketfilterfw';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { check, checkResult } from '../../../support/parse-result-check';

const NUM_RUNS = 3000;
const FIXTURES = new URL('../../../fixtures/', import.meta.url);

function filesUnder(directory: URL): URL[] {
  return readdirSync(directory).flatMap((name) => {
    const url = new URL(name, directory);
    return statSync(url).isDirectory() ? filesUnder(new URL(`${name}/`, directory)) : [url];
  });
}

const read = (url: URL): string => readFileSync(url, 'utf8');
const captures = (kind: string): string[] => filesUnder(new URL(`real/${kind}/`, FIXTURES)).map(read);
const ALL_CAPTURES = [...filesUnder(new URL('real/', FIXTURES)), ...filesUnder(new URL('seed/', FIXTURES))]
  .filter((url) => !url.pathname.endsWith('.md'))
  .map(read);

// ---- validity checks: throw with a reason, so fast-check reports the counterexample and why ----

const isWord = (value: unknown): boolean => typeof value === 'string' && /^\S+$/.test(value);
const isAddress = (value: unknown): boolean => typeof value === 'string' && isIpv4(value);
const isPrefix = (value: unknown): boolean =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 32;
const isWordList = (value: unknown): boolean => Array.isArray(value) && value.every(isWord);

function checkInterfaces(interfaces: NetInterface[]): void {
  check(interfaces.length > 0, 'ok with no interface', interfaces);
  for (const entry of interfaces) {
    check(isWord(entry.name) && !entry.name.endsWith(':'), 'bad name', entry);
    check(isWordList(entry.flags) && isWordList(entry.members), 'bad flags or members', entry);
    check(entry.up === entry.flags.includes('UP'), 'up disagrees with flags', entry);
    check(entry.running === entry.flags.includes('RUNNING'), 'running disagrees with flags', entry);
    check(typeof entry.pointToPoint === 'boolean', 'bad pointToPoint', entry);
    check(entry.mac === undefined || /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(entry.mac), 'bad mac', entry);
    for (const address of entry.ipv4) {
      check(isAddress(address.address) && isPrefix(address.prefixLength), 'bad address', entry);
      check(address.peer === undefined || isAddress(address.peer), 'bad peer', entry);
      check(address.broadcast === undefined || isAddress(address.broadcast), 'bad broadcast', entry);
    }
  }
}

function isCidr(value: string): boolean {
  const [address, prefix, ...more] = value.split('/');
  return (
    more.length === 0 && isAddress(address) && prefix !== undefined && isPrefix(Number(prefix)) && /^\d+$/.test(prefix)
  );
}

function checkRoutes(routes: Route[]): void {
  check(routes.length > 0, 'ok with no route', routes);
  for (const route of routes) {
    check(route.destination === 'default' || isCidr(route.destination), 'bad destination', route);
    check(route.gateway === null || isAddress(route.gateway), 'bad gateway', route);
    check(route.interface === null || isWord(route.interface), 'bad interface', route);
    check(route.flags.length > 0 && route.flags.every((flag) => /^[A-Za-z0-9]$/.test(flag)), 'bad flags', route);
    check(route.scoped === route.flags.includes('I'), 'scoped disagrees with flags', route);
  }
}

function checkLookup(lookup: RouteLookup): void {
  check(isWord(lookup.destination), 'bad destination', lookup);
  check(lookup.gateway === null || isAddress(lookup.gateway), 'bad gateway', lookup);
  check(lookup.interface === null || isWord(lookup.interface), 'bad interface', lookup);
  check(isWordList(lookup.flags), 'bad flags', lookup);
}

function checkLease(lease: DhcpLease | null, interfaceName: string): void {
  if (lease === null) return;
  check(lease.interface === interfaceName && isAddress(lease.yiaddr), 'bad lease identity', lease);
  for (const field of [lease.router, lease.subnetMask, lease.serverIdentifier]) {
    check(field === null || isAddress(field), 'bad lease address', lease);
  }
  const time = lease.leaseTimeSeconds;
  check(time === null || (Number.isInteger(time) && time >= 0 && time <= 0xffffffff), 'bad lease time', lease);
}

const KINDS = ['address', 'route', 'link', 'other'];
const ACTIONS = ['add', 'delete', 'change', 'unknown'];

function checkEvents(events: MonitorEvent[]): void {
  check(Array.isArray(events), 'not an array', events);
  for (const event of events) {
    check(KINDS.includes(event.kind) && ACTIONS.includes(event.action), 'bad kind or action', event);
    check(event.interface === null || /^[A-Za-z]+[0-9]+$/.test(event.interface), 'bad interface', event);
    check(event.address === undefined || (event.kind === 'address' && isAddress(event.address)), 'bad address', event);
  }
}

function checkSplit(text: string): void {
  const { complete, rest } = splitRouteMonitorMessages(text);
  check(typeof rest === 'string' && complete.every((message) => message.trim() !== ''), 'bad split', {
    complete,
    rest,
  });
  check(text.endsWith(rest.replace(/^[\s\S]*\n/, '')), 'rest lost the partial line', { text, rest });
  checkEvents(complete.flatMap(parseRouteMonitor));
}

// ---- inputs ----

const linesOf = (texts: string[]): string[] => [...new Set(texts.flatMap((text) => text.split('\n')))];
const ALL_LINES = linesOf(ALL_CAPTURES);
const NOISE = fc.string({ unit: fc.constantFrom(...' \t\n\r:.<>,{}=/%!#-_0123456789abcdefxIUGHS'), maxLength: 40 });

function insertAt(text: string, position: number, insert: string): string {
  const at = position % (text.length + 1);
  return text.slice(0, at) + insert + text.slice(at);
}

/** Random text: unicode, raw code units, and noise made of the characters these formats are built from. */
const randomText = (): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), NOISE);

/** Real lines (mostly of this kind, some salted with noise) shuffled into a new text. */
function lineSoup(own: string[]): fc.Arbitrary<string> {
  const ownLines = linesOf(own);
  const line = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ownLines) },
    { weight: 1, arbitrary: fc.constantFrom(...ALL_LINES) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...ownLines), fc.nat(), NOISE).map(([l, at, n]) => insertAt(l, at, n)),
    },
  );
  return fc
    .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\n\n'))
    .map(([lines, separator]) => lines.join(separator));
}

/** Real captures cut anywhere, spliced onto another capture of any kind, or salted with noise. */
function cutCaptures(own: string[]): fc.Arbitrary<string> {
  const capture = fc.constantFrom(...own);
  return fc.oneof(
    fc.tuple(capture, fc.nat(), fc.nat()).map(([text, a, b]) => {
      const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
      return text.slice(from, to);
    }),
    fc
      .tuple(capture, fc.constantFrom(...ALL_CAPTURES), fc.nat(), fc.nat())
      .map(([a, b, cutA, cutB]) => a.slice(0, cutA % (a.length + 1)) + b.slice(cutB % (b.length + 1))),
    fc.tuple(capture, fc.nat(), NOISE).map(([text, at, noise]) => insertAt(text, at, noise)),
  );
}

function checkFirewall(firewall: AppFirewall): void {
  check(firewall.state === null || [0, 1, 2].includes(firewall.state), 'bad state', firewall);
  check(
    firewall.allowBuiltInSigned === null || typeof firewall.allowBuiltInSigned === 'boolean',
    'bad allowsigned',
    firewall,
  );
  check(
    firewall.state !== null || firewall.allowBuiltInSigned !== null || firewall.apps !== null,
    'ok with nothing',
    firewall,
  );
  for (const entry of firewall.apps ?? []) {
    check(entry.app.trim() === entry.app && entry.app !== '' && typeof entry.allowed === 'boolean', 'bad app', entry);
  }
}

function checkBootpdLeases(leases: BootpdLease[]): void {
  for (const lease of leases) {
    check(isAddress(lease.ipAddress), 'bad ip_address', lease);
    check(
      lease.expiresAt === null || (Number.isSafeInteger(lease.expiresAt) && lease.expiresAt >= 0),
      'bad lease',
      lease,
    );
  }
}

interface ParserCase {
  name: string;
  captures: string[];
  check: (text: string) => void;
}

const seed = (file: string): string => read(new URL(`seed/${file}`, FIXTURES));

const PARSERS: ParserCase[] = [
  {
    name: 'parseIfconfig',
    captures: [...captures('ifconfig'), seed('ifconfig-bridge100.txt')],
    check: (text) => checkResult(parseIfconfig(text), checkInterfaces),
  },
  {
    name: 'parseNetstatRn',
    captures: [...captures('netstat-nr'), seed('netstat-nr-EXCERPT.txt')],
    check: (text) => checkResult(parseNetstatRn(text), checkRoutes),
  },
  {
    name: 'parseRouteGet',
    captures: captures('route-get'),
    check: (text) => checkResult(parseRouteGet(text), checkLookup),
  },
  {
    name: 'parseIpconfigGetpacket',
    captures: captures('ipconfig-getpacket'),
    check: (text) => checkResult(parseIpconfigGetpacket(text, 'en0'), (lease) => checkLease(lease, 'en0')),
  },
  {
    name: 'parseSocketfilterfw',
    captures: captures('socketfilterfw'),
    check: (text) => checkResult(parseSocketfilterfw(text), checkFirewall),
  },
  {
    name: 'parseDhcpdLeases',
    captures: captures('dhcpd-leases'),
    check: (text) => checkResult(parseDhcpdLeases(text), checkBootpdLeases),
  },
  {
    name: 'parseRouteMonitor and splitRouteMonitorMessages',
    captures: captures('route-monitor'),
    check: (text) => {
      checkEvents(parseRouteMonitor(text));
      checkSplit(text);
    },
  },
];

describe.each(PARSERS)('$name never throws and returns well-formed results', ({ captures: own, check: checkText }) => {
  it.each([
    ['random text', randomText()],
    ['line soups of real lines', lineSoup(own)],
    ['real captures cut, spliced and salted', cutCaptures(own)],
  ])('on %s', (_family, arbitrary) => {
    fc.assert(fc.property(arbitrary, checkText), { numRuns: NUM_RUNS });
  });

  it('on every real capture of every kind', () => {
    for (const text of ALL_CAPTURES) checkText(text);
  });
});
