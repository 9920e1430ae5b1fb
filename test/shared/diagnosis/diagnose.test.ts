import { diagnose, diagnoseWith, RULES, type Rule } from '@src/shared/diagnosis';
import { FINDING_IDS, type FindingId } from '@src/shared/finding-ids';
import type { Diagnosis, HopId, Snapshot } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import {
  conflictingEvidence,
  emptySnapshot,
  fullTunnelVpn,
  healthySnapshot,
  healthyWith,
  hostInternetUnreachable,
  LINUX,
  linuxSnapshot,
  noDhcpOnInterface,
  noLeaseCollected,
  OTHER_SUBNET,
  onlyAddressFailing,
  probeEvidenceOnly,
  SCENARIOS,
  SEED,
  secondAddedAfterDhcp,
  seedSnapshot,
  splitVpn,
  staleFromOtherSubnet,
  twoBridges,
  unparseableInputs,
  vmDnsFailure,
  vmGatewayOnNoInterface,
  vmInternetUnreachable,
  vmProbe,
  vmRunning,
  vmState,
  vmTarget,
} from './snapshot-builder';

const ids = (diagnosis: Diagnosis): string[] => diagnosis.findings.map((f) => f.id);
const fixes = (diagnosis: Diagnosis) => diagnosis.findings.flatMap((f) => (f.fix ? [f.fix] : []));
const lightOf = (diagnosis: Diagnosis, id: HopId) => diagnosis.hops.find((h) => h.id === id)?.light;

describe('diagnose: the seed case', () => {
  const diagnosis = diagnose(seedSnapshot());

  it('is red, with NAT on the stale first address', () => {
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.egress?.natSource).toBe(SEED.stale);
    expect(diagnosis.egress?.addresses.map((a) => [a.address, a.role])).toEqual([
      [SEED.stale, 'stale'],
      [SEED.dhcp, 'dhcp'],
    ]);
  });

  it('finds exactly the stale NAT source and the two addresses', () => {
    expect([...ids(diagnosis)].sort()).toEqual(['egress-multiple-ipv4', 'nat-source-stale']);
  });

  it('proposes removing 172.2.9.61 from en0 and nothing else', () => {
    expect(fixes(diagnosis)).toEqual([
      {
        action: 'remove-address',
        interface: 'en0',
        address: SEED.stale,
        command: 'sudo ifconfig en0 delete 172.2.9.61',
      },
    ]);
  });

  it('never proposes removing the DHCP address, anywhere in the output', () => {
    const json = JSON.stringify(diagnosis);
    expect(json).not.toContain(`delete ${SEED.dhcp}`);
    expect(json).not.toContain(`"address":"${SEED.dhcp}","command"`);
  });

  it('describes the bridge and the VM', () => {
    expect(diagnosis.bridge).toEqual({ interface: 'bridge100', address: SEED.bridge, members: ['vmenet0', 'vmenet1'] });
    expect(diagnosis.vm).toEqual({
      provider: 'minikube',
      profile: 'minikube',
      state: 'Running',
      gateway: SEED.bridge,
      driver: null,
      network: 'unknown',
    });
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway: SEED.gateway });
  });

  it('adds the VM failure when the VM could not pull images either', () => {
    const failing = vmRunning(vmProbe({ targets: [vmTarget('registry-1.docker.io:443', false)] }));
    expect(ids(diagnose(seedSnapshot({ vm: failing })))).toEqual([
      'nat-source-stale',
      'egress-multiple-ipv4',
      'vm-internet-unreachable',
    ]);
  });
});

