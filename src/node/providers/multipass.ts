// multipass on the VmProvider port: `multipass list --format json`, `multipass exec NAME -- sh -c …` for the probe
// (multipass quotes each argument of the inner command for the instance's shell, so the line goes behind `sh -c`).
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseMultipassList } from '../../shared/parsers/providers/multipass';
import { MULTIPASS } from '../../shared/providers/multipass';
import { listedProvider } from './listed';

export const multipass = listedProvider({
  wording: MULTIPASS,
  listKey: BUNDLE_FILES.multipassList,
  parse: parseMultipassList,
  // multipass's primary instance, the one `multipass shell` opens without a name.
  defaultName: 'primary',
  execArgv: (name, line) => ['multipass', 'exec', name, '--', 'sh', '-c', line],
});
