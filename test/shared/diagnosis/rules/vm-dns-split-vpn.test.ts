import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vm-dns-split-vpn';
import { describe, expect, it } from 'vitest';
import { dnsFailed, evaluatorFor } from '../snapshot-builder';
import { stopped, vmSide } from './vm-side-snapshots';

const evaluate = evaluatorFor(rule);
const VPN = { domain: 'dev.example.com', nameservers: ['10.8.0.1', '10.8.0.2'], interface: null };
const DEFAULT = { domain: null, nameservers: ['192.0.2.1'], interface: 'en0' };
const internalFails = {
  name: 'git.dev.example.com',
  ok: false,
  addresses: [],
  error: "server can't find git.dev.example.com: NXDOMAIN",
};
const split = () => vmSide({ internalDns: internalFails }, { resolvers: [DEFAULT, VPN] });

describe('vm-dns-split-vpn', () => {
  it("names the VPN's resolver for the domain and how to point the VM at it", () => {
    expect(evaluate(split())).toEqual({
      id: 'vm-dns-split-vpn',
      severity: 'error',
      title: 'git.dev.example.com resolves on the host through 10.8.0.1, not in the VM.',
      detail: expect.stringContaining(`\`minikube ssh -- "sudo sed -i '1i nameserver 10.8.0.1' /etc/resolv.conf"\``),
      evidence: [
        'host resolver for dev.example.com: 10.8.0.1, 10.8.0.2',
        'VM resolv.conf: nameserver 192.168.64.1',
        "VM lookup git.dev.example.com failed: server can't find git.dev.example.com: NXDOMAIN",
      ],
      fix: null,
    });
  });

  it("uses the host's own lookup and resolver on a Linux host, and explains a failing probe name", () => {
    const snapshot = vmSide(
      { dns: dnsFailed('registry.corp.test') },
      {
        resolvers: [{ domain: null, nameservers: ['203.0.113.54'], interface: null }],
        internalLookup: { name: 'registry.corp.test', ok: true, addresses: ['203.0.113.10'], error: null },
      },
    );
    expect(evaluate(snapshot)?.evidence[0]).toBe('host lookup registry.corp.test: 203.0.113.10');
    const finding = diagnose(snapshot).findings.find((f) => f.id === 'vm-dns-split-vpn');
    expect(finding?.causes).toEqual(['vm-dns-failure']);
  });

  it('stays silent when the VM resolves it, no host resolver knows the domain, or the VM is not running', () => {
    expect(evaluate(vmSide({}, { resolvers: [DEFAULT, VPN] }))).toBeNull();
    expect(evaluate(vmSide({ internalDns: internalFails }, { resolvers: [DEFAULT] }))).toBeNull();
    expect(evaluate(vmSide({ internalDns: internalFails }, { resolvers: null }))).toBeNull();
    // The VM already asks that server: something else is wrong.
    const asked = split();
    asked.vm!.probe!.nameservers = ['10.8.0.1', '10.8.0.2'];
    expect(evaluate(asked)).toBeNull();
    expect(evaluate(stopped(split()))).toBeNull();
  });
});
