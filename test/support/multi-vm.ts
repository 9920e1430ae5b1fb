// A three-VM diagnosis for the app's tests, built from the types on top of the engine's real seed diagnosis
// (test/fixtures/diagnoses/seed.json): minikube on bridge100 and Lima on bridge101 both behind vmnet's NAT (red,
// the seed's stale source), and a Podman machine on its user-mode network (green: the stale address cannot touch
// it). The host part (egress, addresses, NAT findings) is the seed's, verbatim. Until the multi-VM engine writes
// generated fixtures, this is the shape `check --json` declares for `vms` (src/shared/model.ts).
import { readFileSync } from 'node:fs';
import type { Diagnosis, Finding, Hop, VmDiagnosis } from '@src/shared/model';

const seed = (): Diagnosis =>
  JSON.parse(readFileSync(new URL('../fixtures/diagnoses/seed.json', import.meta.url), 'utf8')) as Diagnosis;

export const MINIKUBE_REF = 'minikube/minikube';
export const LIMA_REF = 'lima/default';
export const PODMAN_REF = 'podman/podman-machine-default';

function withHop(hops: readonly Hop[], id: Hop['id'], change: Partial<Hop>): Hop[] {
  return hops.map((hop) => (hop.id === id ? { ...hop, ...change } : { ...hop }));
}

/** The Lima VM's own finding: Lima guests carry a vmnet and a slirp default route. */
export const LIMA_ROUTES_FINDING: Finding = {
  id: 'vm-multiple-default-routes',
  severity: 'info',
  title: 'The VM has 2 default routes; it uses the one via 192.168.105.1 on lima0 (metric 100).',
  detail:
    'The guest kernel uses the lowest metric, via 192.168.105.1 on lima0 (metric 100), which leads to bridge101 on ' +
    'this host; via 192.168.5.2 on eth0 (metric 200) is used only if that one goes away.',
  evidence: [
    'VM route: default via 192.168.105.1 dev lima0 metric 100',
    'VM route: default via 192.168.5.2 dev eth0 metric 200',
  ],
  fix: null,
  vm: LIMA_REF,
};

export function threeVmDiagnosis(): Diagnosis {
  const base = seed();
  const minikube: VmDiagnosis = {
    ref: MINIKUBE_REF,
    provider: 'minikube',
    name: 'minikube',
    state: base.vm?.state ?? null,
    network: 'vmnet-shared',
    driver: 'vfkit',
    gateway: base.vm?.gateway ?? null,
    bridge: base.bridge?.interface ?? null,
    verdict: base.verdict,
    hops: base.hops.map((hop) => ({ ...hop })),
  };
  const lima: VmDiagnosis = {
    ref: LIMA_REF,
    provider: 'lima',
    name: 'default',
    state: 'Running',
    network: 'vmnet-shared',
    driver: 'vz',
    gateway: '192.168.105.1',
    bridge: 'bridge101',
    verdict: 'red',
    hops: withHop(withHop(base.hops, 'vm', { summary: 'VM Running, default via 192.168.105.1 on lima0' }), 'bridge', {
      summary: 'bridge101 holds 192.168.105.1 (members vmenet2)',
    }),
  };
  const offPath = { light: 'unknown' as const, onPath: false, summary: "the runtime's own network" };
  const podman: VmDiagnosis = {
    ref: PODMAN_REF,
    provider: 'podman',
    name: 'podman-machine-default',
    state: 'running',
    network: 'user-mode',
    driver: 'applehv',
    gateway: '192.168.127.1',
    bridge: null,
    verdict: 'green',
    hops: withHop(
      withHop(
        withHop(
          withHop(base.hops, 'vm', { summary: 'VM running, default via 192.168.127.1 on enp0s1' }),
          'bridge',
          offPath,
        ),
        'nat',
        offPath,
      ),
      'egress',
      { light: 'green', summary: 'en0: the runtime opens ordinary host sockets' },
    ),
  };
  return {
    ...base,
    vm: { ...base.vm!, driver: 'vfkit', network: 'vmnet-shared' },
    findings: [...base.findings, LIMA_ROUTES_FINDING],
    vms: [minikube, lima, podman],
  };
}
