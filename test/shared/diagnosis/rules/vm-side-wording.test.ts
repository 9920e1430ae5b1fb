// What the VM-side findings tell the user, word for word, for each branch.
import { rule as dnsFailure } from '@src/shared/diagnosis/rules/vm-dns-failure';
import { rule as splitVpn } from '@src/shared/diagnosis/rules/vm-dns-split-vpn';
import { describeVmTarget, rule as unreachable } from '@src/shared/diagnosis/rules/vm-internet-unreachable';
import { rule as mtu } from '@src/shared/diagnosis/rules/vm-mtu-blackhole';
import { rule as proxy } from '@src/shared/diagnosis/rules/vm-proxy-not-propagated';
import { rule as tlsIntercepted } from '@src/shared/diagnosis/rules/vm-tls-intercepted';
import { describe, expect, it } from 'vitest';
import {
  dnsFailed,
  evaluatorFor,
  healthySnapshot,
  hostProbe,
  linuxSnapshot,
  vmDnsFailure,
  vmInternetUnreachable,
  vmProbe,
  vmRunning,
  vmTarget,
} from '../snapshot-builder';
import { failingTargets, tls, vmSide } from './vm-side-snapshots';

describe('vm-dns-failure wording', () => {
  const evaluate = evaluatorFor(dnsFailure);

  it("by address works, and the Mac's DNS proxy on the bridge", () => {
    expect(evaluate(vmDnsFailure())?.detail).toBe(
      'The VM could not resolve registry-1.docker.io. Connections by address work, so only name resolution is ' +
        "broken; image pulls still fail. 192.168.64.1 is macOS's DNS proxy on the vmnet bridge, which forwards to " +
        "the host's own DNS servers: check that the host resolves names, and whether a VPN or DNS filter on the host " +
        'changed them.',
    );
  });

  it('nothing reached and a nameserver that is not the bridge: no proxy note, and no reason given', () => {
    const snapshot = healthySnapshot({
      vm: vmRunning(
        vmProbe({
          routes: vmDnsFailure().vm!.probe!.routes,
          nameservers: ['8.8.8.8'],
          dns: { ...dnsFailed(), error: null },
          targets: [vmTarget('1.1.1.1:443', false)],
        }),
      ),
    });
    expect(evaluate(snapshot)).toMatchObject({
      detail: 'The VM could not resolve registry-1.docker.io. Image pulls fail until names resolve.',
      evidence: ['resolv.conf: nameserver 8.8.8.8', 'lookup registry-1.docker.io failed: no reason given'],
    });
  });

  it("on Linux the bridge's DNS server is not called macOS's proxy", () => {
    const snapshot = linuxSnapshot();
    snapshot.vm!.probe!.dns = dnsFailed();
    expect(evaluate(snapshot)?.detail).toContain(
      " 192.168.39.1 is the DNS server on the bridge, which forwards to the host's own DNS servers",
    );
  });
});

