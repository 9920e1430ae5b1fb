// Plain-object diagnoses for main's tests: the seed case (as `bridgelight check --replay
// test/fixtures/bundles/seed --json` prints it) and what it becomes once the stale address is gone.

import type { Logger } from '../../src/main/logger';
import type { MonitorUpdate } from '../../src/node/monitor';
import type { Diagnosis, EgressAddress, Light } from '../../src/shared/model';

const STALE: EgressAddress = {
  address: '172.2.9.61',
  prefixLength: 16,
  role: 'stale',
  evidence: [
    'not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10',
    'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
    'bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout',
  ],
};

const DHCP: EgressAddress = {
  address: '172.2.3.10',
  prefixLength: 16,
  role: 'dhcp',
  evidence: [
    'DHCP lease (ipconfig getpacket en0): yiaddr 172.2.3.10',
    'bound probe 172.2.3.10 → 198.51.100.10:443 connected in 23 ms',
  ],
};

const HOPS = (nat: Light, egress: Light, natSummary: string, egressSummary: string): Diagnosis['hops'] => [
  { id: 'vm', light: 'green', summary: 'VM Running, default via 192.168.77.1 on eth0', onPath: true },
  { id: 'bridge', light: 'green', summary: 'bridge100 holds 192.168.77.1 (members vmenet0, vmenet1)', onPath: true },
  { id: 'nat', light: nat, summary: natSummary, onPath: true },
  { id: 'egress', light: egress, summary: egressSummary, onPath: true },
  { id: 'gateway', light: 'green', summary: 'default via 172.2.2.2 on en0', onPath: true },
  { id: 'internet', light: 'green', summary: 'the host reaches 2/2 probe targets', onPath: true },
];

const SEED_VM: Diagnosis['vm'] = {
  provider: 'minikube',
  profile: 'minikube',
  state: 'Running',
  gateway: '192.168.77.1',
  driver: null,
  network: 'unknown',
};

export function seedDiagnosis(): Diagnosis {
  return structuredClone({
    verdict: 'red',
    egress: { interface: 'en0', gateway: '172.2.2.2', natSource: '172.2.9.61', addresses: [STALE, DHCP] },
    bridge: { interface: 'bridge100', address: '192.168.77.1', members: ['vmenet0', 'vmenet1'] },
    vm: SEED_VM,
    hops: HOPS('red', 'yellow', 'NAT translates to 172.2.9.61 — a stale address', 'en0 has 2 IPv4 addresses'),
    findings: [
      {
        id: 'nat-source-stale',
        severity: 'error',
        title: 'NAT translates VM traffic to 172.2.9.61, a stale address.',
        detail:
          "vmnet's NAT rule translates VM traffic to the first IPv4 address on en0 (pf's `(en0:0)`), which is 172.2.9.61. Remove 172.2.9.61 from en0.",
        evidence: ['en0 inet 172.2.9.61/16 (listed first: vmnet NAT translates to it)', ...STALE.evidence],
        fix: {
          action: 'remove-address',
          interface: 'en0',
          address: '172.2.9.61',
          command: 'sudo ifconfig en0 delete 172.2.9.61',
        },
      },
      {
        id: 'egress-multiple-ipv4',
        severity: 'warning',
        title: 'en0 carries 2 IPv4 addresses.',
        detail: "vmnet's NAT uses only the first one, 172.2.9.61, while the Mac's own connections may use another.",
        evidence: [
          'en0 inet 172.2.9.61/16: stale (listed first: vmnet NAT translates to it)',
          'en0 inet 172.2.3.10/16: dhcp',
        ],
        fix: null,
      },
    ],
  } satisfies Diagnosis);
}

/** The seed after `sudo ifconfig en0 delete 172.2.9.61`. */
export function fixedDiagnosis(): Diagnosis {
  return structuredClone({
    verdict: 'green',
    egress: { interface: 'en0', gateway: '172.2.2.2', natSource: '172.2.3.10', addresses: [DHCP] },
    bridge: { interface: 'bridge100', address: '192.168.77.1', members: ['vmenet0', 'vmenet1'] },
    vm: SEED_VM,
    hops: HOPS('green', 'green', 'NAT translates to 172.2.3.10', 'en0 has 1 IPv4 address'),
    findings: [],
  } satisfies Diagnosis);
}

/** en0 with just the DHCP address plus one extra address (role given), as the egress-multiple-ipv4 rule sees it. */
export function secondAddressDiagnosis(extra: string, role: EgressAddress['role'] = 'static'): Diagnosis {
  const base = fixedDiagnosis();
  base.verdict = 'yellow';
  base.hops[3] = { id: 'egress', light: 'yellow', summary: 'en0 has 2 IPv4 addresses', onPath: true };
  base.egress!.addresses.push({ address: extra, prefixLength: 24, role, evidence: [] });
  base.findings.push({
    id: 'egress-multiple-ipv4',
    severity: 'warning',
    title: 'en0 carries 2 IPv4 addresses.',
    detail: 'NAT uses the DHCP address now.',
    evidence: [],
    fix: null,
  });
  return base;
}

export function unknownDiagnosis(): Diagnosis {
  return {
    verdict: 'unknown',
    egress: null,
    bridge: null,
    vm: null,
    hops: HOPS('unknown', 'unknown', 'NAT cannot be judged', 'no default route was collected').map((hop) => ({
      ...hop,
      light: 'unknown' as const,
      summary: hop.id === 'vm' ? 'minikube did not answer in time' : hop.summary,
    })),
    findings: [],
  };
}

export function update(diagnosis: Diagnosis, at = '2025-01-01T10:00:00.000Z'): MonitorUpdate {
  return {
    at,
    phase: 'refined',
    reason: 'test',
    diagnosis,
    snapshot: {
      platform: 'darwin',
      takenAt: at,
      interfaces: null,
      routes: null,
      defaultRoute: null,
      leases: null,
      vm: null,
      hostProbes: null,
      inputs: [],
    },
    changed: true,
  };
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (...parts: unknown[]) =>
      lines.push(`${level}: ${parts.map(String).join(' ')}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
