// Tart on the VmProvider port: `tart list --format json`, `tart ip NAME` for each running VM's address (the listing
// has none), `tart exec NAME sh -c …` for the probe. `tart exec` needs the Tart Guest Agent in the VM; without it
// the exec fails with Tart's own line ("is the Tart Guest Agent running?"), which becomes the VM's probe error while
// its host-side hops still count.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseTartList } from '../../shared/parsers/providers/tart';
import { TART } from '../../shared/providers/tart';
import { UNLISTED_VM } from '../bundle-vms';
import { withAddresses } from './addresses';
import { listedProvider } from './listed';

export const tart = listedProvider({
  wording: TART,
  listKey: BUNDLE_FILES.tartList,
  parse: parseTartList,
  complete: withAddresses({ file: BUNDLE_FILES.tartIp, argv: (vm) => ['tart', 'ip', vm.name] }),
  // Tart has no default VM: `*` stands for its VMs when the listing cannot be read (see container.ts).
  defaultName: UNLISTED_VM,
  execArgv: (name, line) => ['tart', 'exec', name, 'sh', '-c', line],
});
