// The evidence sentences roles.ts writes for the cases roles.test.ts leaves out: what the user reads before
// deleting an address, word for word, and which addresses count as "another address".
import {
  assignRoles,
  describeHostProbe,
  MAX_LISTED,
  networkOf,
  type RoleInput,
  shortList,
} from '@src/shared/diagnosis/roles';
import { describe, expect, it } from 'vitest';
import { hostProbe, inet, LINUX, lease, SEED, seedEn0Addresses } from './snapshot-builder';

function input(overrides: Partial<RoleInput> = {}): RoleInput {
  return {
    platform: 'darwin',
    interfaceName: 'en0',
    addresses: seedEn0Addresses(),
    gateway: SEED.gateway,
    leases: null,
    hostProbes: null,
    ...overrides,
  };
}

const UNTOLD = 'the evidence cannot tell whether it is the DHCP address, a static one or stale';

describe('networkOf and shortList', () => {
  it('leaves an address it cannot read as it is, with its prefix', () => {
    expect(networkOf('fe80::1', 64)).toBe('fe80::1/64');
  });

  it('lists up to five names, then says how many more', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(MAX_LISTED).toBe(5);
    expect(shortList(names.slice(0, 5))).toBe('a, b, c, d, e');
    expect(shortList(names.slice(0, 6))).toBe('a, b, c, d, e and 1 more');
    expect(shortList(names)).toBe('a, b, c, d, e and 2 more');
    expect(shortList([])).toBe('');
  });
});

describe('describeHostProbe', () => {
  it('says connected, with the time when it was measured', () => {
    expect(describeHostProbe(hostProbe(SEED.dhcp, true))).toBe(
      'bound probe 172.2.3.10 → 198.51.100.10:443 connected in 23 ms',
    );
    expect(describeHostProbe({ ...hostProbe(SEED.dhcp, true), ms: null })).toBe(
      'bound probe 172.2.3.10 → 198.51.100.10:443 connected',
    );
  });

  it('says why it failed, or that no reason was given', () => {
    expect(describeHostProbe(hostProbe(SEED.stale, false, '1.1.1.1:443', 'connection refused'))).toBe(
      'bound probe 172.2.9.61 → 1.1.1.1:443 failed: connection refused',
    );
    expect(describeHostProbe({ ...hostProbe(SEED.stale, false), error: null })).toBe(
      'bound probe 172.2.9.61 → 198.51.100.10:443 failed: no reason given',
    );
  });
});

describe('assignRoles: evidence when nothing decides', () => {
  it('says the evidence cannot tell, after every observation', () => {
    const [first, second] = assignRoles(input());
    expect(first?.evidence).toEqual([
      'DHCP lease not collected',
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
      UNTOLD,
    ]);
    expect(second?.evidence).toEqual([
      'DHCP lease not collected',
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
      UNTOLD,
    ]);
    expect(first).toMatchObject({ role: 'unknown', conflict: false, staleEvidence: [], inUseEvidence: [] });
  });

  it('says the subnet lacks a gateway no address has, without blaming either', () => {
    const result = assignRoles(input({ gateway: '10.9.9.1' }));
    expect(result.map((a) => a.evidence[1])).toEqual([
      'subnet 172.2.0.0/16 does not contain the gateway 10.9.9.1',
      'subnet 172.2.0.0/16 does not contain the gateway 10.9.9.1',
    ]);
    expect(result.map((a) => a.role)).toEqual(['unknown', 'unknown']);
  });

  it('makes no subnet observation for a gateway that is not an IPv4 address', () => {
    const [first] = assignRoles(input({ gateway: 'fe80::1' }));
    expect(first?.evidence).toEqual(['DHCP lease not collected', UNTOLD]);
  });

  it('keeps every probe from one address, in order', () => {
    const probes = [hostProbe(SEED.dhcp, true), hostProbe(SEED.dhcp, false, '1.1.1.1:443')];
    const [, live] = assignRoles(input({ hostProbes: probes, leases: { en0: null } }));
    expect(live?.evidence).toEqual([
      'no DHCP on en0 (ipconfig getpacket en0 printed nothing)',
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2',
      'bound probe 172.2.3.10 → 198.51.100.10:443 connected in 23 ms',
      'bound probe 172.2.3.10 → 1.1.1.1:443 failed: timeout',
    ]);
    expect(live?.inUseEvidence).toEqual(['bound probe 172.2.3.10 → 198.51.100.10:443 connected in 23 ms']);
    expect(live?.staleEvidence).toEqual([]);
    expect(live?.role).toBe('static');
  });
});

