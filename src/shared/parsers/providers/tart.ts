// `tart list --format json`: a pretty-printed array of `{Source, Name, Disk, Size, Accessed, Running, State}`
// (older releases had no `State`). No IP: `tart ip NAME` gives it. Tart attaches VMs with
// VZNATNetworkDeviceAttachment (vmnet shared NAT) unless `tart run` was given --net-bridged or --net-softnet,
// which the listing does not record.
import type { ParseResult } from '../../parse-result';
import { TART } from '../../providers/tart';
import type { VmListing } from '../../vm';
import { arrayEntries, type JsonObject, type ListingFields, parseJsonListing, textField } from './listing';

function tartFields(vm: JsonObject): ListingFields | null {
  const name = textField(vm, 'Name');
  if (name === null) return null;
  const running = vm.Running === true ? 'running' : vm.Running === false ? 'stopped' : null;
  return {
    name,
    rawState: textField(vm, 'State') ?? running,
    ips: [],
    driver: null,
    network: 'vmnet-shared',
    networkEvidence: [
      "Tart's default network is Virtualization.framework NAT (vmnet shared); `tart list` does not record --net-bridged or --net-softnet",
    ],
  };
}

export function parseTartList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, TART, { emptyMeansNone: false, entries: arrayEntries, fields: tartFields });
}
