// The real engine behind "Save support bundle…": live tools (with the app's PATH), the collectors, the rules,
// and redaction of MAC addresses and host names, since a bundle is made to be attached to an issue.
import { createLiveProber } from '../../node/probes';
import { type BundleEngine, bundleEngine, machineNames, redactionBy } from '../../node/record-bundle';
import { createRedactor } from '../../shared/redact';
import { createAppRunner } from '../monitor/live-monitor';

export function liveBundleEngine(): BundleEngine {
  const redactor = createRedactor(machineNames());
  return bundleEngine(() => ({ runner: createAppRunner(), prober: createLiveProber() }), redactionBy(redactor));
}
