import { hostPlatform, livePorts } from '../../node/engine';
import { createEventSource } from '../../node/event-source';
import { Monitor, type MonitorUpdate } from '../../node/monitor';
import type { Diagnosis } from '../../shared/model';
import { applyMutes, type MuteList, shownLight, shownReason } from '../../shared/mute';
import type { CommandContext } from '../context';
import { honouredMutes } from '../mutes';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';
import { createStyle, GLYPH, type Style, VERDICT_WORD, wantsColor } from '../style';

/** What a watch line says: light, verdict, finding ids, and why it is not green. Everything but the time. */
function watchSays(diagnosis: Diagnosis, style: Style): string {
  const ids =
    diagnosis.findings.map((finding) => (finding.muted ? `${finding.id} (muted)` : finding.id)).join(', ') ||
    'no findings';
  const light = shownLight(diagnosis);
  const word = style.light(light, `${GLYPH[light]} ${VERDICT_WORD[light].padEnd(9)}`);
  const why = shownReason(diagnosis);
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

/**
 * Writes an update only when what its line says differs from the last one written: a diagnosis whose evidence
 * changed but whose line reads the same is not news. JSON lines carry the whole diagnosis, so they compare it.
 */
export function createWatchPrinter(
  write: (text: string) => void,
  json: boolean,
  style: Style,
): (update: MonitorUpdate) => void {
  let said: string | null = null;
  return (update) => {
    const says = json ? JSON.stringify(update.diagnosis) : watchSays(update.diagnosis, style);
    if (says === said) return;
    said = says;
    write(json ? watchJson(update) : watchLine(update, style));
  };
}

/** The mutes are read at every update, so a `bridgelight mute` in another terminal counts from the next line on. */
export function honouringMutes(
  print: (update: MonitorUpdate) => void,
  mutes: () => MuteList,
): (update: MonitorUpdate) => void {
  return (update) => print({ ...update, diagnosis: applyMutes(update.diagnosis, mutes()) });
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
  const print = createWatchPrinter(
    (text) => context.stdout.write(text),
    Boolean(values.json),
    createStyle(wantsColor(context.stdout)),
  );
  const printIfChanged = honouringMutes(print, () => honouredMutes(context, 'watch'));
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
