// Finding ids are a public contract (check --json, bundles, the preload API, users' scripts): an id, once
// shipped, never changes meaning or spelling. Add new ones at the end.
export const FINDING_IDS = [
  'egress-multiple-ipv4',
  'nat-source-stale',
  'vpn-default-route',
  'vm-bridge-missing',
  'vm-not-running',
  'vm-internet-unreachable',
  'vm-dns-failure',
  'host-internet-unreachable',
  'input-unparseable',
  'minikube-not-found',
  'minikube-unresponsive',
  'no-default-route',
  'egress-address-evidence-conflict',
  'vm-multiple-default-routes',
  'local-network-denied',
  'vm-subnet-overlap',
  'bootpd-blocked',
  'dhcp-pool-exhausted',
  'nat-egress-changed',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export function isFindingId(value: unknown): value is FindingId {
  return typeof value === 'string' && (FINDING_IDS as readonly string[]).includes(value);
}
