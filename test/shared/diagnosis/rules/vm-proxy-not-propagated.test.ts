import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vm-proxy-not-propagated';
import { describe, expect, it } from 'vitest';
import { evaluatorFor } from '../snapshot-builder';
import { failingTargets, stopped, tls, vmSide } from './vm-side-snapshots';

const evaluate = evaluatorFor(rule);
const PROXY = { source: 'scutil --proxy HTTPSProxy (https)', url: 'http://proxy.corp.example:3128' };
const refused = tls({ connected: false, handshake: false, verified: null, error: "Couldn't connect to server" });
const lacking = () => vmSide({ tls: [refused], targets: failingTargets }, { proxies: [PROXY] });

describe('vm-proxy-not-propagated', () => {
  it("names the host's proxy and how to hand it to minikube, and explains the unreachable internet", () => {
    expect(evaluate(lacking())).toEqual({
      id: 'vm-proxy-not-propagated',
      severity: 'error',
      title: 'The host goes out through a proxy (http://proxy.corp.example:3128) the VM does not know.',
      detail: expect.stringContaining('export HTTPS_PROXY=http://proxy.corp.example:3128'),
      evidence: [
        'host proxy: http://proxy.corp.example:3128 (scutil --proxy HTTPSProxy (https))',
        'VM proxy variables: none (shell, /etc/environment, the docker service)',
        "VM → https://registry.k8s.io:443: TCP connect failed: Couldn't connect to server",
        'VM → registry-1.docker.io:443 failed: timeout',
        'VM → 1.1.1.1:443 failed: timeout',
      ],
      fix: null,
    });
    const finding = diagnose(lacking()).findings.find((f) => f.id === 'vm-proxy-not-propagated');
    expect(finding?.causes).toEqual(['vm-internet-unreachable']);
  });

  it('stays silent when the VM has a proxy, the host has none, direct HTTPS works, or the VM is not running', () => {
    const withProxy = lacking();
    withProxy.vm!.probe!.proxies = [{ source: 'etc-environment', name: 'HTTPS_PROXY', value: PROXY.url }];
    expect(evaluate(withProxy)).toBeNull();
    expect(evaluate(vmSide({ tls: [refused], targets: failingTargets }, { proxies: [] }))).toBeNull();
    expect(evaluate(vmSide({}, { proxies: [PROXY] }))).toBeNull();
    expect(
      evaluate(vmSide({ tls: [refused], targets: failingTargets, proxies: null }, { proxies: [PROXY] })),
    ).toBeNull();
    expect(evaluate(stopped(lacking()))).toBeNull();
  });
});
