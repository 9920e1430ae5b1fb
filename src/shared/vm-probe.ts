// The one script run inside the VM per check (via `minikube ssh`), and the parser for what it prints.
// One ssh round trip instead of one per question: minikube ssh costs about a second each time.
//
// The script must run under the minikube ISO's shells (bash as /bin/sh, busybox applets, coreutils, iproute2,
// curl) and under Debian's dash (no busybox, no nslookup, no nc: getent and curl instead), so it is plain POSIX
// sh, picks its tools with `command -v`, and bounds every command by the timeout. It prints sections:
//
//   @@bridgelight-vm-probe v1
//   @@section ip-route            `ip route`, `@@status N`
//   @@section resolv-conf         `cat /etc/resolv.conf`
//   @@section dns NAME            `@@tool nslookup|getent|none`, the tool's output, `@@status N`
//   @@section probe HOST:PORT     `@@tool curl|nc|none`, the tool's output, `@@status N` (one per target)
//   @@end
import { isIpv4 } from './ipv4';
import type { DnsLookup, Route, TargetProbe, VmProbe } from './model';
import { type ParseResult, parsed, unparseable } from './parse-result';
import { isIpAddress, parseIpRouteText } from './parsers/ip-route-text';

export const VM_PROBE_MARKER = '@@bridgelight-vm-probe v1';

export interface VmProbeOptions {
  /** `host:port`, host a dotted quad or a DNS name. */
  targets: string[];
  dnsName: string;
  /** Upper bound for each command in the VM, whole seconds. */
  timeoutSeconds: number;
}

const MAX_TIMEOUT_SECONDS = 300;
const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^(?=.{1,253}$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);
const PORT = /^[1-9][0-9]{0,4}$/;
/** Exit statuses of a command stopped by `timeout`: coreutils says 124, busybox reports the SIGTERM (128 + 15). */
const TIMED_OUT = new Set([124, 143]);

// ---- building the script ----

function isValidHost(host: string): boolean {
  // Anything made only of digits and dots is meant as an address, so it must be a real one (not 300.1.1.1).
  if (/^[0-9.]+$/.test(host)) return isIpv4(host);
  return DNS_NAME.test(host);
}

function checkTarget(target: string): { host: string; port: string } {
  const colon = target.lastIndexOf(':');
  const host = target.slice(0, colon);
  const port = target.slice(colon + 1);
  if (colon < 0 || !isValidHost(host) || !PORT.test(port) || Number(port) > 65535) {
    throw new Error(
      `vm probe: invalid target ${JSON.stringify(target)} (want host:port, host a dotted quad or DNS name)`,
    );
  }
  return { host, port };
}

function checkDnsName(name: string): string {
  if (!isValidHost(name)) throw new Error(`vm probe: invalid DNS name ${JSON.stringify(name)}`);
  return name;
}

function checkTimeout(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new Error(`vm probe: timeoutSeconds must be a whole number from 1 to ${MAX_TIMEOUT_SECONDS}, got ${seconds}`);
  }
  return seconds;
}

/** Single-quotes for sh. The values are validated already; this keeps the script safe if validation ever loosens. */
export function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Tool selection and the helpers every section uses. */
function preamble(timeoutSeconds: number): string[] {
  return [
    `bl_t=${timeoutSeconds}`,
    // coreutils and busybox >= 1.30 take `timeout N`, older busybox `timeout -t N`; without either, the commands
    // that have their own limits (curl, nc -w) still stop, and the caller's ssh timeout bounds the rest.
    'if timeout 1 true >/dev/null 2>&1; then bl_run() { timeout "$bl_t" "$@"; }',
    'elif timeout -t 1 true >/dev/null 2>&1; then bl_run() { timeout -t "$bl_t" "$@"; }',
    'else bl_run() { "$@"; }; fi',
    // Every curl speaks http://; busybox nc often lacks -z.
    'bl_tcp=none',
    'if command -v curl >/dev/null 2>&1; then bl_tcp=curl; fi',
    'if [ "$bl_tcp" = none ] && command -v nc >/dev/null 2>&1; then',
    '  case $(nc -h 2>&1 </dev/null) in *-z*) bl_tcp=nc ;; esac',
    'fi',
    'bl_dns() {',
    '  printf \'@@section dns %s\\n\' "$1"',
    '  if command -v nslookup >/dev/null 2>&1; then',
    "    echo '@@tool nslookup'",
    '    bl_run nslookup "$1" 2>&1',
    '  elif command -v getent >/dev/null 2>&1; then',
    "    echo '@@tool getent'",
    '    bl_run getent hosts "$1" 2>&1',
    '  else',
    "    echo '@@tool none'",
    '    (exit 127)',
    '  fi',
    '  echo "@@status $?"',
    '}',
    'bl_probe() {',
    '  printf \'@@section probe %s:%s\\n\' "$1" "$2"',
    '  case $bl_tcp in',
    '  curl)',
    "    echo '@@tool curl'",
    // A plain HTTP HEAD returns as soon as the server answers or hangs up (a TLS port answers plaintext with an
    // alert), where telnet:// would hold the connection until --max-time. Whatever the protocol, time_connect
    // (non-zero once TCP connected) is the answer, not the exit status.
    "    curl -q -sS -I -o /dev/null -w 'time_connect=%{time_connect}\\n' --noproxy '*' \\",
    '      --connect-timeout "$bl_t" --max-time "$bl_t" "http://$1:$2/" </dev/null 2>&1 ;;',
    '  nc)',
    "    echo '@@tool nc'",
    '    bl_run nc -z -w "$bl_t" "$1" "$2" </dev/null 2>&1 ;;',
    '  *)',
    "    echo '@@tool none'",
    '    (exit 127) ;;',
    '  esac',
    '  echo "@@status $?"',
    '}',
  ];
}