describe('diagnose: address cases', () => {
  it('is green with no findings on a healthy machine', () => {
    const diagnosis = diagnose(healthySnapshot());
    expect(diagnosis.verdict).toBe('green');
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.hops.every((h) => h.light === 'green')).toBe(true);
  });

  it('is yellow with only egress-multiple-ipv4 when the extra address came after the DHCP one', () => {
    const diagnosis = diagnose(secondAddedAfterDhcp());
    expect(diagnosis.verdict).toBe('yellow');
    expect(ids(diagnosis)).toEqual(['egress-multiple-ipv4']);
    expect(diagnosis.egress?.natSource).toBe(SEED.dhcp);
    expect(fixes(diagnosis)).toEqual([]);
  });

  it('leaves roles unknown and proposes nothing when no lease was collected', () => {
    const diagnosis = diagnose(noLeaseCollected());
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['unknown', 'unknown']);
    expect(ids(diagnosis)).toEqual(['egress-multiple-ipv4']);
    expect(fixes(diagnosis)).toEqual([]);
    expect(diagnosis.verdict).toBe('yellow');
  });

  it('calls both static and proposes nothing when the interface has no DHCP and nothing else tells', () => {
    const diagnosis = diagnose(noDhcpOnInterface());
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['static', 'static']);
    expect(fixes(diagnosis)).toEqual([]);
  });

  it('judges by probes when the interface has no DHCP but the first address gets no answers', () => {
    const diagnosis = diagnose(seedSnapshot({ leases: { en0: null } }));
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['stale', 'static']);
    expect(fixes(diagnosis).map((f) => f.address)).toEqual([SEED.stale]);
  });

  it('removes an address from another subnet on subnet evidence alone', () => {
    const diagnosis = diagnose(staleFromOtherSubnet());
    expect(diagnosis.verdict).toBe('red');
    expect(fixes(diagnosis)).toEqual([
      {
        action: 'remove-address',
        interface: 'en0',
        address: OTHER_SUBNET,
        command: 'sudo ifconfig en0 delete 10.0.5.20',
      },
    ]);
  });

  it('removes the stale address on probe evidence alone', () => {
    expect(fixes(diagnose(probeEvidenceOnly())).map((f) => f.command)).toEqual(['sudo ifconfig en0 delete 172.2.9.61']);
  });

  it('proposes nothing and reports the conflict when the evidence disagrees', () => {
    const diagnosis = diagnose(conflictingEvidence());
    expect(ids(diagnosis)).toEqual(['egress-address-evidence-conflict', 'egress-multiple-ipv4']);
    expect(fixes(diagnosis)).toEqual([]);
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['unknown', 'unknown']);
    expect(diagnosis.verdict).toBe('yellow');
  });

  it('never proposes removing the only address, even when all its probes fail', () => {
    const diagnosis = diagnose(onlyAddressFailing());
    expect(fixes(diagnosis)).toEqual([]);
    expect(ids(diagnosis)).toEqual(['host-internet-unreachable']);
    expect(diagnosis.verdict).toBe('red');
  });

  it('on Linux removes the stale primary with ip addr del', () => {
    const diagnosis = diagnose(linuxSnapshot());
    expect(diagnosis.egress?.natSource).toBe(LINUX.stale);
    expect(diagnosis.egress?.addresses.map((a) => a.role)).toEqual(['stale', 'dhcp']);
    expect(fixes(diagnosis)).toEqual([
      {
        action: 'remove-address',
        interface: 'en0',
        address: LINUX.stale,
        command: 'sudo ip addr del 198.51.100.9/24 dev en0',
      },
    ]);
    expect(diagnosis.bridge).toEqual({ interface: 'virbr1', address: LINUX.bridge, members: ['vnet0'] });
    expect(diagnosis.verdict).toBe('red');
  });
});

