import { rule } from '@src/shared/diagnosis/rules/vm-dns-failure';
import { describe, expect, it } from 'vitest';
import {
  dnsFailed,
  evaluatorFor,
  healthySnapshot,
  seedSnapshot,
  vmDnsFailure,
  vmProbe,
  vmRunning,
} from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('vm-dns-failure', () => {
  it('fires with the nameservers and the error, and points at the DNS proxy on the bridge', () => {
    const finding = evaluate(vmDnsFailure());
    expect(finding).toMatchObject({
      id: 'vm-dns-failure',
      severity: 'error',
      title: 'DNS lookups fail inside the VM.',
      evidence: [
        'resolv.conf: nameserver 192.168.64.1',
        'lookup registry-1.docker.io failed: connection timed out; no servers could be reached',
      ],
      fix: null,
    });
    expect(finding?.detail).toContain('Connections by address work, so only name resolution is broken');
    expect(finding?.detail).toContain("192.168.64.1 is macOS's DNS proxy on the vmnet bridge");
  });

  it('says when resolv.conf was not reported or had no nameserver', () => {
    const unreported = vmRunning(vmProbe({ nameservers: null, dns: dnsFailed() }));
    expect(evaluate(seedSnapshot({ vm: unreported }))?.evidence[0]).toBe('resolv.conf: not reported');
    const empty = vmRunning(vmProbe({ nameservers: [], dns: dnsFailed() }));
    expect(evaluate(seedSnapshot({ vm: empty }))?.evidence[0]).toBe('resolv.conf: no nameserver line');
  });

  it('stays silent when DNS works or was not tried', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    expect(evaluate(seedSnapshot({ vm: vmRunning(vmProbe({ dns: null })) }))).toBeNull();
  });
});
