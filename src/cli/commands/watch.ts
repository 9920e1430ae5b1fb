import { hostPlatform, livePorts } from '../../node/engine';
import { createEventSource } from '../../node/event-source';
import { Monitor, type MonitorUpdate } from '../../node/monitor';
import { diagnosisOfVm } from '../../shared/diagnosis';
import type { Diagnosis } from '../../shared/model';
import { verdictReason } from '../../shared/presentation';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';
import { createStyle, GLYPH, type Style, VERDICT_WORD, wantsColor } from '../style';

/** What a watch line says: light, verdict, finding ids, and why it is not green. Everything but the time. */
function watchSays(diagnosis: Diagnosis, style: Style): string {
  const ids = diagnosis.findings.map((finding) => finding.id).join(', ') || 'no findings';
  const word = style.light(
    diagnosis.verdict,
    `${GLYPH[diagnosis.verdict]} ${VERDICT_WORD[diagnosis.verdict].padEnd(9)}`,
  );
  const why = verdictReason(diagnosis);
  return `${word} ${ids}${why ? ` — ${why}` : ''}`;
}

/** The one line a person reads: time, then what the diagnosis says. */
export function watchLine(update: MonitorUpdate, style: Style): string {
  return `${style.dim(update.at.slice(11, 19))}  ${watchSays(update.diagnosis, style)}\n`;
}

export function watchJson(update: MonitorUpdate): string {
  const { diagnosis } = update;
  const line: { at: string; phase: string; reason: string } & Diagnosis = {
    at: update.at,
    phase: update.phase,
    reason: update.reason,
    ...diagnosis,
  };
  return `${JSON.stringify(line)}\n`;
}

/** What each VM's line says, by VM: one entry, unnamed (`''`), for a check of one VM, as watch always printed. */
function linesSaid(diagnosis: Diagnosis, style: Style): Map<string, string> {
  const vms = diagnosis.vms ?? [];
  if (vms.length <= 1) return new Map([['', watchSays(diagnosis, style)]]);
  return new Map(vms.map((vm) => [vm.ref, watchSays(diagnosisOfVm(diagnosis, vm), style)]));
}

/**
 * Writes an update only when what its line says differs from the last one written: a diagnosis whose evidence
 * changed but whose line reads the same is not news. With several VMs, a line per VM whose words changed, naming
 * it. JSON lines carry the whole diagnosis, so they compare it.
 */
export function createWatchPrinter(
  write: (text: string) => void,
  json: boolean,
  style: Style,
): (update: MonitorUpdate) => void {
  let said: string | null = null;
  let saidPerVm = new Map<string, string>();
  return (update) => {
    if (json) {
      const says = JSON.stringify(update.diagnosis);
      if (says === said) return;
      said = says;
      write(watchJson(update));
      return;
    }
    const now = linesSaid(update.diagnosis, style);
    for (const [ref, says] of now) {
      if (saidPerVm.get(ref) === says) continue;
      write(`${style.dim(update.at.slice(11, 19))}  ${ref ? `${style.bold(ref)}  ` : ''}${says}\n`);
    }
    saidPerVm = now;
  };
}

export async function runWatch(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, CHECK_OPTIONS);
  const platform = hostPlatform();
  const check = checkOptionsFor(values, context);
  const monitor = new Monitor(livePorts(), createEventSource(platform), {
    platform,
    check,
    timing: context.watchTiming,
  });
  // The first line is the full check at start (VM and probes included); after it, a line per change.
  const printIfChanged = createWatchPrinter(
    (text) => context.stdout.write(text),
    Boolean(values.json),
    createStyle(wantsColor(context.stdout)),
  );
  if (!values.json && context.stderr.isTTY)
    context.stderr.write('Watching address and route changes (Ctrl-C to stop)…\n');
  const first = await monitor.start();
  printIfChanged(first);
  monitor.subscribe(printIfChanged);
  await new Promise<void>((resolve) => {
    if (context.signal?.aborted) resolve();
    context.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  monitor.stop();
  return 0;
}
