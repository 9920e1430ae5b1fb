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
//   @@section link                `ip -o link`, `@@status N` (each interface's MTU)
//   @@section proxy-env           `SOURCE NAME=VALUE` per proxy variable the VM has (shell, /etc/environment, docker)
//   @@section tls HOST:PORT       `@@tool curl|none`, curl -k -v's certificate lines and timings, `@@status N`
//                                 (one per target on port 443 named by DNS: certificates name hosts)
//   @@section dns-internal NAME   as `dns`, for the internal name the user asked about (only when one was)
//   @@end
import { isIpv4 } from './ipv4';
import type { DnsLookup, Route, TargetProbe, TlsProbe, VmProbe, VmProxySetting } from './model';
import { type ParseResult, parsed, unparseable } from './parse-result';
import { isIpAddress, parseIpRouteText } from './parsers/ip-route-text';

export const VM_PROBE_MARKER = '@@bridgelight-vm-probe v1';

export interface VmProbeOptions {
  /** `host:port`, host a dotted quad or a DNS name. */
  targets: string[];
  dnsName: string;
  /** Upper bound for each command in the VM, whole seconds. */
  timeoutSeconds: number;
  /** A name only some resolver (a VPN's) may know, looked up as well; absent or null: none. */
  internalName?: string | null;
  /** HTTPS targets (`host:port`); absent: tlsTargets(targets). */
  tlsTargets?: string[];
}

/** The targets an HTTPS request is made to: port 443 and a DNS name, since a certificate names a host. */
export function tlsTargets(targets: readonly string[]): string[] {
  return targets.filter((target) => /^(.*[A-Za-z-].*):443$/.test(target) && !/^[0-9.]+:443$/.test(target));
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
    '  printf \'@@section %s %s\\n\' "$2" "$1"',
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
    ...tlsFunction(),
    // Beside the slow ones: a hung `ip` costs no second timeout after `ip route`'s.
    'bl_link() {',
    "  echo '@@section link'",
    '  bl_run ip -o link 2>&1',
    '  echo "@@status $?"',
    '}',
  ];
}

// A verified request first, as the runtime makes it; only when the certificate is refused (curl's exit 60) a second
// one with -k, to show the certificate that was presented (a HEAD that carries nothing). Only the certificate and
// timing lines are kept; statuses go through variables as a pipe would lose them.
const TLS_LINES = "'^(\\*  +(subject|issuer):|\\* Connected to |curl: \\(|time_|ssl_verify_result=)'";

function tlsFunction(): string[] {
  // Through the VM's proxy when it has one, as its container runtime goes (the TCP probes stay direct).
  const curl = 'curl -q -sS -v -I -o /dev/null --connect-timeout "$bl_t" --max-time "$bl_t"';
  return [
    'bl_tls() {',
    '  printf \'@@section tls %s:%s\\n\' "$1" "$2"',
    '  if command -v curl >/dev/null 2>&1; then',
    "    echo '@@tool curl'",
    `    bl_o=$(${curl} \\`,
    "      -w 'time_connect=%{time_connect}\\ntime_appconnect=%{time_appconnect}\\nssl_verify_result=%{ssl_verify_result}\\n' \\",
    '      "https://$1:$2/" </dev/null 2>&1)',
    '    bl_s=$?',
    `    printf '%s\\n' "$bl_o" | grep -E ${TLS_LINES}`,
    '    if [ "$bl_s" = 60 ]; then',
    `      ${curl} -k "https://$1:$2/" </dev/null 2>&1 | grep -E '^\\*  +(subject|issuer):'`,
    '    fi',
    '    echo "@@status $bl_s"',
    '  else',
    "    echo '@@tool none'",
    '    echo "@@status 127"',
    '  fi',
    '}',
  ];
}

/** sed: the value of an `[export ]HTTPS_PROXY=["']V["']` line, any case. */
const ENVIRONMENT_HTTPS_PROXY = `s/^[[:space:]]*\\(export[[:space:]]*\\)\\{0,1\\}[Hh][Tt][Tt][Pp][Ss]_[Pp][Rr][Oo][Xx][Yy]=["']*\\([^"']*\\).*/\\2/p`;

