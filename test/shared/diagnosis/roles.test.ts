import { assignRoles, networkOf, type RoleInput } from '@src/shared/diagnosis/roles';
import { describe, expect, it } from 'vitest';
import { hostProbe, inet, LINUX, lease, SEED, seedEn0Addresses } from './snapshot-builder';

function seedInput(overrides: Partial<RoleInput> = {}): RoleInput {
  return {
    platform: 'darwin',
    interfaceName: 'en0',
    addresses: seedEn0Addresses(),
    gateway: SEED.gateway,
    leases: { en0: lease('en0', SEED.dhcp, SEED.gateway) },
    hostProbes: null,
    ...overrides,
  };
}

const roles = (input: RoleInput) => assignRoles(input).map((a) => [a.address, a.role]);

describe('assignRoles on macOS (DHCP lease evidence)', () => {
  it('calls the lease holder dhcp and the other address stale, with the lease as evidence', () => {
    const [stale, dhcp] = assignRoles(seedInput());
    expect(stale).toMatchObject({ address: SEED.stale, role: 'stale', conflict: false, dhcp: false, position: 0 });
    expect(stale?.evidence).toContain('not the DHCP lease: ipconfig getpacket en0 gives yiaddr 172.2.3.10');
    expect(dhcp).toMatchObject({ address: SEED.dhcp, role: 'dhcp', dhcp: true, position: 1 });
    expect(dhcp?.evidence).toContain('DHCP lease (ipconfig getpacket en0): yiaddr 172.2.3.10');
  });

  it('leaves both unknown when leases were not collected and nothing else tells them apart', () => {
    const result = assignRoles(seedInput({ leases: null }));
    expect(result.map((a) => a.role)).toEqual(['unknown', 'unknown']);
    expect(result[0]?.evidence).toContain('DHCP lease not collected');
    expect(result.some((a) => a.conflict)).toBe(false);
  });

  it('leaves both unknown when no lease was collected for this interface', () => {
    expect(roles(seedInput({ leases: { en1: lease('en1', '10.0.0.2') } }))).toEqual([
      [SEED.stale, 'unknown'],
      [SEED.dhcp, 'unknown'],
    ]);
  });

  it('leaves both unknown when the lease names an address en0 does not carry', () => {
    const result = assignRoles(seedInput({ leases: { en0: lease('en0', '172.2.3.99') } }));
    expect(result.map((a) => a.role)).toEqual(['unknown', 'unknown']);
    expect(result[0]?.evidence[0]).toContain("yiaddr 172.2.3.99, which is none of en0's addresses");
  });

  it('calls every address static when the interface has no DHCP at all', () => {
    const result = assignRoles(seedInput({ leases: { en0: null } }));
    expect(result.map((a) => a.role)).toEqual(['static', 'static']);
    expect(result[0]?.evidence[0]).toBe('no DHCP on en0 (ipconfig getpacket en0 printed nothing)');
  });

  it('gives a single address no stale evidence even when its probes fail', () => {
    const result = assignRoles(
      seedInput({ addresses: [inet(SEED.dhcp, 16)], hostProbes: [hostProbe(SEED.dhcp, false)] }),
    );
    expect(result.map((a) => a.role)).toEqual(['dhcp']);
    expect(result[0]?.staleEvidence).toEqual([]);
  });
});

describe('assignRoles: subnet evidence', () => {
  const addresses = [inet('10.0.5.20', 24), inet(SEED.dhcp, 16)];

  it('calls stale the address whose subnet lacks the gateway another address has', () => {
    const [other, live] = assignRoles(seedInput({ addresses, leases: null }));
    expect(other?.role).toBe('stale');
    expect(other?.staleEvidence).toEqual([
      'subnet 10.0.5.0/24 does not contain the gateway 172.2.2.2 (172.2.3.10/16 does)',
    ]);
    expect(live?.inUseEvidence).toEqual(['subnet 172.2.0.0/16 contains the gateway 172.2.2.2 (10.0.5.20/24 does not)']);
  });

  it('says nothing either way when every subnet contains the gateway', () => {
    const result = assignRoles(seedInput({ leases: null }));
    expect(result.flatMap((a) => [...a.staleEvidence, ...a.inUseEvidence])).toEqual([]);
    expect(result[0]?.evidence).toContain('subnet 172.2.0.0/16 contains the gateway 172.2.2.2');
  });

  it('says nothing either way when the gateway is unknown', () => {
    expect(roles(seedInput({ addresses, leases: null, gateway: null }))).toEqual([
      ['10.0.5.20', 'unknown'],
      [SEED.dhcp, 'unknown'],
    ]);
  });
});

