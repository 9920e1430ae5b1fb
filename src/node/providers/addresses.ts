// Tart's and UTM's listings give no addresses: one host-side look-up per running VM (`tart ip NAME`,
// `utmctl ip-address UUID`), all at once, fills them in so the VM can be placed on its vmnet bridge. A look-up
// that fails leaves that VM without addresses and a note; the listing itself stays good.
import { parseAddressLines } from '../../shared/parsers/providers/address-lines';
import type { VmListing } from '../../shared/vm';
import { parseInto, runCommand } from '../command-outcome';
import type { ProviderContext } from './port';

export interface AddressLookup {
  /** The per-VM file name, made a key with vmKey(). */
  file: string;
  argv(vm: VmListing): string[];
}

export function withAddresses(
  lookup: AddressLookup,
): (context: ProviderContext, listings: VmListing[]) => Promise<VmListing[]> {
  return (context, listings) =>
    Promise.all(
      listings.map(async (vm) => {
        if (vm.state !== 'running') return vm;
        const { runner, notes, timeouts, vmKey } = context;
        const argv = lookup.argv(vm);
        const key = vmKey(vm.name, lookup.file);
        const outcome = await runCommand(runner, notes, { key, argv, timeoutMs: timeouts.hostCommandMs });
        const ips = parseInto(notes, key, outcome.text, (text) => parseAddressLines(text, argv.join(' ')));
        return ips === null ? vm : { ...vm, ips };
      }),
    );
}