/** The proxy variables: no traffic leaves the VM. */
function contextSections(): string[] {
  return [
    "echo '@@section proxy-env'",
    // The shell's own variables, then what every login and the container runtime get.
    'for bl_v in https_proxy HTTPS_PROXY http_proxy HTTP_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY; do',
    '  eval "bl_x=\\$$bl_v"',
    '  if [ -n "$bl_x" ]; then printf \'env %s=%s\\n\' "$bl_v" "$bl_x"; fi',
    'done',
    "if [ -r /etc/environment ]; then grep -i 'proxy=' /etc/environment 2>/dev/null | sed 's/^/etc-environment /'; fi",
    // What a login through PAM has (sshd reads /etc/environment), for the HTTPS requests: assigned, never evaluated.
    'if [ -z "$https_proxy$HTTPS_PROXY" ] && [ -r /etc/environment ]; then',
    `  bl_x=$(sed -n ${shQuote(ENVIRONMENT_HTTPS_PROXY)} /etc/environment | head -n 1)`,
    '  if [ -n "$bl_x" ]; then https_proxy=$bl_x; export https_proxy; fi',
    'fi',
    'if command -v systemctl >/dev/null 2>&1; then',
    "  bl_run systemctl show --property=Environment docker 2>/dev/null | grep -i 'proxy=' | sed 's/^/docker /'",
    'fi',
  ];
}
/**
 * The lookup and the probes run in parallel into a temporary directory, so a check costs about one timeout
 * however many targets there are (a target that accepts and then says nothing holds curl until the timeout); they are
 * printed in order afterwards. Without mktemp they run one after another.
 */