describe('diagnose: routing and bridges', () => {
  it('reports a full-tunnel VPN and describes en0 behind it', () => {
    const diagnosis = diagnose(fullTunnelVpn());
    expect(ids(diagnosis)).toEqual(['vpn-default-route']);
    expect(diagnosis.egress).toMatchObject({ interface: 'en0', gateway: SEED.gateway, natSource: SEED.dhcp });
    expect(diagnosis.verdict).toBe('yellow');
    expect(diagnose(fullTunnelVpn(false)).verdict).toBe('red');
  });

  it('reports a split 0/1 + 128/1 VPN', () => {
    const diagnosis = diagnose(splitVpn());
    expect(ids(diagnosis)).toEqual(['vpn-default-route']);
    expect(lightOf(diagnosis, 'nat')).toBe('yellow');
  });

  it('chooses the bridge holding the VM gateway, not the first bridge', () => {
    expect(diagnose(twoBridges()).bridge).toEqual({
      interface: 'bridge101',
      address: SEED.bridge,
      members: ['vmenet3'],
    });
  });

  it('reports a VM gateway no host interface holds', () => {
    const diagnosis = diagnose(vmGatewayOnNoInterface());
    expect(ids(diagnosis)).toEqual(['vm-bridge-missing', 'vm-internet-unreachable']);
    expect(diagnosis.bridge).toBeNull();
    expect(lightOf(diagnosis, 'bridge')).toBe('red');
  });
});

describe('diagnose: minikube and the VM', () => {
  it('minikube not installed: info only, VM hops unknown, so the verdict is unknown, never green', () => {
    const diagnosis = diagnose(healthyWith(vmState(null, { availability: 'not-installed' })));
    expect(ids(diagnosis)).toEqual(['minikube-not-found']);
    expect([lightOf(diagnosis, 'vm'), lightOf(diagnosis, 'bridge')]).toEqual(['unknown', 'unknown']);
    expect(diagnosis.verdict).toBe('unknown');
  });

  it('minikube timed out: a warning, VM hop yellow', () => {
    const diagnosis = diagnose(healthyWith(vmState(null, { availability: 'timeout' })));
    expect(ids(diagnosis)).toEqual(['minikube-unresponsive']);
    expect([lightOf(diagnosis, 'vm'), lightOf(diagnosis, 'bridge')]).toEqual(['yellow', 'unknown']);
  });

  it('VM stopped: a warning naming the state', () => {
    const diagnosis = diagnose(healthyWith(vmState('Stopped')));
    expect(ids(diagnosis)).toEqual(['vm-not-running']);
    expect(diagnosis.vm).toEqual({
      provider: 'minikube',
      profile: 'minikube',
      state: 'Stopped',
      gateway: null,
      driver: null,
      network: 'unknown',
    });
    expect(diagnosis.verdict).toBe('yellow');
  });

  it('VM DNS failure', () => {
    const diagnosis = diagnose(vmDnsFailure());
    expect(ids(diagnosis)).toEqual(['vm-dns-failure']);
    expect(lightOf(diagnosis, 'vm')).toBe('red');
  });

  it('VM internet unreachable', () => {
    expect(ids(diagnose(vmInternetUnreachable()))).toEqual(['vm-internet-unreachable']);
  });

  it('host internet unreachable', () => {
    const diagnosis = diagnose(hostInternetUnreachable());
    expect(ids(diagnosis)).toEqual(['host-internet-unreachable']);
    expect(lightOf(diagnosis, 'internet')).toBe('red');
  });

  it('unparseable inputs: one finding listing them', () => {
    const diagnosis = diagnose(unparseableInputs());
    expect(ids(diagnosis)).toEqual(['input-unparseable']);
    // Fail closed: the hops that could be read look fine, but an unread input is no all clear.
    expect(diagnosis.verdict).toBe('unknown');
  });
});