describe('assignRoles: bound probe evidence', () => {
  it('calls stale an address whose probes all fail while another address gets answers', () => {
    const probes = [hostProbe(SEED.stale, false), hostProbe(SEED.dhcp, true)];
    const [stale, live] = assignRoles(seedInput({ leases: null, hostProbes: probes }));
    expect(stale?.role).toBe('stale');
    expect(stale?.staleEvidence).toEqual(['bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout']);
    expect(live?.role).toBe('unknown');
    expect(live?.inUseEvidence).toEqual(['bound probe 172.2.3.10 → 198.51.100.10:443 connected in 23 ms']);
  });

  it('does not blame an address when every address fails (the uplink may be down)', () => {
    const probes = [hostProbe(SEED.stale, false), hostProbe(SEED.dhcp, false)];
    const result = assignRoles(seedInput({ leases: { en0: null }, hostProbes: probes }));
    expect(result.map((a) => a.role)).toEqual(['static', 'static']);
  });

  it('does not call stale an address with at least one answered probe', () => {
    const probes = [
      hostProbe(SEED.stale, false),
      hostProbe(SEED.stale, true, '1.1.1.1:443'),
      hostProbe(SEED.dhcp, true),
    ];
    const [first] = assignRoles(seedInput({ leases: { en0: null }, hostProbes: probes }));
    expect(first?.role).toBe('static');
  });

  it('ignores probes bound to addresses of other interfaces', () => {
    const probes = [hostProbe(SEED.stale, false), hostProbe('10.9.9.9', true)];
    const [first] = assignRoles(seedInput({ leases: { en0: null }, hostProbes: probes }));
    expect(first?.role).toBe('static');
  });
});

describe('assignRoles: conflicting evidence', () => {
  it('makes both addresses unknown when the lease holder gets no answers and the other one does', () => {
    const probes = [hostProbe(SEED.stale, true), hostProbe(SEED.dhcp, false)];
    const [first, holder] = assignRoles(seedInput({ hostProbes: probes }));
    expect(first).toMatchObject({ role: 'unknown', conflict: true });
    expect(holder).toMatchObject({ role: 'unknown', conflict: true, dhcp: true });
    expect(holder?.evidence).toEqual([
      'conflicting evidence: some says this address is stale, some that it is in use',
      'says in use: DHCP lease (ipconfig getpacket en0): yiaddr 172.2.3.10',
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
      'says stale: bound probe 172.2.3.10 → 198.51.100.10:443 failed: timeout',
    ]);
  });

  it('treats a non-lease address that still gets answers as conflicting, not stale', () => {
    const probes = [hostProbe(SEED.stale, true), hostProbe(SEED.dhcp, true)];
    const [first, holder] = assignRoles(seedInput({ hostProbes: probes }));
    expect(first).toMatchObject({ role: 'unknown', conflict: true });
    expect(holder).toMatchObject({ role: 'dhcp', conflict: false });
  });

  it('makes a lease holder outside the gateway subnet conflicting', () => {
    const addresses = [inet('10.0.5.20', 24), inet(SEED.dhcp, 16)];
    const [first] = assignRoles(seedInput({ addresses, leases: { en0: lease('en0', '10.0.5.20') } }));
    expect(first).toMatchObject({ address: '10.0.5.20', role: 'unknown', conflict: true });
  });
});

describe('assignRoles: link-local', () => {
  it('always calls 169.254/16 link-local and leaves it out of comparisons', () => {
    const addresses = [inet('169.254.12.7', 16), inet(SEED.dhcp, 16)];
    const result = assignRoles(seedInput({ addresses, leases: { en0: null } }));
    expect(result.map((a) => a.role)).toEqual(['link-local', 'static']);
    expect(result[1]?.inUseEvidence).toEqual([]);
  });
});

describe('assignRoles on Linux (lifetime evidence)', () => {
  const linuxInput = (overrides: Partial<RoleInput> = {}): RoleInput => ({
    platform: 'linux',
    interfaceName: 'en0',
    addresses: [
      inet(LINUX.stale, 24, { validLifetime: null, dynamic: false }),
      inet(LINUX.good, 24, { validLifetime: 86000, dynamic: true, secondary: true }),
    ],
    gateway: LINUX.gateway,
    leases: null,
    hostProbes: null,
    ...overrides,
  });

  it('calls a forever address stale when another address is dynamic', () => {
    const [stale, good] = assignRoles(linuxInput());
    expect(stale).toMatchObject({ role: 'stale', secondary: false });
    expect(stale?.staleEvidence).toEqual([
      'valid_lft forever, not dynamic: configured by hand or statically, not by DHCP',
    ]);
    expect(good).toMatchObject({ role: 'dhcp', secondary: true });
    expect(good?.evidence[0]).toBe('dynamic, valid_lft 86000sec: from DHCP');
  });

  it('calls forever addresses static when none is dynamic', () => {
    const addresses = [inet(LINUX.stale, 24, { validLifetime: null }), inet(LINUX.good, 24, { validLifetime: null })];
    expect(assignRoles(linuxInput({ addresses })).map((a) => a.role)).toEqual(['static', 'static']);
  });

  it('takes a finite lifetime without the dynamic flag as DHCP', () => {
    const [only] = assignRoles(linuxInput({ addresses: [inet(LINUX.good, 24, { validLifetime: 3600 })] }));
    expect(only?.role).toBe('dhcp');
  });

  it('says unknown when the lifetime was not reported', () => {
    const [only] = assignRoles(linuxInput({ addresses: [inet(LINUX.good, 24)] }));
    expect(only?.role).toBe('unknown');
  });
});

describe('networkOf', () => {
  it('masks the host part', () => {
    expect(networkOf('172.2.9.61', 16)).toBe('172.2.0.0/16');
    expect(networkOf('192.168.77.6', 24)).toBe('192.168.77.0/24');
  });
});
