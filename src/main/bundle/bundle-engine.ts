// The real engine behind "Save support bundle…": live tools (with the app's PATH), the collectors, the rules,
// and redaction of MAC addresses and host names, since a bundle is made to be attached to an issue.
import { collectSnapshot } from '../../node/collect';
import { createLiveProber } from '../../node/probes';
import { type BundleEngine, machineNames } from '../../node/record-bundle';
import { diagnoseAll } from '../../shared/diagnosis';
import { createRedactor } from '../../shared/redact';
import { extractIpRouteSection } from '../../shared/vm-probe';
import { createAppRunner } from '../monitor/live-monitor';

export function liveBundleEngine(): BundleEngine {
  const redactor = createRedactor(machineNames());
  return {
    livePorts: () => ({ runner: createAppRunner(), prober: createLiveProber() }),
    collect: collectSnapshot,
    diagnose: diagnoseAll,
    extractIpRouteSection,
    redact: (text) => redactor.redact(text),
  };
}
