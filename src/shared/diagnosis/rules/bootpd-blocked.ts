// The macOS Application Firewall keeps bootpd (the DHCP server of every vmnet shared network) from answering, so
// VMs never get an address. Read as any user: `socketfilterfw --getglobalstate`, `--getallowsigned`, `--listapps`.
import type { AppFirewall, FirewallApp } from '../../model';
import type { Rule } from '../rule';
import { restartVmCommands, vmWithoutAddress } from './vm-network';

const BOOTPD = /(^|\/)bootpd$/;
const FW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

function bootpdRule(firewall: AppFirewall): FirewallApp | null {
  return firewall.apps?.find((entry) => BOOTPD.test(entry.app)) ?? null;
}

/** Why the firewall keeps bootpd out, or null when it lets it in or the evidence does not say. */
function blockedBecause(firewall: AppFirewall): string | null {
  if (firewall.state === null || firewall.state === 0) return null;
  const listed = bootpdRule(firewall);
  if (listed !== null)
    return listed.allowed ? null : `socketfilterfw --listapps: ${listed.app} (Block incoming connections)`;
  // Without a rule of its own, bootpd gets in only as built-in signed software (macOS 15.2+ lists it nowhere).
  if (firewall.allowBuiltInSigned === false && firewall.apps !== null) {
    return 'socketfilterfw --getallowsigned: built-in signed software is not allowed automatically, and --listapps has no rule for bootpd';
  }
  return null;
}

export const rule: Rule = {
  id: 'bootpd-blocked',
  scope: 'vm',
  colours: ['vm'],
  explains: ['vm-internet-unreachable', 'vm-dns-failure'],
  evaluate(facts) {
    const firewall = facts.firewall;
    const stuck = vmWithoutAddress(facts);
    if (facts.platform !== 'darwin' || firewall === null || stuck === null) return null;
    const because = blockedBecause(firewall);
    if (because === null) return null;
    const restart = restartVmCommands(facts, ' and ');
    const then = restart ? `, then restart the VM: ${restart}` : ', then restart the VM';
    return {
      id: 'bootpd-blocked',
      severity: 'error',
      title: 'The macOS firewall blocks bootpd, so the VM gets no IP address.',
      detail:
        "vmnet's shared network hands out addresses with /usr/libexec/bootpd, and the Application Firewall is on " +
        "and does not let bootpd receive the VM's DHCP requests, so the VM waits for an address that never comes. " +
        `Allow it: \`sudo ${FW} --add /usr/libexec/bootpd\` and \`sudo ${FW} --unblock /usr/libexec/bootpd\`${then}. ` +
        'On a managed Mac (MDM) the firewall cannot be changed from the command line: ask your administrator for ' +
        'an exception for /usr/libexec/bootpd.',
      evidence: [`socketfilterfw --getglobalstate: State = ${firewall.state}`, because, stuck],
      fix: null,
    };
  },
};