describe('assignRoles: long lists of other addresses', () => {
  const others = (count: number) => Array.from({ length: count }, (_, i) => inet(`10.0.${i + 1}.20`, 24));

  it('names five addresses outside the gateway subnet, then how many more', () => {
    const addresses = [inet(SEED.dhcp, 16), ...others(7)];
    const [live, stale] = assignRoles(input({ addresses }));
    expect(live?.inUseEvidence).toEqual([
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2 ' +
        '(10.0.1.20/24, 10.0.2.20/24, 10.0.3.20/24, 10.0.4.20/24, 10.0.5.20/24 and 2 more does not)',
    ]);
    expect(stale?.staleEvidence).toEqual([
      'subnet 10.0.1.0/24 does not contain the gateway 172.2.2.2 (172.2.3.10/16 does)',
    ]);
  });

  it('names all five when there are exactly five', () => {
    const [live] = assignRoles(input({ addresses: [inet(SEED.dhcp, 16), ...others(5)] }));
    expect(live?.inUseEvidence).toEqual([
      'subnet 172.2.0.0/16 contains the gateway 172.2.2.2 ' +
        '(10.0.1.20/24, 10.0.2.20/24, 10.0.3.20/24, 10.0.4.20/24, 10.0.5.20/24 does not)',
    ]);
  });
});

describe('assignRoles: link-local addresses are never "another address"', () => {
  const linkLocal = inet('169.254.12.7', 16, { secondary: true });

  it('describes a link-local address with its probes and takes no side', () => {
    const probes = [hostProbe('169.254.12.7', true)];
    const [fact] = assignRoles(input({ addresses: [linkLocal, inet(SEED.dhcp, 16)], hostProbes: probes }));
    expect(fact).toEqual({
      address: '169.254.12.7',
      prefixLength: 16,
      position: 0,
      role: 'link-local',
      evidence: [
        '169.254/16: self-assigned when DHCP got no answer; routers never forward it',
        'bound probe 169.254.12.7 → 198.51.100.10:443 connected in 23 ms',
      ],
      staleEvidence: [],
      inUseEvidence: [],
      conflict: false,
      dhcp: false,
      secondary: true,
    });
  });

  it('does not name a link-local address as lacking the gateway', () => {
    const [, live] = assignRoles(input({ addresses: [linkLocal, inet(SEED.dhcp, 16)] }));
    expect(live?.evidence[1]).toBe('subnet 172.2.0.0/16 contains the gateway 172.2.2.2');
  });

  it("does not take a link-local address's answers as another address working", () => {
    const probes = [hostProbe('169.254.12.7', true), hostProbe(SEED.dhcp, false)];
    const [, only] = assignRoles(
      input({ addresses: [linkLocal, inet(SEED.dhcp, 16)], hostProbes: probes, leases: { en0: null } }),
    );
    expect(only).toMatchObject({ role: 'static', staleEvidence: [] });
  });

  it('does not take a dynamic link-local address as the DHCP holder (Linux)', () => {
    const addresses = [
      inet('169.254.12.7', 16, { dynamic: true, validLifetime: 100 }),
      inet(LINUX.good, 24, { validLifetime: null, dynamic: false }),
    ];
    const [, forever] = assignRoles(input({ platform: 'linux', addresses, gateway: LINUX.gateway }));
    expect(forever).toMatchObject({ role: 'static', staleEvidence: [] });
  });
});

describe('assignRoles on Linux: the DHCP sentence', () => {
  const linux = (address: ReturnType<typeof inet>) =>
    assignRoles(input({ platform: 'linux', addresses: [address], gateway: LINUX.gateway }))[0];

  it('names the finite lifetime alone, or the dynamic flag alone', () => {
    expect(linux(inet(LINUX.good, 24, { validLifetime: 3600 }))?.evidence[0]).toBe('valid_lft 3600sec: from DHCP');
    expect(linux(inet(LINUX.good, 24, { dynamic: true }))).toMatchObject({
      role: 'dhcp',
      dhcp: true,
      evidence: ['dynamic: from DHCP', 'subnet 198.51.100.0/24 contains the gateway 198.51.100.1'],
    });
  });

  it('says the lifetime was not reported, and that the role cannot be told', () => {
    expect(linux(inet(LINUX.good, 24))?.evidence).toEqual([
      'lifetime and dynamic flag not reported',
      'subnet 198.51.100.0/24 contains the gateway 198.51.100.1',
      UNTOLD,
    ]);
  });

  it('takes dynamic: false with an unreported lifetime as unknown, not static', () => {
    expect(linux(inet(LINUX.good, 24, { dynamic: false }))).toMatchObject({ role: 'unknown', dhcp: false });
  });

  it('calls two dynamic addresses both dhcp, neither stale', () => {
    const addresses = [inet(LINUX.stale, 24, { dynamic: true }), inet(LINUX.good, 24, { dynamic: true })];
    const result = assignRoles(input({ platform: 'linux', addresses, gateway: LINUX.gateway }));
    expect(result.map((a) => [a.role, a.staleEvidence])).toEqual([
      ['dhcp', []],
      ['dhcp', []],
    ]);
  });

  it('reads no lease on Linux even when one was collected', () => {
    const [only] = assignRoles(
      input({
        platform: 'linux',
        addresses: [inet(LINUX.good, 24)],
        gateway: LINUX.gateway,
        leases: { en0: lease('en0', LINUX.good) },
      }),
    );
    expect(only?.evidence[0]).toBe('lifetime and dynamic flag not reported');
  });
});