describe('vm-dns-split-vpn wording', () => {
  const evaluate = evaluatorFor(splitVpn);
  const failing = (name: string) => ({ name, ok: false, addresses: [], error: null });
  const VPN = { domain: 'dev.example.com', nameservers: ['127.0.0.1', '10.8.0.1'], interface: 'utun3' };

  it('the whole finding: the resolver, its interface, the fix and what the VM asks', () => {
    const finding = evaluate(vmSide({ internalDns: failing('Git.Dev.Example.com.') }, { resolvers: [VPN] }));
    expect(finding).toEqual({
      id: 'vm-dns-split-vpn',
      severity: 'error',
      title: 'Git.Dev.Example.com. resolves on the host through 10.8.0.1, not in the VM.',
      detail:
        "The host resolves Git.Dev.Example.com. through a resolver (a VPN's split DNS) that the VM does not ask: " +
        'the VM\'s resolv.conf lists 192.168.64.1. Point the VM at 10.8.0.1 for it: `minikube ssh -- "sudo sed -i ' +
        "'1i nameserver 10.8.0.1' /etc/resolv.conf\"` (until the VM restarts; for pods, add a CoreDNS `forward` " +
        'block for the domain to 10.8.0.1), then check again.',
      evidence: [
        'host resolver for dev.example.com: 127.0.0.1, 10.8.0.1 via utun3',
        'VM resolv.conf: nameserver 192.168.64.1',
        'VM lookup Git.Dev.Example.com. failed: no reason given',
      ],
      fix: null,
    });
  });

  it('the domain itself matches; a name that only ends in the same letters does not', () => {
    expect(evaluate(vmSide({ internalDns: failing('dev.example.com') }, { resolvers: [VPN] }))?.id).toBe(
      'vm-dns-split-vpn',
    );
    expect(evaluate(vmSide({ internalDns: failing('mydev.example.com') }, { resolvers: [VPN] }))).toBeNull();
  });

  it('a resolver reachable only on loopback is no use to the VM', () => {
    for (const server of ['127.0.0.53', '::1']) {
      const resolvers = [{ ...VPN, nameservers: [server] }];
      expect(evaluate(vmSide({ internalDns: failing('git.dev.example.com') }, { resolvers }))).toBeNull();
    }
  });

  it("a VM without nameservers, told through the host's own lookup", () => {
    const snapshot = vmSide(
      { dns: dnsFailed('registry.corp.test'), nameservers: null },
      {
        resolvers: [{ domain: null, nameservers: ['203.0.113.54'], interface: null }, VPN],
        internalLookup: {
          name: 'registry.corp.test',
          ok: true,
          addresses: ['203.0.113.10', '203.0.113.11'],
          error: null,
        },
      },
    );
    const finding = evaluate(snapshot);
    expect(finding?.detail).toContain("the VM's resolv.conf lists no nameserver. Point the VM at 203.0.113.54 for it");
    expect(finding?.evidence).toEqual([
      'host lookup registry.corp.test: 203.0.113.10, 203.0.113.11',
      'host resolver for all names: 203.0.113.54',
      'VM lookup registry.corp.test failed: connection timed out; no servers could be reached',
    ]);
  });

  it("the host's lookup counts only for the name that failed, and only with a usable default resolver", () => {
    const lookup = { name: 'other.corp.test', ok: true, addresses: ['203.0.113.10'], error: null };
    const resolvers = [{ domain: null, nameservers: ['203.0.113.54'], interface: null }];
    expect(
      evaluate(vmSide({ dns: dnsFailed('registry.corp.test') }, { resolvers, internalLookup: lookup })),
    ).toBeNull();
    const same = { ...lookup, name: 'registry.corp.test' };
    const loopbackOnly = [{ domain: null, nameservers: ['127.0.0.1'], interface: null }];
    expect(
      evaluate(vmSide({ dns: dnsFailed('registry.corp.test') }, { resolvers: loopbackOnly, internalLookup: same })),
    ).toBeNull();
    expect(
      evaluate(vmSide({ dns: dnsFailed('registry.corp.test') }, { resolvers, internalLookup: { ...same, ok: false } })),
    ).toBeNull();
  });
});

describe('vm-internet-unreachable wording', () => {
  const evaluate = evaluatorFor(unreachable);

  it('the host reaches the internet: the break is on the VM side', () => {
    expect(evaluate(vmInternetUnreachable())?.detail).toBe(
      "Inside the VM every connection failed: images can't be pulled. The host itself reaches the internet, so the " +
        "break lies on the VM's own part of the path (bridge or NAT): the other findings and the hops say where.",
    );
  });

  it('the host reaches nothing either, and the VM did not report its routes', () => {
    const snapshot = vmInternetUnreachable();
    snapshot.hostProbes = [hostProbe('192.168.1.20', false, '1.1.1.1:443')];
    snapshot.vm!.probe!.routes = null;
    const finding = evaluate(snapshot);
    expect(finding?.detail).toBe(
      "Inside the VM every connection failed: images can't be pulled. The other findings and the hops say where " +
        'along the path it breaks.',
    );
    expect(finding?.evidence[0]).toBe('VM routes: not reported');
  });

  it('no default route: restart the VM', () => {
    const snapshot = vmInternetUnreachable();
    snapshot.vm!.probe!.routes = [];
    expect(evaluate(snapshot)?.detail).toBe(
      "Inside the VM every connection failed: images can't be pulled. The VM has no default route, so it has no " +
        'way out at all: restart the VM so DHCP gives it one.',
    );
  });

  it('describes each probe of the VM', () => {
    expect(describeVmTarget(vmTarget('1.1.1.1:443', true))).toBe('VM → 1.1.1.1:443 connected in 41 ms');
    expect(describeVmTarget({ target: '1.1.1.1:443', ok: true, ms: null, error: null })).toBe(
      'VM → 1.1.1.1:443 connected',
    );
    expect(describeVmTarget({ target: '1.1.1.1:443', ok: false, ms: null, error: null })).toBe(
      'VM → 1.1.1.1:443 failed: no reason given',
    );
  });
});

