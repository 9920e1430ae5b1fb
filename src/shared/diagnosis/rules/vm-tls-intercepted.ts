import { vmSideFixes } from '../../providers/vm-side-fixes';
import { providerOf, type Rule } from '../rule';
import { describeTls } from '../vm-side';

export const rule: Rule = {
  id: 'vm-tls-intercepted',
  scope: 'vm',
  colours: ['vm'],
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
        `with its own CA, which the Mac trusts and the VM does not. ${vmSideFixes(wording).addCa(wording, vm.profile)} Then check again.`,
      evidence: [
        ...refused.map(describeTls),
        ...refused.map((probe) => `certificate the VM saw for ${probe.target}: issuer ${probe.issuer ?? 'not shown'}`),
      ],
      fix: null,
    };
  },
};
