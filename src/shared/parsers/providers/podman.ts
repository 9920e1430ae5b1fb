// `podman machine ls --format json`: an array of `{Name, Default, Running, Starting, VMType, …}`. A Podman
// machine's network is gvproxy, a user-mode stack, whatever its VM type.
import type { ParseResult } from '../../parse-result';
import { PODMAN } from '../../providers/podman';
import type { VmListing } from '../../vm';
import { arrayEntries, type JsonObject, type ListingFields, parseJsonListing, textField } from './listing';

/** Podman gives booleans; the wording's words for them. */
function podmanState(machine: JsonObject): string | null {
  if (machine.Running === true) return 'Running';
  if (machine.Starting === true) return 'Starting';
  return machine.Running === false ? 'Stopped' : null;
}

function podmanFields(machine: JsonObject): ListingFields | null {
  const name = textField(machine, 'Name');
  if (name === null) return null;
  return {
    name,
    rawState: podmanState(machine),
    ips: [],
    driver: textField(machine, 'VMType'),
    network: 'user-mode',
    networkEvidence: ["Podman machine's network is gvproxy, a user-mode stack"],
  };
}

export function parsePodmanMachineList(text: string): ParseResult<VmListing[]> {
  return parseJsonListing(text, PODMAN, { emptyMeansNone: false, entries: arrayEntries, fields: podmanFields });
}
