import { hostPlatform, livePorts } from '../../node/engine';
import { createEventSource } from '../../node/event-source';
import { Monitor, type MonitorUpdate } from '../../node/monitor';
import type { Diagnosis } from '../../shared/model';
import { verdictReason } from '../../shared/presentation';
import type { CommandContext } from '../context';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';
import { createStyle, GLYPH, type Style, VERDICT_WORD, wantsColor } from '../style';

/** The one line a person reads: time, light, verdict, finding ids, and the worst hop's words. */
export function watchLine(update: MonitorUpdate, style: Style): string {
  const { diagnosis } = update;
  const why = verdictReason(diagnosis);
  const time = update.at.slice(11, 19);
  const ids = diagnosis.findings.map((finding) => finding.id).join(', ') || 'no findings';
  const word = style.light(
    diagnosis.verdict,
    `${GLYPH[diagnosis.verdict]} ${VERDICT_WORD[diagnosis.verdict].padEnd(9)}`,
  );
  return `${style.dim(time)}  ${word} ${ids}${why ? ` — ${why}` : ''}\n`;
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

export async function runWatch(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, CHECK_OPTIONS);
  const platform = hostPlatform();
  const check = checkOptionsFor(values, context);
  const monitor = new Monitor(livePorts(), createEventSource(platform), {
    platform,
    check,
    timing: context.watchTiming,
  });
  const style = createStyle(wantsColor(context.stdout));
  const print = (update: MonitorUpdate) =>
    context.stdout.write(values.json ? watchJson(update) : watchLine(update, style));
  // The first line is the full check at start (VM and probes included); after it, a line per change.
  let printed: string | null = null;
  const printIfChanged = (update: MonitorUpdate) => {
    const key = JSON.stringify(update.diagnosis);
    if (key === printed) return;
    printed = key;
    print(update);
  };
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
