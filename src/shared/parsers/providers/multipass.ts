// `multipass list --format json`: `{"list": [{"name", "state", "ipv4": [...], "release"}]}`. On macOS multipass
// runs its instances on QEMU with vmnet shared networking; the first address is that network's.
import type { ParseResult } from '../../parse-result';
import { MULTIPASS } from '../../providers/multipass';
import type { VmListing } from '../../vm';
import { ipv4Of, isObject, type JsonObject, type ListingFields, parseJsonListing, textField } from './listing';

function multipassFields(instance: JsonObject): ListingFields | null {
  const name = textField(instance, 'name');
  if (name === null) return null;
  const ips = Array.isArray(instance.ipv4) ? instance.ipv4.flatMap((value) => ipv4Of(value) ?? []) : [];
  return {
    name,
    rawState: textField(instance, 'state'),
    ips,
    driver: null,
    network: 'vmnet-shared',
    networkEvidence: ['multipass on macOS runs instances on QEMU with vmnet shared networking'],
  };
}

export function parseMultipassList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, MULTIPASS, {
    emptyMeansNone: false,
    entries: (values) => {
      const listing = values.find((value) => isObject(value) && Array.isArray(value.list));
      return isObject(listing) && Array.isArray(listing.list) ? listing.list.filter(isObject) : null;
    },
    fields: multipassFields,
  });
}
