// `tart ip NAME` and `utmctl ip-address VM` print one address per line (utmctl: IPv4 before IPv6). The IPv4
// addresses, in order; a text with none is not an answer.
import { type ParseResult, parsed, unparseable } from '../../parse-result';
import { firstLineOf, ipv4Of } from './listing';

export function parseAddressLines(text: string, command: string): ParseResult<string[]> {
  const addresses = text.split(/\r?\n/).flatMap((line) => (/\//.test(line) ? [] : (ipv4Of(line) ?? [])));
  if (addresses.length > 0) return parsed(addresses);
  return unparseable(`${command}: ${firstLineOf(text)}`);
}
