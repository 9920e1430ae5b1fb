import { readFileSync } from 'node:fs';
import { rule } from '@src/shared/diagnosis/rules/dhcp-pool-exhausted';
import type { BootpdLease, Snapshot } from '@src/shared/model';
import { parseDhcpdLeases } from '@src/shared/parsers/darwin/dhcpd-leases';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, linuxSnapshot, vmProbe, vmRunning } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

// healthySnapshot() is taken at 2025-03-14T09:30:00Z; bootpd's vmnet leases last a day.
const TAKEN_AT = Date.parse('2025-03-14T09:30:00.000Z') / 1000;
const DAY = 86_400;

/** A lease for 192.168.64.N shaped like the real entries (type-1 hardware address with unpadded octets). */
function leaseFor(host: number, expiresAt = TAKEN_AT + DAY / 2): BootpdLease {
  return {
    name: `vm${host}`,
    ipAddress: `192.168.64.${host}`,
    hwAddress: `1,52:54:0:0:0:${host.toString(16)}`,
    expiresAt,
  };
}

/** bootpd's pool on bridge100 192.168.64.1/24: .2 to .254. */
const everyAddress = (): BootpdLease[] => Array.from({ length: 253 }, (_, index) => leaseFor(index + 2));

function stuck(leases: BootpdLease[] | null): Snapshot {
  return healthySnapshot({ dhcpdLeases: leases, vm: vmRunning(vmProbe({ routes: [], targets: [] })) });
}

describe('dhcp-pool-exhausted', () => {
  it('a full pool: an error, counts and the first expiry in the evidence', () => {
    const leases = [...everyAddress(), leaseFor(9, TAKEN_AT - DAY)];
    const finding = evaluate(stuck(leases));
    expect(finding).toMatchObject({
      id: 'dhcp-pool-exhausted',
      severity: 'error',
      title: 'Every address of 192.168.64.0/24 (bridge100) is leased: new VMs get no IP address.',
      evidence: [
        '/var/db/dhcpd_leases: 253 unexpired leases in 192.168.64.0/24 for 253 addresses (and 1 expired)',
        'the first of them expires at 2025-03-14T21:30:00.000Z',
      ],
      fix: null,
    });
    expect(finding?.detail).toContain('`sudo mv /var/db/dhcpd_leases /var/db/dhcpd_leases.old`');
  });

  it('a host finding: the same answer whether the VM it is reported with got its address or not', () => {
    expect(evaluate(healthySnapshot({ dhcpdLeases: everyAddress() }))).toEqual(evaluate(stuck(everyAddress())));
  });

  it('expired leases, duplicates and other subnets do not fill the pool', () => {
    const [first, ...rest] = everyAddress();
    expect(evaluate(stuck([{ ...first!, expiresAt: TAKEN_AT - 1 }, ...rest]))).toBeNull();
    expect(evaluate(stuck([...rest, { ...rest[0]!, name: 'again' }]))).toBeNull();
    expect(evaluate(stuck([...rest, { ...first!, ipAddress: '192.168.65.2' }]))).toBeNull();
  });

  it("the real lease file's three minikube leases are nowhere near a full pool, even while they were live", () => {
    const text = readFileSync(
      new URL('../../../fixtures/real/dhcpd-leases/minikube1926-var-db-dhcpd_leases-TRUNCATED.txt', import.meta.url),
      'utf8',
    );
    const parsed = parseDhcpdLeases(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const thenSnapshot = { ...stuck(parsed.value), takenAt: '2019-08-21T12:00:00.000Z' };
    expect(evaluate(thenSnapshot)).toBeNull();
  });

  it('says nothing without the lease file, or on Linux', () => {
    expect(evaluate(stuck(null))).toBeNull();
    expect(evaluate({ ...linuxSnapshot(), dhcpdLeases: everyAddress() })).toBeNull();
  });
});