/**
 * The lookup and the probes run in parallel into a temporary directory, so a check costs about one timeout
 * however many targets there are (a target that accepts and then says nothing holds curl until the timeout); they are
 * printed in order afterwards. Without mktemp they run one after another.
 */
function slowSections(dnsName: string, targets: { host: string; port: string }[]): string[] {
  const calls = [
    `bl_dns ${shQuote(dnsName)}`,
    ...targets.map(({ host, port }) => `bl_probe ${shQuote(host)} ${shQuote(port)}`),
  ];
  const files = calls.map((_, index) => `"$bl_dir/${index}"`);
  return [
    'if bl_dir=$(mktemp -d 2>/dev/null) && [ -d "$bl_dir" ]; then',
    ...calls.map((call, index) => `  ${call} >${files[index]} 2>&1 &`),
    '  wait',
    `  cat ${files.join(' ')}`,
    '  rm -rf "$bl_dir"',
    'else',
    ...calls.map((call) => `  ${call}`),
    'fi',
  ];
}

export function buildVmProbeScript(opts: VmProbeOptions): string {
  const timeoutSeconds = checkTimeout(opts.timeoutSeconds);
  const dnsName = checkDnsName(opts.dnsName);
  const targets = opts.targets.map(checkTarget);
  return `${[
    // One group with stdin from /dev/null: the shell parses it whole before running it, and no command in it can
    // swallow the rest of a script that arrives on stdin (the collector pipes it into `sh`).
    '{',
    ...preamble(timeoutSeconds),
    `echo ${shQuote(VM_PROBE_MARKER)}`,
    "echo '@@section ip-route'",
    'bl_run ip route 2>&1',
    'echo "@@status $?"',
    "echo '@@section resolv-conf'",
    'cat /etc/resolv.conf 2>&1',
    ...slowSections(dnsName, targets),
    "echo '@@end'",
    '} </dev/null',
  ].join('\n')}\n`;
}

// ---- parsing its output ----

interface Section {
  kind: string;
  argument: string;
  tool: string | null;
  status: number | null;
  body: string[];
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? 'empty output' : line.trim().slice(0, 200);
}

const DIRECTIVE = /^@@(section|status|tool|end)(?=\s|$)/;

/** `[line, name, value]` like a match, found without backtracking (a 100 KB line of spaces stays linear). */
function directiveOf(line: string): [string, string, string | undefined] | null {
  const match = DIRECTIVE.exec(line);
  if (match === null) return null;
  const value = line.slice(match[0].length).trim();
  return [line, match[1]!, value === '' ? undefined : value];
}

/** Sections after the start marker; null without a marker. Lines before it (a login banner, warnings) are noise. */
function sectionsOf(text: string): Section[] | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === VM_PROBE_MARKER);
  if (start < 0) return null;
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const line of lines.slice(start + 1)) {
    const directive = directiveOf(line);
    if (directive?.[1] === 'end') break;
    if (directive?.[1] === 'section') {
      const [kind = '', ...rest] = (directive[2] ?? '').split(/\s+/);
      current = { kind, argument: rest.join(' '), tool: null, status: null, body: [] };
      sections.push(current);
    } else if (current === null) {
      // Output before the first section is not part of any answer.
    } else if (directive?.[1] === 'status' && /^[0-9]{1,3}$/.test(directive[2] ?? '')) {
      current.status = Number(directive[2]);
    } else if (directive?.[1] === 'tool' && directive[2] !== undefined) {
      current.tool = directive[2];
    } else {
      current.body.push(line);
    }
  }
  return sections;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** busybox (`Address: A`, older `Address 1: A name`) and bind nslookup; Address lines before `Name:` are the server's. */
