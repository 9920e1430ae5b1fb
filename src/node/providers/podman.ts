// Podman machine on the VmProvider port: `podman machine ls --format json`, `podman machine ssh NAME LINE` for the
// probe. Podman hands the command to ssh, which joins its words with spaces for the machine's shell, so the line
// travels as one argument, as with `minikube ssh`. A machine's network is gvproxy (user-mode) by design.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parsePodmanMachineList } from '../../shared/parsers/providers/podman';
import { PODMAN } from '../../shared/providers/podman';
import { listedProvider } from './listed';

export const podman = listedProvider({
  wording: PODMAN,
  listKey: BUNDLE_FILES.podmanMachineList,
  parse: parsePodmanMachineList,
  // `podman machine init` with no name.
  defaultName: 'podman-machine-default',
  execArgv: (name, line) => ['podman', 'machine', 'ssh', name, line],
});
