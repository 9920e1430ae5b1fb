import { collectSnapshot } from '../../node/collect';
import { collectOptions, hostPlatform, livePorts } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { machineNames, recordBundle } from '../../node/record-bundle';
import { diagnoseAll } from '../../shared/diagnosis';
import { createRedactor } from '../../shared/redact';
import { extractIpRouteSection } from '../../shared/vm-probe';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';

export async function runBundle(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...CHECK_OPTIONS, redact: { type: 'boolean' } }, 1);
  const dir = positionals[0];
  if (!dir) throw new UserError('which folder? usage: bridgelight bundle OUT_DIR [--redact]', EXIT.usage);
  const options = collectOptions(hostPlatform(), checkOptionsFor(values, context));
  const redactor = values.redact ? createRedactor(machineNames()) : null;
  context.stderr.write(
    `Recording ${options.platform} network state and ${options.profile ? `minikube profile "${options.profile}"` : 'the running minikube profile'}…\n`,
  );
  const recorded = await recordBundle(
    {
      livePorts,
      collect: collectSnapshot,
      diagnose: diagnoseAll,
      extractIpRouteSection,
      redact: redactor ? (text) => redactor.redact(text) : null,
    },
    { dir, options, generator: `bridgelight ${context.version}` },
  );
  context.stdout.write(
    `Wrote ${dir} (${recorded.files} files${redactor ? ', MAC addresses and host names redacted' : ''}); verdict: ${recorded.verdict}.\n` +
      `Replay it with: bridgelight check --replay ${dir}\n`,
  );
  return 0;
}
