// `utmctl list`: a fixed-width table, `UUID                                 Status   Name`, then one
// `UUID status name` row per VM (the status padded to 8, the name to the end of the line, spaces and all).
// utmctl may print `Error from event: …` before the header. The listing does not say which network mode each
// VM uses (Shared, Bridged, Host Only, Emulated VLAN), so only the host's bridges can tell.
import { type ParseResult, unparseable } from '../../parse-result';
import { UTM } from '../../providers/utm';
import type { VmListing } from '../../vm';
import { CONTROL_CHARACTERS, firstLineOf, keepSafeNames, listCommandOf, listingOf } from './listing';

const HEADER = /^UUID\s+Status\s+Name\s*$/;
const ROW = /^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}) ([a-z]+) +(\S.*)$/;

export function parseUtmctlList(text: string): ParseResult<VmListing[]> {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((line) => HEADER.test(line));
  if (header < 0) return unparseable(`${listCommandOf(UTM)}: ${firstLineOf(text)}`);
  const listings = lines.slice(header + 1).flatMap((line) => {
    const match = CONTROL_CHARACTERS.test(line) ? null : ROW.exec(line);
    if (match === null) return [];
    const [, uuid, status, name] = match;
    return [
      listingOf(UTM, {
        name: name!.trimEnd(),
        id: uuid!,
        rawState: status!,
        ips: [],
        driver: null,
        network: 'unknown',
        networkEvidence: [
          '`utmctl list` does not say which network mode the VM uses (Shared, Bridged, Host Only, Emulated VLAN)',
        ],
      }),
    ];
  });
  return keepSafeNames(UTM, listings);
}
