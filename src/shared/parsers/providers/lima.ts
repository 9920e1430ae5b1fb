// `limactl list --json`: one JSON object per instance (a stream; `| jq .` pretty-prints each). No IP: Lima's
// listing has none. The path comes from the instance's extra networks (`network`, else `config.networks`):
// Lima gives each a route metric of 100 unless set, below the user-mode network's 200, so the lowest-metric
// extra network that reaches the internet carries the guest's traffic; with none, the user-mode network does.
import type { ParseResult } from '../../parse-result';
import { LIMA } from '../../providers/lima';
import type { VmListing, VmNetwork } from '../../vm';
import { isObject, type JsonObject, type ListingFields, parseJsonListing, streamEntries, textField } from './listing';

const USER_MODE_METRIC = 200;
const EXTRA_NETWORK_METRIC = 100;
const USER_MODE_LINE = "Lima's user-mode network (slirp, 192.168.5.0/24) carries the guest's traffic";

interface ExtraNetwork {
  interface: string;
  /** null: a host-only network, which never carries traffic to the internet. */
  model: VmNetwork | null;
  what: string;
  metric: number;
}

const LIMA_NETWORKS = new Map<string, [VmNetwork | null, string]>([
  ['shared', ['vmnet-shared', 'socket_vmnet shared']],
  ['bridged', ['vmnet-bridged', 'socket_vmnet bridged']],
  ['user-v2', ['user-mode', 'user-v2 (user-mode)']],
  ['host', [null, 'socket_vmnet host (host-only, no internet)']],
]);

function modelOf(object: JsonObject): [VmNetwork | null, string] {
  if (object.vzNAT === true) return ['vmnet-shared', 'vzNAT (Virtualization.framework NAT)'];
  const lima = textField(object, 'lima');
  if (lima !== null) {
    return LIMA_NETWORKS.get(lima) ?? ['unknown', `lima: ${lima} (its mode is in networks.yaml, not in the listing)`];
  }
  const socket = textField(object, 'socket');
  return socket === null
    ? ['unknown', 'a network the listing does not describe']
    : ['unknown', `socket ${socket} (a socket_vmnet whose mode the listing does not give)`];
}

function extraNetworkOf(entry: unknown, index: number): ExtraNetwork {
  const object = isObject(entry) ? entry : {};
  const name = textField(object, 'interface') ?? `lima${index}`;
  const metric =
    typeof object.metric === 'number' && Number.isFinite(object.metric) ? object.metric : EXTRA_NETWORK_METRIC;
  const [model, what] = modelOf(object);
  return { interface: name, model, what, metric };
}

function limaNetwork(instance: JsonObject): { network: VmNetwork; networkEvidence: string[] } {
  const config = isObject(instance.config) ? instance.config : {};
  const raw = 'network' in instance ? instance.network : config.networks;
  if (raw === undefined || raw === null) {
    return { network: 'user-mode', networkEvidence: [`no extra network listed: ${USER_MODE_LINE}`] };
  }
  if (!Array.isArray(raw)) return { network: 'unknown', networkEvidence: ["the listing's `network` is not a list"] };
  const extras = raw.map(extraNetworkOf);
  const evidence = extras.map((extra) => `${extra.interface}: ${extra.what}, metric ${extra.metric}`);
  const candidates = extras
    .filter((extra) => extra.model !== null && extra.metric < USER_MODE_METRIC)
    .sort((a, b) => a.metric - b.metric);
  const [preferred, runnerUp] = candidates;
  if (preferred === undefined) {
    return {
      network: 'user-mode',
      networkEvidence: [...evidence, `no extra network below metric ${USER_MODE_METRIC}: ${USER_MODE_LINE}`],
    };
  }
  if (runnerUp !== undefined && runnerUp.metric === preferred.metric && runnerUp.model !== preferred.model) {
    return {
      network: 'unknown',
      networkEvidence: [
        ...evidence,
        `${preferred.interface} and ${runnerUp.interface} tie at metric ${preferred.metric}`,
      ],
    };
  }
  return {
    network: preferred.model ?? 'unknown',
    networkEvidence: [
      ...evidence,
      `${preferred.interface} is preferred over the user-mode network (metric ${USER_MODE_METRIC})`,
    ],
  };
}

function limaFields(instance: JsonObject): ListingFields | null {
  const name = textField(instance, 'name');
  if (name === null) return null;
  const config = isObject(instance.config) ? instance.config : {};
  return {
    name,
    rawState: textField(instance, 'status'),
    ips: [],
    driver: textField(instance, 'vmType') ?? textField(config, 'vmType'),
    ...limaNetwork(instance),
  };
}

export function parseLimaList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, LIMA, {
    emptyMeansNone: true,
    entries: streamEntries,
    fields: limaFields,
  });
}
