import { type CollectOptions, vmSelectors } from '../../node/collect';
import { collectOptions, hostPlatform, livePorts } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { bundleEngine, machineNames, recordBundle, redactionBy } from '../../node/record-bundle';
import { createRedactor } from '../../shared/redact';
import { selectorRef } from '../../shared/vm-select';
import type { TerminalContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';

/** The VMs a recording covers, as the person asked for them (`--vm` refs; a provider alone: all its VMs). */
function vmsBeingRecorded(options: CollectOptions): string {
  const selectors = vmSelectors(options);
  return selectors.length === 0 ? 'every running VM' : `VMs ${selectors.map(selectorRef).join(', ')}`;
}

export async function runBundle(args: string[], context: TerminalContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...CHECK_OPTIONS, redact: { type: 'boolean' } }, 1);
  const dir = positionals[0];
  if (!dir) throw new UserError('which folder? usage: bridgelight bundle OUT_DIR [--redact]', EXIT.usage);
  const options = collectOptions(hostPlatform(), checkOptionsFor(values, context));
  const redactor = values.redact ? createRedactor(machineNames()) : null;
  context.stderr.write(`Recording ${options.platform} network state and ${vmsBeingRecorded(options)}…\n`);
  const recorded = await recordBundle(bundleEngine(livePorts, redactor ? redactionBy(redactor) : null), {
    dir,
    options,
    generator: `bridgelight ${context.version}`,
  });
  context.stdout.write(
    `Wrote ${dir} (${recorded.files} files${redactor ? ', MAC addresses and host names redacted' : ''}); verdict: ${recorded.verdict}.\n` +
      `Replay it with: bridgelight check --replay ${dir}\n`,
  );
  return 0;
}
