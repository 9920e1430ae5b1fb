// UTM on the VmProvider port: `utmctl list` (a table), `utmctl ip-address UUID` for each started VM's addresses,
// `utmctl exec ID --cmd /bin/sh -c …` for the probe (through the QEMU guest agent: a VM without one fails the exec,
// and keeps its host-side hops). utmctl takes a VM's UUID or its complete name; the UUID is used where the
// listing gave it, since names may repeat.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseUtmctlList } from '../../shared/parsers/providers/utm';
import { UTM } from '../../shared/providers/utm';
import { UNLISTED_VM } from '../bundle-vms';
import { withAddresses } from './addresses';
import { listedProvider } from './listed';

export const utm = listedProvider({
  wording: UTM,
  listKey: BUNDLE_FILES.utmList,
  parse: parseUtmctlList,
  complete: withAddresses({
    file: BUNDLE_FILES.utmIpAddress,
    argv: (vm) => ['utmctl', 'ip-address', vm.id ?? vm.name],
  }),
  // UTM has no default VM: `*` stands for its VMs when the listing cannot be read (see container.ts).
  defaultName: UNLISTED_VM,
  // `--cmd` takes the rest of the line; the guest agent wants the program's path.
  execArgv: (name, line, listing) => ['utmctl', 'exec', listing?.id ?? name, '--cmd', '/bin/sh', '-c', line],
});
