// Property tests for the Linux, minikube and VM-probe parsers: whatever text reaches them (random strings, random
// JSON, real links with fields swapped for random JSON, shuffled real lines, captures cut anywhere), they return a
// well-formed ParseResult and never throw, and what they call ok is structurally valid.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isIpv4 } from '@src/shared/ipv4';
import type { NetInterface, Route, VmProbe } from '@src/shared/model';
import type { MonitorEvent } from '@src/shared/monitor-event';
import type { ParseResult } from '@src/shared/parse-result';
import { isIpAddress, parseIpRouteText } from '@src/shared/parsers/ip-route-text';
import { parseIpAddrJson } from '@src/shared/parsers/linux/ip-addr';
import { parseIpMonitorLine } from '@src/shared/parsers/linux/ip-monitor';
import { parseIpRouteJson } from '@src/shared/parsers/linux/ip-route';
import { type MinikubeStatus, parseMinikubeStatus } from '@src/shared/parsers/minikube-status';
import { buildVmProbeScript, extractIpRouteSection, parseVmProbeOutput, VM_PROBE_MARKER } from '@src/shared/vm-probe';
import fc from 'fast-check';
import { describe, it } from 'vitest';

const NUM_RUNS = 3000;
const FIXTURES = new URL('../../../fixtures/', import.meta.url);

function filesUnder(directory: URL): URL[] {
  return readdirSync(directory).flatMap((name) => {
    const url = new URL(name, directory);
    return statSync(url).isDirectory() ? filesUnder(new URL(`${name}/`, directory)) : [url];
  });
}

const read = (url: URL): string => readFileSync(url, 'utf8');
const textsUnder = (path: string): string[] =>
  filesUnder(new URL(path, FIXTURES))
    .filter((url) => !url.pathname.endsWith('.md'))
    .map(read);
const linesOf = (texts: string[]): string[] => texts.flatMap((text) => text.split('\n'));

const LINUX = textsUnder('linux/');
const REAL = [...textsUnder('real/'), ...textsUnder('seed/')];
const JSON_CAPTURES = filesUnder(new URL('linux/', FIXTURES))
  .filter((url) => url.pathname.endsWith('.json'))
  .map(read);
const ROUTE_TEXTS = [
  ...textsUnder('real/vm-ip-route/'),
  ...textsUnder('seed/'),
  read(new URL('linux/ns-ip-route-show.txt', FIXTURES)),
];
const MONITOR_LINES = linesOf(
  filesUnder(new URL('linux/', FIXTURES))
    .filter((url) => /ip-monitor/.test(url.pathname))
    .map(read),
);
const MINIKUBE_TEXTS = textsUnder('real/minikube-status/');

/** A probe transcript made of real captures, shaped as the script prints it. */
const PROBE_TRANSCRIPT = [
  VM_PROBE_MARKER,
  '@@section ip-route',
  read(new URL('real/vm-ip-route/hpk-vm-two-default-routes-vmnet-eth0-and-slirp-eth1.txt', FIXTURES)),
  '@@section resolv-conf',
  read(new URL('real/vm-other/minikube3036-hyperkit-resolv-conf-grep-name-after-fix.txt', FIXTURES)),
  '@@section dns google.com',
  '@@tool nslookup',
  read(new URL('real/vm-other/minikube15323-qemu-socket_vmnet-nslookup-ok-via-192.168.105.1.txt', FIXTURES)),
  '@@status 0',
  '@@section probe google.com:80',
  '@@tool curl',
  read(new URL('real/vm-other/minikube15323-qemu-socket_vmnet-curl-vvv-no-route-to-host.txt', FIXTURES)),
  'time_connect=0.000000',
  '@@status 7',
  '@@section probe 1.1.1.1:443',
  '@@tool nc',
  '@@status 0',
  '@@end',
].join('\n');

const ALL_TEXTS = [...LINUX, ...REAL, PROBE_TRANSCRIPT];

// ---- generators ----

const randomText = fc.string({ unit: 'binary', maxLength: 300 });
const randomJson = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null');
const soupOf = (lines: string[]) =>
  fc.array(fc.constantFrom(...lines), { maxLength: 40 }).map((picked) => picked.join('\n'));
const truncationOf = (texts: string[]) =>
  fc.tuple(fc.constantFrom(...texts), fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1)));

