// Lima on the VmProvider port: `limactl list --json` (JSON lines, no addresses; the path model from each
// instance's networks), `limactl shell --workdir / NAME sh -c …` for the probe. limactl shell quotes every argument
// before ssh sees it, so the script line travels behind `sh -c`; `--workdir /` keeps it from trying the host's
// current directory first (and warning when that is not mounted).
import { BUNDLE_FILES } from '../../shared/bundle-format';
import { parseLimaList } from '../../shared/parsers/providers/lima';
import { LIMA } from '../../shared/providers/lima';
import { listedProvider } from './listed';

export const lima = listedProvider({
  wording: LIMA,
  listKey: BUNDLE_FILES.limaList,
  parse: parseLimaList,
  // `limactl start` with no name creates and starts `default`.
  defaultName: 'default',
  execArgv: (name, line) => ['limactl', 'shell', '--workdir', '/', name, 'sh', '-c', line],
});
