import { readFileSync } from 'node:fs';
import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/bootpd-blocked';
import type { AppFirewall, Snapshot } from '@src/shared/model';
import { parseSocketfilterfw } from '@src/shared/parsers/darwin/socketfilterfw';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, linuxSnapshot, vmProbe, vmRunning, vmTarget } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

/** One getter's real output, parsed. */
function getter(name: string): AppFirewall {
  const result = parseSocketfilterfw(
    readFileSync(new URL(`../../../fixtures/real/socketfilterfw/${name}`, import.meta.url), 'utf8'),
  );
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A firewall that is on, lists apps without bootpd (the 2026 capture) and says what it does for built-in software. */
function firewallOn(
  allowBuiltInSigned: boolean | null,
  apps = getter('nix-darwin1705-listapps.txt').apps,
): AppFirewall {
  return { state: getter('m-cli160-getglobalstate-enabled.txt').state, allowBuiltInSigned, apps };
}

/** A VM whose DHCP never answered: the probe inside it finds no default route, and it reaches nothing. */
function stuckVm(firewall: AppFirewall | null): Snapshot {
  return healthySnapshot({
    firewall,
    vm: vmRunning(vmProbe({ routes: [], targets: [vmTarget('1.1.1.1:443', false, 'network unreachable')] })),
  });
}

describe('bootpd-blocked', () => {
  it('names the firewall when built-in software is not let in and bootpd has no rule, with the manual fix', () => {
    const finding = evaluate(stuckVm(firewallOn(false)));
    expect(finding).toMatchObject({
      id: 'bootpd-blocked',
      severity: 'error',
      title: 'The macOS firewall blocks bootpd, so the VM gets no IP address.',
      evidence: [
        'socketfilterfw --getglobalstate: State = 1',
        'socketfilterfw --getallowsigned: built-in signed software is not allowed automatically, and --listapps has no rule for bootpd',
        'the VM minikube has no default route (no DHCP answer)',
      ],
      fix: null,
    });
    expect(finding?.detail).toContain(
      '`sudo /usr/libexec/ApplicationFirewall/socketfilterfw --add /usr/libexec/bootpd` and ' +
        '`sudo /usr/libexec/ApplicationFirewall/socketfilterfw --unblock /usr/libexec/bootpd`, then restart the VM: ' +
        '`minikube stop` and `minikube start`',
    );
  });

  it('an explicit Block rule for bootpd counts even when built-in software is allowed', () => {
    const apps = [...getter('nix-darwin1705-listapps.txt').apps!, { app: '/usr/libexec/bootpd', allowed: false }];
    const finding = evaluate(stuckVm(firewallOn(true, apps)));
    expect(finding?.evidence[1]).toBe('socketfilterfw --listapps: /usr/libexec/bootpd (Block incoming connections)');
  });

  it('explains the VM losing the internet and its DNS', () => {
    const diagnosis = diagnose(stuckVm(firewallOn(false)));
    expect(diagnosis.findings.find((f) => f.id === 'bootpd-blocked')?.causes).toContain('vm-internet-unreachable');
  });

  it('stays silent when the firewall lets bootpd in, is off, or was not read', () => {
    // The real capture of macOS 15+: built-in signed software allowed, so bootpd gets in without a rule.
    expect(evaluate(stuckVm({ ...getter('kolide-launcher-data-combined-getters.txt'), apps: [] }))).toBeNull();
    const allowed = [{ app: '/usr/libexec/bootpd', allowed: true }];
    expect(evaluate(stuckVm(firewallOn(false, allowed)))).toBeNull();
    expect(
      evaluate(stuckVm({ ...firewallOn(false), state: getter('m-cli160-getglobalstate-disabled.txt').state })),
    ).toBeNull();
    expect(evaluate(stuckVm(null))).toBeNull();
    // Unknown parts are not evidence of a block.
    expect(evaluate(stuckVm(firewallOn(null)))).toBeNull();
    expect(evaluate(stuckVm({ ...firewallOn(false), apps: null }))).toBeNull();
  });

  it('stays silent while the VM has an address, and on Linux', () => {
    expect(evaluate(healthySnapshot({ firewall: firewallOn(false) }))).toBeNull();
    expect(evaluate({ ...linuxSnapshot(), firewall: firewallOn(false) })).toBeNull();
  });
});