function nslookupAddresses(body: string[]): string[] {
  const addresses: string[] = [];
  let answer = false;
  for (const line of body) {
    if (/^Name:/.test(line)) answer = true;
    const match = line.match(/^Address(?:\s+\d+)?:\s*(\S+)/);
    if (answer && match !== null && isIpAddress(match[1]!)) addresses.push(match[1]!);
  }
  return unique(addresses);
}

/** `getent hosts`: `ADDRESS  NAME [ALIASES]` per line. */
function getentAddresses(body: string[]): string[] {
  return unique(body.map((line) => line.trim().split(/\s+/)[0] ?? '').filter(isIpAddress));
}

function dnsError(section: Section): string {
  if (section.tool === 'none') return 'neither nslookup nor getent in the VM';
  if (section.status === null) return 'no result: the probe stopped before the lookup finished';
  if (TIMED_OUT.has(section.status)) return 'timed out';
  const said = section.body.find((line) =>
    /can't|cannot|timed out|no servers|NXDOMAIN|SERVFAIL|REFUSED|not found|fail|error|unreachable/i.test(line),
  );
  if (said !== undefined) return said.trim();
  // getent's documented exit status for "key not found in database".
  if (section.tool === 'getent' && section.status === 2) return 'not found';
  return section.status === 0 ? 'no addresses' : `exit status ${section.status}`;
}

function toDnsLookup(section: Section): DnsLookup {
  const nslookupStyle = section.tool === 'nslookup' || section.body.some((line) => /^(Name|Server):/.test(line));
  const addresses = nslookupStyle ? nslookupAddresses(section.body) : getentAddresses(section.body);
  const ok = section.status === 0 && addresses.length > 0;
  return { name: section.argument, ok, addresses, error: ok ? null : dnsError(section) };
}

function curlConnected(body: string[]): boolean {
  const line = body.find((candidate) => /^time_connect=/.test(candidate));
  return line !== undefined && Number(line.slice('time_connect='.length)) > 0;
}

function probeError(section: Section): string {
  if (section.tool === 'none') return 'neither curl nor nc -z in the VM';
  if (section.status === null) return 'no result: the probe stopped before the connection attempt finished';
  const curlSaid = section.body.map((line) => line.match(/^curl: \(\d+\)\s*(.*)$/)?.[1]).find(Boolean);
  if (curlSaid !== undefined) return curlSaid.trim();
  if (TIMED_OUT.has(section.status)) return 'timed out';
  const said = section.body.find((line) => line.trim() !== '' && !/^time_connect=/.test(line));
  return said?.trim() ?? `exit status ${section.status}`;
}

function toTargetProbe(section: Section): TargetProbe {
  const ok = section.tool === 'curl' ? curlConnected(section.body) : section.tool === 'nc' && section.status === 0;
  return { target: section.argument, ok, ms: null, error: ok ? null : probeError(section) };
}

function nameserversOf(body: string[]): string[] {
  return body.map((line) => line.match(/^\s*nameserver\s+(\S+)/)?.[1]).filter((server) => server !== undefined);
}

/** A failed or stopped `ip route` prints nothing, which must not read as an empty table. */
function routesOf(section: Section): Route[] | null {
  if (section.status !== null && section.status !== 0) return null;
  const routes = parseIpRouteText(section.body.join('\n'));
  return routes.ok ? routes.value : null;
}

export function parseVmProbeOutput(text: string): ParseResult<VmProbe> {
  const sections = sectionsOf(text);
  if (sections === null) return unparseable(firstLine(text));
  const find = (kind: string) => sections.find((section) => section.kind === kind);
  const ipRoute = find('ip-route');
  const resolvConf = find('resolv-conf');
  const dns = find('dns');
  return parsed({
    routes: ipRoute === undefined ? null : routesOf(ipRoute),
    nameservers: resolvConf === undefined ? null : nameserversOf(resolvConf.body),
    dns: dns === undefined ? null : toDnsLookup(dns),
    targets: sections.filter((section) => section.kind === 'probe').map(toTargetProbe),
  });
}

/** The raw `ip route` text from a probe's output (a bundle keeps it as its own file), or null when absent. */
export function extractIpRouteSection(text: string): string | null {
  const section = sectionsOf(text)?.find((candidate) => candidate.kind === 'ip-route');
  if (section === undefined) return null;
  const body = section.body.join('\n');
  return body === '' ? '' : `${body}\n`;
}
