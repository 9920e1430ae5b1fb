import type { ProviderWording } from '../../providers';
import { providerOf, type Rule } from '../rule';
import { describeTls, inVm } from '../vm-side';

function addTheCa(wording: ProviderWording, name: string): string {
  if (wording.id === 'minikube') {
    return (
      "Export the proxy's root CA as PEM (Keychain Access → the CA → Export, or from IT), copy it into " +
      `\`~/.minikube/certs/\` and run \`${wording.command(name, 'start')} --embed-certs\`: minikube installs every ` +
      "certificate there into the VM's trust store."
    );
  }
  return (
    "Export the proxy's root CA as PEM and install it in the VM's trust store " +
    `(\`${inVm(wording, name, 'sudo cp CA.pem /usr/local/share/ca-certificates/proxy-ca.crt && sudo update-ca-certificates')}\`` +
    '; for a VM that is re-created, put that in its provisioning), then restart the container runtime.'
  );
}

export const rule: Rule = {
  id: 'vm-tls-intercepted',
  evaluate(facts) {
    if (facts.vm.status !== 'probed') return null;
    const refused = facts.vm.tls.filter((probe) => probe.verified === false);
    const first = refused[0];
    if (first === undefined) return null;
    const vm = facts.vm.observation!;
    const wording = providerOf(facts);
    const issuer = first.issuer ?? 'not shown';
    return {
      id: 'vm-tls-intercepted',
      severity: 'error',
      title: `HTTPS from the VM is re-signed by a CA the VM does not trust (issuer: ${issuer}).`,
      detail:
        `Inside the VM, the connection to ${first.target} is made but its certificate is refused ` +
        `(${first.verifyError ?? 'verification failed'}), so pulls fail with "x509: certificate signed by unknown ` +
        'authority". A TLS-inspecting proxy or security agent (Zscaler and the like) on this network re-signs HTTPS ' +
        `with its own CA, which the Mac trusts and the VM does not. ${addTheCa(wording, vm.profile)} Then check again.`,
      evidence: [
        ...refused.map(describeTls),
        ...refused.map((probe) => `certificate the VM saw for ${probe.target}: issuer ${probe.issuer ?? 'not shown'}`),
      ],
      fix: null,
    };
  },
};