describe('diagnose: empty and broken input', () => {
  it('gives a valid all-unknown diagnosis for an all-null snapshot', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      expect(diagnose(emptySnapshot(platform))).toEqual({
        verdict: 'unknown',
        egress: null,
        bridge: null,
        vm: null,
        hops: [
          { id: 'vm', light: 'unknown', summary: 'no minikube data', onPath: true },
          { id: 'bridge', light: 'unknown', summary: "the VM's gateway is unknown", onPath: true },
          { id: 'nat', light: 'unknown', summary: 'no egress interface known', onPath: true },
          { id: 'egress', light: 'unknown', summary: 'no egress interface known', onPath: true },
          { id: 'gateway', light: 'unknown', summary: 'routes not collected', onPath: true },
          { id: 'internet', light: 'unknown', summary: 'nothing was probed', onPath: true },
        ],
        findings: [],
      });
    }
  });

  it('does not throw on a snapshot that breaks the model (a hand-edited bundle)', () => {
    const broken = { ...seedSnapshot(), interfaces: [{ name: 'en0' }], inputs: undefined } as unknown as Snapshot;
    const diagnosis = diagnose(broken);
    expect(diagnosis.hops.map((h) => h.id)).toEqual(['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet']);
    expect(diagnosis.verdict).toBe('unknown');
  });

  it('does not modify the snapshot', () => {
    const snapshot = seedSnapshot();
    const before = JSON.stringify(snapshot);
    diagnose(snapshot);
    expect(JSON.stringify(snapshot)).toBe(before);
  });
});

describe('diagnoseWith: rules are isolated', () => {
  const throwing: Rule = {
    id: 'egress-multiple-ipv4',
    scope: 'host',
    colours: ['egress', 'nat'],
    evaluate() {
      throw new Error('boom');
    },
  };

  it('a rule that throws yields nothing and hides no other finding', () => {
    const diagnosis = diagnoseWith([throwing, ...RULES], seedSnapshot());
    expect(ids(diagnosis)).toEqual(['nat-source-stale', 'egress-multiple-ipv4']);
    expect(diagnosis.verdict).toBe('red');
  });

  it('with only a throwing rule, the diagnosis still comes, without findings', () => {
    const diagnosis = diagnoseWith([throwing], seedSnapshot());
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.verdict).toBe('red');
    expect(diagnosis.egress?.natSource).toBe(SEED.stale);
  });

  it('keeps finding ids unique when two rules claim the same id', () => {
    const duplicate = RULES.find((r) => r.id === 'nat-source-stale') as Rule;
    expect(ids(diagnoseWith([duplicate, duplicate], seedSnapshot()))).toEqual(['nat-source-stale']);
  });

  it('runs every rule in the fixed order, one per finding id', () => {
    expect([...RULES.map((r) => r.id)].sort()).toEqual([...FINDING_IDS].sort());
  });
});

// Which hop shows each finding: an error must turn it red, a warning at least yellow.
const OWNER: Partial<Record<FindingId, HopId>> = {
  'nat-source-stale': 'nat',
  'vpn-default-route': 'nat',
  'egress-multiple-ipv4': 'egress',
  'egress-address-evidence-conflict': 'egress',
  'vm-bridge-missing': 'bridge',
  'vm-internet-unreachable': 'vm',
  'vm-dns-failure': 'vm',
  'vm-not-running': 'vm',
  'minikube-unresponsive': 'vm',
  'host-internet-unreachable': 'internet',
  'no-default-route': 'gateway',
};

