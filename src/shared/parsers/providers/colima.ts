// `colima list --json`: one JSON object per profile, in Lima's stream style. Colima's VM uses Lima's
// user-mode network unless started with `--network-address`; then `address` is the vmnet (col0) address, whose
// route has metric 300 and carries the traffic only with `--network-preferred-route`, which the listing omits.
import type { ParseResult } from '../../parse-result';
import { COLIMA } from '../../providers/colima';
import type { VmListing } from '../../vm';
import { ipv4Of, type JsonObject, type ListingFields, parseJsonListing, streamEntries, textField } from './listing';

function colimaFields(profile: JsonObject): ListingFields | null {
  const name = textField(profile, 'name');
  if (name === null) return null;
  const address = ipv4Of(profile.address);
  const common = { name, rawState: textField(profile, 'status'), driver: null };
  if (address === null) {
    return {
      ...common,
      ips: [],
      network: 'user-mode',
      networkEvidence: ["no network address listed: Colima's default user-mode network (192.168.5.0/24)"],
    };
  }
  return {
    ...common,
    ips: [address],
    network: 'unknown',
    networkEvidence: [
      `network address ${address} (vmnet, col0, route metric 300)`,
      'it carries the traffic only with --network-preferred-route, which `colima list` does not show',
    ],
  };
}

export function parseColimaList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, COLIMA, {
    emptyMeansNone: true,
    entries: streamEntries,
    fields: colimaFields,
  });
}