function slowSections(
  dnsName: string,
  targets: { host: string; port: string }[],
  secure: { host: string; port: string }[],
  internalName: string | null,
): string[] {
  const calls = [
    'bl_link',
    `bl_dns ${shQuote(dnsName)} dns`,
    ...targets.map(({ host, port }) => `bl_probe ${shQuote(host)} ${shQuote(port)}`),
    ...secure.map(({ host, port }) => `bl_tls ${shQuote(host)} ${shQuote(port)}`),
    ...(internalName === null ? [] : [`bl_dns ${shQuote(internalName)} dns-internal`]),
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
  const secure = (opts.tlsTargets ?? tlsTargets(opts.targets)).map(checkTarget);
  const internalName = opts.internalName ? checkDnsName(opts.internalName) : null;
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
    ...contextSections(),
    ...slowSections(dnsName, targets, secure, internalName),
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

/** `2: eth0: <BROADCAST,…> mtu 1500 qdisc …` (a veth prints `eth0@if7:`). */
function mtusOf(section: Section): Record<string, number> | null {
  if (section.status !== null && section.status !== 0) return null;
  const mtus: Record<string, number> = {};
  for (const line of section.body) {
    const match = line.match(/^\d+:\s+([A-Za-z0-9_.-]+)(?:@[A-Za-z0-9_.-]+)?:\s+<[^>]*>\s+mtu\s+(\d{2,5})\b/);
    if (match) mtus[match[1]!] = Number(match[2]);
  }
  return Object.keys(mtus).length > 0 ? mtus : null;
}

const PROXY_NAME = /^(https?|all|no)_proxy$/i;

function unquoted(value: string): string {
  const trimmed = value.trim();
  const quoted = trimmed.match(/^(["'])(.*)\1$/);
  return quoted ? quoted[2]! : trimmed;
}

/** `env NAME=V`, `etc-environment [export ]NAME="V"`, `docker Environment=A=1 B=2`. */
function proxiesOf(section: Section): VmProxySetting[] {
  const settings: VmProxySetting[] = [];
  for (const line of section.body) {
    const [source = '', ...rest] = line.trim().split(/\s+/);
    const assignments =
      source === 'docker'
        ? rest
            .join(' ')
            .replace(/^Environment=/, '')
            .split(/\s+/)
        : [rest.join(' ')];
    for (const assignment of assignments) {
      const match = assignment.replace(/^export\s+/, '').match(/^([A-Za-z_]+)=(.*)$/);
      if (match && PROXY_NAME.test(match[1]!) && unquoted(match[2]!) !== '') {
        settings.push({ source, name: match[1]!, value: unquoted(match[2]!) });
      }
    }
  }
  return settings;
}

function timing(body: string[], name: string): number {
  const line = body.find((candidate) => candidate.startsWith(`${name}=`));
  const value = line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
  return Number.isFinite(value) ? value : 0;
}

function curlLine(body: string[], label: string): string | null {
  const pattern = new RegExp(`^\\*\\s+${label}:\\s*(.*)$`);
  const value = body.map((line) => line.match(pattern)?.[1]).find((found) => found !== undefined);
  return value === undefined ? null : value.trim();
}

/** curl's exit status when the peer's certificate is refused (CURLE_PEER_FAILED_VERIFICATION). */
const CERT_REFUSED = 60;

function toTlsProbe(section: Section): TlsProbe {
  const tried = section.tool === 'curl' && section.status !== null;
  const refused = tried && section.status === CERT_REFUSED;
  // curl leaves time_connect at 0 when the time limit stops the TLS handshake; its `* Connected to` line stays.
  const tcpLine = section.body.some((line) => line.startsWith('* Connected to '));
  const connected = tried && (refused || tcpLine || timing(section.body, 'time_connect') > 0);
  // A refused certificate was received, so the handshake got that far: the path carries full-sized packets.
  const handshake = connected && (refused || timing(section.body, 'time_appconnect') > 0);
  const verified = refused ? false : handshake ? section.status === 0 : null;
  const curlSaid = section.body
    .map((line) => line.match(/^curl: \(\d+\)\s*(.*)$/)?.[1])
    .find(Boolean)
    ?.trim();
  const timedOut = section.status === 28 || (section.status !== null && TIMED_OUT.has(section.status));
  return {
    target: section.argument,
    tried,
    connected,
    handshake,
    verified,
    verifyError: refused ? (curlSaid?.replace(/^SSL certificate problem:\s*/, '') ?? 'certificate refused') : null,
    issuer: curlLine(section.body, 'issuer'),
    subject: curlLine(section.body, 'subject'),
    timedOut,
    error: section.tool === 'none' ? 'no curl in the VM' : (curlSaid ?? (timedOut ? 'timed out' : null)),
  };
}

export function parseVmProbeOutput(text: string): ParseResult<VmProbe> {
  const sections = sectionsOf(text);
  if (sections === null) return unparseable(firstLine(text));
  const find = (kind: string) => sections.find((section) => section.kind === kind);
  const ipRoute = find('ip-route');
  const resolvConf = find('resolv-conf');
  const dns = find('dns');
  const link = find('link');
  const proxyEnv = find('proxy-env');
  const internal = find('dns-internal');
  const tls = sections.filter((section) => section.kind === 'tls');
  return parsed({
    routes: ipRoute === undefined ? null : routesOf(ipRoute),
    nameservers: resolvConf === undefined ? null : nameserversOf(resolvConf.body),
    dns: dns === undefined ? null : toDnsLookup(dns),
    targets: sections.filter((section) => section.kind === 'probe').map(toTargetProbe),
    // Only the sections that were there: output of older scripts reads exactly as it always did.
    ...(link === undefined ? {} : { mtus: mtusOf(link) }),
    ...(proxyEnv === undefined ? {} : { proxies: proxiesOf(proxyEnv) }),
    ...(tls.length === 0 ? {} : { tls: tls.map(toTlsProbe) }),
    ...(internal === undefined ? {} : { internalDns: toDnsLookup(internal) }),
  });
}

/** The raw `ip route` text from a probe's output (a bundle keeps it as its own file), or null when absent. */
export function extractIpRouteSection(text: string): string | null {
  const section = sectionsOf(text)?.find((candidate) => candidate.kind === 'ip-route');
  if (section === undefined) return null;
  const body = section.body.join('\n');
  return body === '' ? '' : `${body}\n`;
}
