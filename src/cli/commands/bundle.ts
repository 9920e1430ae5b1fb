import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { BundleRecorder, prepareBundleDir } from '../../node/bundle';
import { collectSnapshot } from '../../node/collect';
import { collectOptions, hostPlatform, livePorts } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION } from '../../shared/bundle-format';
import { diagnose } from '../../shared/diagnosis';
import { createRedactor } from '../../shared/redact';
import { extractIpRouteSection } from '../../shared/vm-probe';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';

function machineNames(): string[] {
  const full = hostname();
  return [full, full.split('.')[0] ?? full];
}

export async function runBundle(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...CHECK_OPTIONS, redact: { type: 'boolean' } }, 1);
  const dir = positionals[0];
  if (!dir) throw new UserError('which folder? usage: bridgelight bundle OUT_DIR [--redact]', EXIT.usage);
  const options = collectOptions(hostPlatform(), checkOptionsFor(values, context));
  prepareBundleDir(dir);
  const redactor = values.redact ? createRedactor(machineNames()) : null;
  const recorder = new BundleRecorder(dir, redactor ? (text) => redactor.redact(text) : undefined);
  const live = livePorts();
  context.stderr.write(`Recording ${options.platform} network state and minikube profile "${options.profile}"…\n`);
  const createdAt = new Date();
  const snapshot = await collectSnapshot(
    { runner: recorder.runner(live.runner), prober: recorder.prober(live.prober), now: () => createdAt },
    options,
  );
  const vmProbe = recorder.commands[BUNDLE_FILES.vmProbe];
  if (vmProbe && snapshot.vm?.probe?.routes) {
    // Kept apart too, so a person reading the bundle finds the VM's routes without the script's markers.
    const section = extractIpRouteSection(recorder.lastOutput(BUNDLE_FILES.vmProbe) ?? '');
    if (section !== null) recorder.writeFile(BUNDLE_FILES.vmIpRoute, section);
  }
  const diagnosis = diagnose(snapshot);
  recorder.writeFile('diagnosis.json', `${JSON.stringify(diagnosis, null, 2)}\n`);
  recorder.finish({
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    platform: options.platform,
    createdAt: createdAt.toISOString(),
    generator: `bridgelight ${context.version}`,
    redacted: Boolean(redactor),
    profile: options.profile,
    probeTargets: options.probeTargets,
  });
  const files = readdirSync(dir).length;
  context.stdout.write(
    `Wrote ${dir} (${files} files${redactor ? ', MAC addresses and host names redacted' : ''}); verdict: ${diagnosis.verdict}.\n` +
      `Replay it with: bridgelight check --replay ${dir}\n`,
  );
  return 0;
}