describe.each(Object.entries(SCENARIOS))('invariants: %s', (_name, build) => {
  const snapshot = build();
  const diagnosis = diagnose(snapshot);

  it('is exactly the public shape and survives JSON', () => {
    expect(Object.keys(diagnosis).sort()).toEqual(['bridge', 'egress', 'findings', 'hops', 'verdict', 'vm']);
    for (const address of diagnosis.egress?.addresses ?? []) {
      expect(Object.keys(address).sort()).toEqual(['address', 'evidence', 'prefixLength', 'role']);
    }
    for (const finding of diagnosis.findings) {
      const keys = ['detail', 'evidence', 'fix', 'id', 'severity', 'title'];
      expect(Object.keys(finding).sort()).toEqual(finding.causes ? ['causes', ...keys] : keys);
      // A finding explains only what this same diagnosis reports.
      for (const id of finding.causes ?? []) expect(found(diagnosis, id)).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(diagnosis))).toEqual(diagnosis);
  });

  it('has unique, known finding ids', () => {
    const found = ids(diagnosis);
    expect(new Set(found).size).toBe(found.length);
    expect(found.every((id) => (FINDING_IDS as readonly string[]).includes(id))).toBe(true);
  });

  it('shows every error on a red hop and every warning on at least a yellow one', () => {
    for (const finding of diagnosis.findings) {
      const owner = OWNER[finding.id as FindingId];
      if (owner === undefined || finding.severity === 'info') continue;
      const expected = finding.severity === 'error' ? ['red'] : ['yellow', 'red'];
      expect({ finding: finding.id, light: lightOf(diagnosis, owner) }).toEqual({
        finding: finding.id,
        light: expect.toBeOneOf(expected),
      });
    }
  });

  it('proposes a fix only for a stale, non-DHCP address that is not the only one', () => {
    for (const fix of fixes(diagnosis)) {
      const address = diagnosis.egress?.addresses.find((a) => a.address === fix.address);
      expect(address?.role).toBe('stale');
      expect(diagnosis.egress?.addresses.length).toBeGreaterThan(1);
      const lease = snapshot.leases?.[fix.interface];
      expect(fix.address).not.toBe(lease?.yiaddr);
      expect(diagnosis.findings.some((f) => f.id === 'egress-address-evidence-conflict')).toBe(false);
    }
  });

  it('gives every finding a one-sentence title, a detail and evidence', () => {
    for (const finding of diagnosis.findings) {
      expect(finding.title).toMatch(/^\S[^\n]*\.$/);
      expect(finding.detail.length).toBeGreaterThan(40);
      expect(finding.evidence.length).toBeGreaterThan(0);
    }
  });
});

function found(diagnosis: Diagnosis, id: string): boolean {
  return diagnosis.findings.some((f) => f.id === id);
}

describe('diagnose: root cause first (causes)', () => {
  const failingVm = () => vmRunning(vmProbe({ targets: [vmTarget('registry-1.docker.io:443', false)] }));
  const byId = (diagnosis: Diagnosis, id: FindingId) => diagnosis.findings.find((f) => f.id === id);

  it('names the VM failure as the consequence of a stale NAT source', () => {
    const diagnosis = diagnose(seedSnapshot({ vm: failingVm() }));
    expect(byId(diagnosis, 'nat-source-stale')?.causes).toEqual(['vm-internet-unreachable']);
    expect(byId(diagnosis, 'vm-internet-unreachable')?.causes).toBeUndefined();
    expect(byId(diagnosis, 'egress-multiple-ipv4')?.causes).toBeUndefined();
  });

  it('names the VM failure as the consequence of a VPN holding the default route', () => {
    const diagnosis = diagnose(fullTunnelVpn(false));
    expect(ids(diagnosis)).toEqual(['vpn-default-route', 'vm-internet-unreachable']);
    expect(byId(diagnosis, 'vpn-default-route')?.causes).toEqual(['vm-internet-unreachable']);
  });

  it('names no consequence the diagnosis does not hold', () => {
    expect(byId(diagnose(seedSnapshot()), 'nat-source-stale')).not.toHaveProperty('causes');
    expect(byId(diagnose(fullTunnelVpn(true)), 'vpn-default-route')).not.toHaveProperty('causes');
    expect(diagnose(vmInternetUnreachable()).findings.every((f) => f.causes === undefined)).toBe(true);
  });

  it('reports no DNS finding for a VM that is not running', () => {
    const stopped = diagnose(seedSnapshot({ vm: vmState('Stopped') }));
    expect(ids(stopped)).toContain('vm-not-running');
    expect(ids(stopped)).not.toContain('vm-dns-failure');
    expect(ids(stopped)).not.toContain('vm-internet-unreachable');
  });
});