/** Real ip -j entries with one field (top level or in a nested object) replaced by random JSON. */
function mutatedJson(captures: string[]) {
  const entries = captures.flatMap((text) => JSON.parse(text) as Record<string, unknown>[]);
  const keys = [...new Set(entries.flatMap((entry) => Object.keys(entry))), 'nexthops', 'via', 'master'];
  return fc
    .tuple(
      fc.array(fc.constantFrom(...entries), { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...keys),
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
    )
    .map(([picked, key, value, inAddresses]) =>
      JSON.stringify(
        picked.map((entry, index) => {
          if (index !== 0) return entry;
          if (!inAddresses || !Array.isArray(entry.addr_info)) return { ...entry, [key]: value };
          const addrKey = ['local', 'prefixlen', 'address', 'broadcast', 'secondary', 'dynamic', 'valid_life_time'];
          return {
            ...entry,
            addr_info: entry.addr_info.map((info: Record<string, unknown>) => ({
              ...info,
              [addrKey[key.length % addrKey.length]!]: value,
            })),
          };
        }),
      ),
    );
}

// ---- validity checks: throw with a reason, so fast-check reports the counterexample and why ----

function check(condition: boolean, reason: string, value: unknown): void {
  if (!condition) throw new Error(`${reason}: ${JSON.stringify(value)}`);
}

const isWord = (value: unknown): boolean => typeof value === 'string' && /^\S+$/.test(value);
const isWordList = (value: unknown): boolean => Array.isArray(value) && value.every(isWord);
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isTrimmed = (value: unknown): boolean => typeof value === 'string' && value !== '' && value === value.trim();

function checkResult<T>(result: ParseResult<T>, checkValue: (value: T) => void): void {
  check(typeof result === 'object' && result !== null, 'not an object', result);
  if (result.ok) {
    check(Object.keys(result).sort().join() === 'ok,value', 'extra keys on ok', result);
    checkValue(result.value);
  } else {
    check(Object.keys(result).sort().join() === 'error,ok', 'extra keys on error', result);
    check(typeof result.error === 'string' && result.error !== '', 'empty error', result);
  }
}

function checkRoute(route: Route, addressesOnly: boolean): void {
  const isHop = addressesOnly ? isIpAddress : isWord;
  check(isWord(route.destination), 'destination', route);
  check(route.gateway === null || isHop(route.gateway), 'gateway', route);
  check(route.interface === null || isWord(route.interface), 'interface', route);
  check(isWordList(route.flags), 'flags', route);
  check(route.scoped === false, 'scoped', route);
  check(route.prefsrc === undefined || isHop(route.prefsrc), 'prefsrc', route);
  check(route.metric === undefined || isCount(route.metric), 'metric', route);
  if (addressesOnly && route.destination !== 'default') {
    const [address, prefix] = route.destination.split('/');
    check(isIpAddress(address ?? '') && /^[0-9]{1,3}$/.test(prefix ?? ''), 'destination shape', route);
  }
}

const checkRoutes =
  (addressesOnly: boolean) =>
  (routes: Route[]): void => {
    check(Array.isArray(routes), 'routes not an array', routes);
    for (const route of routes) checkRoute(route, addressesOnly);
  };

function checkInterfaces(interfaces: NetInterface[]): void {
  check(Array.isArray(interfaces), 'not an array', interfaces);
  for (const entry of interfaces) {
    check(isWord(entry.name), 'name', entry);
    check(isWordList(entry.flags) && isWordList(entry.members), 'flags/members', entry);
    check(
      [entry.up, entry.running, entry.pointToPoint].every((flag) => typeof flag === 'boolean'),
      'booleans',
      entry,
    );
    check(entry.mac === undefined || /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(entry.mac), 'mac', entry);
    for (const address of entry.ipv4) {
      check(isIpv4(address.address), 'address', address);
      check(isCount(address.prefixLength) && address.prefixLength <= 32, 'prefixLength', address);
      check(address.peer === undefined || isIpv4(address.peer), 'peer', address);
      check(address.broadcast === undefined || isIpv4(address.broadcast), 'broadcast', address);
      check(typeof address.secondary === 'boolean' && typeof address.dynamic === 'boolean', 'flags', address);
      const lifetime = address.validLifetime;
      check(
        lifetime === undefined || lifetime === null || (lifetime >= 0 && lifetime < 4294967295),
        'lifetime',
        address,
      );
    }
  }
}

function checkEvent(event: MonitorEvent | null): void {
  if (event === null) return;
  check(['address', 'route', 'link', 'other'].includes(event.kind), 'kind', event);
  check(['add', 'delete', 'change', 'unknown'].includes(event.action), 'action', event);
  check(event.interface === null || isWord(event.interface), 'interface', event);
  check(event.address === undefined || (event.kind === 'address' && isIpv4(event.address)), 'address', event);
}

function checkStatus(status: MinikubeStatus): void {
  check(status.name === null || isTrimmed(status.name), 'name', status);
  check(isTrimmed(status.state), 'state', status);
}

function checkProbe(probe: VmProbe): void {
  if (probe.routes !== null) checkRoutes(true)(probe.routes);
  check(probe.nameservers === null || isWordList(probe.nameservers), 'nameservers', probe);
  const dns = probe.dns;
  if (dns !== null) {
    check(typeof dns.name === 'string' && typeof dns.ok === 'boolean', 'dns name/ok', dns);
    check(dns.addresses.every(isIpAddress), 'dns addresses', dns);
    check(dns.ok ? dns.error === null && dns.addresses.length > 0 : isTrimmed(dns.error), 'dns ok/error', dns);
  }
  for (const target of probe.targets) {
    check(typeof target.target === 'string' && target.ms === null, 'target/ms', target);
    check(target.ok ? target.error === null : isTrimmed(target.error), 'target ok/error', target);
  }
}

// ---- properties ----

type Arbitraries = [string, fc.Arbitrary<string>][];

function holds(arbitraries: Arbitraries, property: (text: string) => void): void {
  for (const [name, arbitrary] of arbitraries) {
    it(`never throws and stays well-formed on ${name}`, () => {
      fc.assert(fc.property(arbitrary, property), { numRuns: NUM_RUNS });
    });
  }
}

describe('parseIpAddrJson', () => {
  holds(
    [
      ['random text', randomText],
      ['random JSON', randomJson],
      [
        'real links with a field replaced by random JSON',
        mutatedJson(JSON_CAPTURES.filter((text) => /ifname/.test(text))),
      ],
      ['soups of pretty-printed JSON lines', soupOf(linesOf(JSON_CAPTURES))],
      ['truncated captures', truncationOf(ALL_TEXTS)],
    ],
    (text) => checkResult(parseIpAddrJson(text), checkInterfaces),
  );
});

describe('parseIpRouteJson', () => {
  holds(
    [
      ['random text', randomText],
      ['random JSON', randomJson],
      [
        'real routes with a field replaced by random JSON',
        mutatedJson(JSON_CAPTURES.filter((text) => /"dst"/.test(text))),
      ],
      ['truncated captures', truncationOf(ALL_TEXTS)],
    ],
    (text) => checkResult(parseIpRouteJson(text), checkRoutes(false)),
  );
});

describe('parseIpRouteText', () => {
  holds(
    [
      ['random text', randomText],
      ['soups of real route lines', soupOf(linesOf(ROUTE_TEXTS))],
      ['soups of real route and monitor lines', soupOf([...linesOf(ROUTE_TEXTS), ...MONITOR_LINES])],
      ['truncated captures', truncationOf(ALL_TEXTS)],
    ],
    (text) => checkResult(parseIpRouteText(text), checkRoutes(true)),
  );
});

describe('parseIpMonitorLine', () => {
  holds(
    [
      ['random text', randomText],
      ['real monitor lines, cut anywhere', truncationOf(MONITOR_LINES)],
      ['any real line', fc.constantFrom(...linesOf(ALL_TEXTS))],
    ],
    (line) => checkEvent(parseIpMonitorLine(line)),
  );
});

describe('parseMinikubeStatus', () => {
  holds(
    [
      ['random text', randomText],
      ['random JSON', randomJson],
      ['soups of real status lines', soupOf(linesOf(MINIKUBE_TEXTS))],
      ['truncated captures', truncationOf(ALL_TEXTS)],
    ],
    (text) => checkResult(parseMinikubeStatus(text), checkStatus),
  );
});

describe('parseVmProbeOutput and extractIpRouteSection', () => {
  holds(
    [
      ['random text', randomText],
      ['random text after the marker', randomText.map((text) => `${VM_PROBE_MARKER}\n${text}`)],
      [
        'soups of transcript and real VM lines',
        soupOf([...linesOf([PROBE_TRANSCRIPT]), ...linesOf(textsUnder('real/vm-other/'))]),
      ],
      ['truncated captures', truncationOf(ALL_TEXTS)],
    ],
    (text) => {
      checkResult(parseVmProbeOutput(text), checkProbe);
      const section = extractIpRouteSection(text);
      check(section === null || typeof section === 'string', 'section', section);
    },
  );
});

describe('buildVmProbeScript', () => {
  const targetLike = fc.oneof(
    randomText,
    fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9.\-_:;' $]{0,20}$/), fc.integer({ min: -5, max: 70000 }))
      .map(([host, port]) => `${host}:${port}`),
  );

  it('accepts only hosts of [A-Za-z0-9.-] and ports 1-65535, and throws an Error for anything else', () => {
    fc.assert(
      fc.property(targetLike, (target) => {
        let script: string;
        try {
          script = buildVmProbeScript({ targets: [target], dnsName: 'localhost', timeoutSeconds: 3 });
        } catch (error) {
          check(error instanceof Error && /invalid target/.test(error.message), 'not our Error', String(error));
          return;
        }
        const match = target.match(/^([A-Za-z0-9.-]+):([0-9]+)$/);
        check(match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535, 'accepted', target);
        check(script.includes(`bl_probe '${match![1]}' '${match![2]}'`), 'quoted in the script', target);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
