// Colima on the VmProvider port: `colima list --json` (one JSON object per profile), `colima ssh -p NAME -- sh -c …`
// for the probe. Colima's ssh hands its arguments to `limactl shell`, which quotes each one: hence `sh -c`.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseColimaList } from '../../shared/parsers/providers/colima';
import { COLIMA } from '../../shared/providers/colima';
import { listedProvider } from './listed';

export const colima = listedProvider({
  wording: COLIMA,
  listKey: BUNDLE_FILES.colimaList,
  parse: parseColimaList,
  // Colima's profile when none is given.
  defaultName: 'default',
  execArgv: (name, line) => ['colima', 'ssh', '-p', name, '--', 'sh', '-c', line],
});
