// `minikube profile list -o json`: `{"invalid":[…],"valid":[{"Name","Status","Config":{"Driver","Network",
// "Nodes":[{"IP"}]…}}]}`, and each profile's path model from its driver and network
// (docs/…/RUNTIMES.md's table; test/fixtures/real/SOURCES.md cites the samples).

import { isRecord as isObject } from '../../names';
import { type ParseResult, unparseable } from '../../parse-result';
import { MINIKUBE_WORDING } from '../../providers/minikube';
import { runStateOf } from '../../providers/wording';
import type { VmListing, VmNetwork } from '../../vm';
import { keepSafeNames } from './listing';

type JsonObject = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
/** A real listing has a handful of profiles; this bounds the work on hostile input. */
const MAX_PROFILES = 64;

interface PathModel {
  network: VmNetwork;
  evidence: string;
}

/** Which path a profile's traffic takes, from minikube's driver and its `--network` choice. */
export function minikubePathModel(driver: string | null, network: string | null): PathModel {
  const says = `driver ${driver ?? '(none)'}${network ? `, network ${network}` : ''}`;
  switch (driver) {
    case 'docker':
    case 'podman':
      return {
        network: 'user-mode',
        evidence: `${says}: a container inside the ${driver} runtime, behind its own network stack`,
      };
    case 'hyperkit':
      return { network: 'vmnet-shared', evidence: `${says}: vmnet shared, a host bridge and pf NAT` };
    case 'vfkit':
    case 'krunkit':
      if (network === null || network === 'nat' || network === 'vmnet-shared')
        return {
          network: 'vmnet-shared',
          evidence: `${says}: vmnet shared (${network ?? 'nat, the default'}), a host bridge and pf NAT`,
        };
      return { network: 'unknown', evidence: `${says}: a network Bridgelight does not know` };
    case 'qemu2':
    case 'qemu':
      if (network === 'socket_vmnet' || network === 'vmnet-shared')
        return {
          network: 'vmnet-shared',
          evidence: `${says}: vmnet shared through ${network}, a host bridge and pf NAT`,
        };
      if (network === 'builtin' || network === 'user')
        return { network: 'user-mode', evidence: `${says}: QEMU's user-mode network (slirp), no host bridge or NAT` };
      return { network: 'unknown', evidence: `${says}: the network is not named` };
    default:
      return { network: 'unknown', evidence: `${says}: a driver whose path Bridgelight does not model` };
  }
}

function nodeIps(config: JsonObject): string[] {
  const nodes = Array.isArray(config.Nodes) ? config.Nodes.slice(0, 16) : [];
  return nodes
    .map((node) => (isObject(node) ? text(node.IP) : null))
    .filter((ip): ip is string => ip !== null && IPV4.test(ip));
}

function listing(entry: unknown): VmListing | null {
  if (!isObject(entry)) return null;
  const config = isObject(entry.Config) ? entry.Config : {};
  const name = text(entry.Name) ?? text(config.Name);
  if (name === null) return null;
  const status = text(entry.Status);
  const driver = text(config.Driver);
  const model = minikubePathModel(driver, text(config.Network));
  return {
    provider: 'minikube',
    name,
    state: runStateOf(MINIKUBE_WORDING, status),
    rawState: status,
    ips: nodeIps(config),
    driver,
    network: model.network,
    networkEvidence: [model.evidence],
  };
}

export function parseMinikubeProfileList(input: string): ParseResult<VmListing[]> {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    return unparseable('minikube profile list: not JSON');
  }
  if (!isObject(value) || !Array.isArray(value.valid))
    return unparseable('minikube profile list: no "valid" list of profiles');
  const profiles = value.valid.slice(0, MAX_PROFILES).map(listing);
  if (profiles.some((profile) => profile === null))
    return unparseable('minikube profile list: a profile without a usable Name');
  return keepSafeNames(MINIKUBE_WORDING, profiles as VmListing[]);
}
