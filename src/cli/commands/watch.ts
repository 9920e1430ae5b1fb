import { hostPlatform, livePorts } from '../../node/engine';
import { createEventSource } from '../../node/event-source';
import { describeEventSource, type EventSourceStatus } from '../../node/event-supervisor';
import { Monitor, type MonitorUpdate } from '../../node/monitor';
import { diagnosisOfVm } from '../../shared/diagnosis';
import type { Diagnosis } from '../../shared/model';
import { applyMutes, shownLight } from '../../shared/mute';
import { verdictReason } from '../../shared/presentation';
import type { TerminalContext } from '../context';
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
  // The reason names the worst hop; once mutes took its colour back it is no longer why the light is what it is.
  const why = light === diagnosis.verdict ? verdictReason(diagnosis) : null;
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

/**
 * One line when the event stream dies and one when a restart has proven itself: not one per retry, so a tool that
 * keeps dying does not flood the output. It goes to stderr, so stdout stays the diagnosis lines (`--json` exact).
 */
export function createEventSourceReporter(
  write: (text: string) => void,
  style: Style,
  now: () => Date = () => new Date(),
): (status: EventSourceStatus) => void {
  let outage = false;
  return (status) => {
    if (status.state === 'retrying' || (status.state === 'down' && outage)) return;
    if (status.state === 'listening' && !outage) return;
    outage = status.state === 'down';
    const mark = outage ? style.light('yellow', GLYPH.yellow) : style.light('green', GLYPH.green);
    write(`${style.dim(now().toISOString().slice(11, 19))}  ${mark} watch: ${describeEventSource(status)}\n`);
  };
}

export async function runWatch(args: string[], context: TerminalContext): Promise<number> {
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
    // JSON lines are for programs, byte for byte; a person's lines pass through the sanitizer.
    (text) => (values.json ? context.stdout.exact(text) : context.stdout.write(text)),
    Boolean(values.json),
    createStyle(wantsColor(context.stdout)),
  );
  // Read at every update, so a `bridgelight mute` in another terminal counts from the next line on.
  const printIfChanged = (update: MonitorUpdate) =>
    print({ ...update, diagnosis: applyMutes(update.diagnosis, honouredMutes(context, 'watch')) });
  if (!values.json && context.stderr.isTTY)
    context.stderr.write('Watching address and route changes (Ctrl-C to stop)…\n');
  monitor.subscribeEventSource(
    createEventSourceReporter((text) => context.stderr.write(text), createStyle(wantsColor(context.stderr))),
  );
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
