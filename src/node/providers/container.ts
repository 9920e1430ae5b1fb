// apple/container on the VmProvider port: `container ls --all --format json`, `container exec ID sh -c …` for the
// probe (the argument vector reaches the container's process as it is).
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseContainerList } from '../../shared/parsers/providers/container';
import { CONTAINER } from '../../shared/providers/container';
import { UNLISTED_VM } from '../bundle-vms';
import { listedProvider } from './listed';

export const container = listedProvider({
  wording: CONTAINER,
  listKey: BUNDLE_FILES.containerList,
  parse: parseContainerList,
  // No default container: `*` stands for "its containers" when the listing cannot be read (it fails every name
  // rule, so it never reaches a command).
  defaultName: UNLISTED_VM,
  execArgv: (name, line) => ['container', 'exec', name, 'sh', '-c', line],
});
