// `container ls --all --format json`: one JSON array. container 1.x prints `{id, configuration, status: {state,
// networks: [{network, ipv4Address}]}}`; earlier releases printed `{status: "running", networks: [{network,
// address}], configuration: {id}}`. Every container runs in its own VM on a vmnet network.
import type { ParseResult } from '../../parse-result';
import { CONTAINER } from '../../providers/container';
import type { VmListing } from '../../vm';
import {
  arrayEntries,
  ipv4Of,
  isObject,
  type JsonObject,
  type ListingFields,
  parseJsonListing,
  textField,
} from './listing';

const objectField = (object: JsonObject, key: string): JsonObject => {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return isObject(value) ? value : {};
};
const listField = (object: JsonObject, key: string): JsonObject[] => {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return Array.isArray(value) ? value.filter(isObject) : [];
};

function containerFields(entry: JsonObject): ListingFields | null {
  const configuration = objectField(entry, 'configuration');
  const name = textField(entry, 'id') ?? textField(configuration, 'id');
  if (name === null) return null;
  const status = objectField(entry, 'status');
  const attachments = [...listField(entry, 'networks'), ...listField(status, 'networks')];
  const networks = [...attachments, ...listField(configuration, 'networks')].flatMap(
    (network) => textField(network, 'network') ?? [],
  );
  return {
    name,
    rawState: textField(entry, 'status') ?? textField(status, 'state'),
    ips: attachments.flatMap((network) => ipv4Of(network.ipv4Address) ?? ipv4Of(network.address) ?? []),
    driver: null,
    network: 'vmnet-shared',
    networkEvidence: [
      `apple/container runs each container in a VM on a vmnet network${
        networks.length > 0 ? ` (${[...new Set(networks)].join(', ')})` : ''
      }; its default network is NAT, 192.168.64.0/24`,
    ],
  };
}

export function parseContainerList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, CONTAINER, { emptyMeansNone: false, entries: arrayEntries, fields: containerFields });
}
