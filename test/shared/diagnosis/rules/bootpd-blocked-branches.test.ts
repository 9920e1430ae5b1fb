import { rule } from '@src/shared/diagnosis/rules/bootpd-blocked';
import type { AppFirewall, Snapshot, VmObservation } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, vmProbe, vmRunning, vmState } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);
const FW = '/usr/libexec/ApplicationFirewall/socketfilterfw';
const NO_SIGNED =
  'socketfilterfw --getallowsigned: built-in signed software is not allowed automatically, and --listapps has no rule for bootpd';

const firewall = (extra: Partial<AppFirewall> = {}): AppFirewall => ({
  state: 1,
  allowBuiltInSigned: false,
  apps: [{ app: '/Applications/Safari.app', allowed: true }],
  ...extra,
});

/** The probe inside the VM found no default route: no DHCP answer. */
const noRoutes = (extra: Partial<VmObservation> = {}): VmObservation =>
  vmRunning(vmProbe({ routes: [], targets: [] }), extra);

const withVm = (vm: VmObservation, fw: AppFirewall | null = firewall()): Snapshot =>
  healthySnapshot({ firewall: fw, vm });

/** A listing of a running VM with no address, as the VM tools give it. */
const addressless = (network: 'vmnet-shared' | 'user-mode' = 'vmnet-shared'): VmObservation =>
  vmState('Running', {
    listing: {
      provider: 'minikube',
      name: 'minikube',
      state: 'running',
      rawState: 'Running',
      ips: [],
      driver: 'vfkit',
      network,
      networkEvidence: [],
    },
  });

describe('bootpd-blocked: the whole finding', () => {
  it('tells the user how to let bootpd in and restart the VM, word for word', () => {
    expect(evaluate(withVm(noRoutes()))).toEqual({
      id: 'bootpd-blocked',
      severity: 'error',
      title: 'The macOS firewall blocks bootpd, so the VM gets no IP address.',
      detail:
        "vmnet's shared network hands out addresses with /usr/libexec/bootpd, and the Application Firewall is on " +
        "and does not let bootpd receive the VM's DHCP requests, so the VM waits for an address that never comes. " +
        `Allow it: \`sudo ${FW} --add /usr/libexec/bootpd\` and \`sudo ${FW} --unblock /usr/libexec/bootpd\`, then ` +
        'restart the VM: `minikube stop` and `minikube start`. On a managed Mac (MDM) the firewall cannot be changed ' +
        'from the command line: ask your administrator for an exception for /usr/libexec/bootpd.',
      evidence: [
        'socketfilterfw --getglobalstate: State = 1',
        NO_SIGNED,
        'the VM minikube has no default route (no DHCP answer)',
      ],
      fix: null,
    });
  });

  it('offers no restart command for a profile name that cannot go into one', () => {
    const finding = evaluate(withVm(noRoutes({ profile: 'my vm' })));
    expect(finding?.detail).toContain('--unblock /usr/libexec/bootpd`, then restart the VM. On a managed Mac');
    expect(finding?.evidence[2]).toBe('the VM my vm has no default route (no DHCP answer)');
  });

  it('reports the state the firewall gave (2: essential services only)', () => {
    expect(evaluate(withVm(noRoutes(), firewall({ state: 2 })))?.evidence[0]).toBe(
      'socketfilterfw --getglobalstate: State = 2',
    );
  });
});

describe('bootpd-blocked: which rule is bootpd', () => {
  it('takes a bare "bootpd" entry as the rule, and a blocking one as the cause', () => {
    const finding = evaluate(
      withVm(noRoutes(), firewall({ allowBuiltInSigned: true, apps: [{ app: 'bootpd', allowed: false }] })),
    );
    expect(finding?.evidence[1]).toBe('socketfilterfw --listapps: bootpd (Block incoming connections)');
  });

  it('a bare "bootpd" entry that allows it lets it in', () => {
    expect(evaluate(withVm(noRoutes(), firewall({ apps: [{ app: 'bootpd', allowed: true }] })))).toBeNull();
  });

  it('does not take apps whose names only contain bootpd for its rule', () => {
    for (const app of ['/usr/libexec/bootpd2', '/opt/mybootpd', 'bootpd.old']) {
      const finding = evaluate(withVm(noRoutes(), firewall({ apps: [{ app, allowed: false }] })));
      expect(finding?.evidence[1]).toBe(NO_SIGNED);
    }
  });
});

describe('bootpd-blocked: which VM is stuck', () => {
  it('a running VM whose listing gives it no address is stuck, even without a probe', () => {
    expect(evaluate(withVm(addressless()))?.evidence[2]).toBe(
      'the VM minikube is running and its listing gives it no IPv4 address',
    );
  });

  it('a user-mode VM has no address of its own to get: not stuck', () => {
    expect(evaluate(withVm(addressless('user-mode')))).toBeNull();
  });

  it('a VM whose listing has an address, or that is not running, is not stuck', () => {
    const listed = addressless();
    expect(evaluate(withVm({ ...listed, listing: { ...listed.listing!, ips: ['192.168.64.2'] } }))).toBeNull();
    expect(evaluate(withVm({ ...listed, listing: { ...listed.listing!, state: 'stopped' } }))).toBeNull();
    expect(evaluate(withVm({ ...noRoutes(), state: 'Stopped' }))).toBeNull();
  });

  it('a probe that did not report routes is no evidence of a missing DHCP answer', () => {
    expect(evaluate(withVm(vmRunning(vmProbe({ routes: null, targets: [] }))))).toBeNull();
  });
});