describe('vm-mtu-blackhole wording', () => {
  const stalled = tls({ handshake: false, verified: null, timedOut: true, error: 'timed out' });
  const evaluate = evaluatorFor(mtu);

  it('the whole detail', () => {
    expect(evaluate(vmSide({ tls: [stalled] }, { mtus: { en0: 1400 } }))?.detail).toBe(
      'Inside the VM, TCP connections are made but the TLS handshake stalls: the VM offers segments sized for an ' +
        'MTU of 1500, the host\'s path (en0, a VPN or PPPoE link) carries at most 1400, and the "fragmentation ' +
        'needed" messages that should shrink them are dropped on the way, so the server\'s certificates never ' +
        "arrive. Set the VM's MTU to 1400: `minikube ssh -- sudo ip link set dev eth0 mtu 1400` (until the VM " +
        "restarts; make it permanent in the VM's network configuration or the runtime's MTU setting), then check again.",
    );
  });

  it('one byte less on the host is enough; a stall that did not time out is not this', () => {
    expect(evaluate(vmSide({ tls: [stalled] }, { mtus: { en0: 1499 } }))?.id).toBe('vm-mtu-blackhole');
    expect(evaluate(vmSide({ tls: [{ ...stalled, timedOut: false }] }, { mtus: { en0: 1400 } }))).toBeNull();
    expect(evaluate(vmSide({ tls: [{ ...stalled, handshake: true }] }, { mtus: { en0: 1400 } }))).toBeNull();
  });
});

describe('vm-proxy-not-propagated wording', () => {
  const evaluate = evaluatorFor(proxy);
  const PROXY = { source: 'scutil --proxy', url: 'http://proxy.example:3128' };
  const refused = tls({ connected: false, handshake: false, verified: null, error: 'refused' });

  it('the whole detail, and every host proxy listed', () => {
    const second = { source: 'env HTTP_PROXY', url: 'http://other.example:8080' };
    const finding = evaluate(vmSide({ tls: [refused] }, { proxies: [PROXY, second] }));
    expect(finding?.detail).toBe(
      'This Mac reaches the internet through the proxy http://proxy.example:3128, while the VM has no proxy set and ' +
        'its direct connections fail, so it cannot pull images. Start the VM with the proxy: `export ' +
        'HTTPS_PROXY=http://proxy.example:3128 HTTP_PROXY=http://proxy.example:3128 ' +
        'NO_PROXY=localhost,127.0.0.1,192.168.0.0/16,10.96.0.0/12` then `minikube start` (minikube hands these to ' +
        "the VM's container runtime; `--docker-env HTTPS_PROXY=…` does the same). Then check again.",
    );
    expect(finding?.evidence.slice(0, 2)).toEqual([
      'host proxy: http://proxy.example:3128 (scutil --proxy)',
      'host proxy: http://other.example:8080 (env HTTP_PROXY)',
    ]);
  });

  it('direct targets all failing are enough without a TLS probe; one TLS probe connecting is not', () => {
    expect(evaluate(vmSide({ tls: [], targets: failingTargets }, { proxies: [PROXY] }))?.id).toBe(
      'vm-proxy-not-propagated',
    );
    expect(evaluate(vmSide({ tls: [refused, tls()] }, { proxies: [PROXY] }))).toBeNull();
    expect(evaluate(vmSide({ tls: [{ ...refused, tried: false }] }, { proxies: [PROXY] }))).toBeNull();
  });
});

describe('vm-tls-intercepted wording', () => {
  const evaluate = evaluatorFor(tlsIntercepted);

  it('an issuer not shown and no verify error', () => {
    const finding = evaluate(vmSide({ tls: [tls({ verified: false, verifyError: null, issuer: null })] }));
    expect(finding?.title).toBe('HTTPS from the VM is re-signed by a CA the VM does not trust (issuer: not shown).');
    expect(finding?.detail).toBe(
      'Inside the VM, the connection to registry.k8s.io:443 is made but its certificate is refused (verification ' +
        'failed), so pulls fail with "x509: certificate signed by unknown authority". A TLS-inspecting proxy or ' +
        'security agent (Zscaler and the like) on this network re-signs HTTPS with its own CA, which the Mac trusts ' +
        "and the VM does not. Export the proxy's root CA as PEM (Keychain Access → the CA → Export, or from IT), copy " +
        'it into `~/.minikube/certs/` and run `minikube start --embed-certs`: minikube installs every certificate ' +
        "there into the VM's trust store. Then check again.",
    );
    expect(finding?.evidence[1]).toBe('certificate the VM saw for registry.k8s.io:443: issuer not shown');
  });

  it('a probe whose verification is unknown is not a refusal', () => {
    expect(evaluate(vmSide({ tls: [tls({ verified: null })] }))).toBeNull();
  });
});
