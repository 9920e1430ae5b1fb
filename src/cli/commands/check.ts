import { type CheckResult, checkLive, checkReplay } from '../../node/engine';
import { EXIT, UserError } from '../../node/errors';
import { diagnosisOfVm } from '../../shared/diagnosis';
import type { Light } from '../../shared/model';
import type { CommandContext } from '../context';
import { formatPrometheus } from '../format-prometheus';
import { CHECK_OPTIONS, checkOptionsFor, parseCommandArgs } from '../options';
import { renderText } from '../render-text';
import { createStyle, wantsColor } from '../style';

export const VERDICT_EXIT: Record<Light, number> = { green: 0, yellow: 1, red: 2, unknown: 3 };

const FORMATS = ['text', 'json', 'prometheus'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(values: { json?: boolean; format?: string }): Format {
  if (values.format === undefined) return values.json ? 'json' : 'text';
  if (!(FORMATS as readonly string[]).includes(values.format))
    throw new UserError(`--format "${values.format}" is not one of ${FORMATS.join(', ')}`, EXIT.usage);
  if (values.json && values.format !== 'json')
    throw new UserError(`--json and --format ${values.format} contradict each other`, EXIT.usage);
  return values.format as Format;
}

function render(result: CheckResult, format: Format, context: CommandContext): string {
  const { diagnosis, snapshot } = result;
  if (format === 'json') return `${JSON.stringify(diagnosis, null, 2)}\n`;
  if (format === 'text') return renderText(diagnosis, createStyle(wantsColor(context.stdout)));
  // Several VMs: a set of series each, labelled with the VM.
  if (diagnosis.vms && diagnosis.vms.length > 1)
    return formatPrometheus(
      diagnosis.vms.map((vm) => ({ provider: vm.provider, vm: vm.name, diagnosis: diagnosisOfVm(diagnosis, vm) })),
    );
  // The VM the check looked at, named as the diagnosis names it, or as it was asked for when nothing answered.
  const vm = diagnosis.vm ?? snapshot.vm;
  return formatPrometheus([{ provider: vm?.provider ?? 'minikube', vm: vm?.profile ?? '', diagnosis }]);
}

export async function runCheck(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...CHECK_OPTIONS,
    replay: { type: 'string' },
    format: { type: 'string' },
  });
  const format = formatOf(values);
  const options = checkOptionsFor(values, context);
  const progress = format === 'text' && context.stderr.isTTY ? context.stderr : null;
  progress?.write(values.replay ? `Replaying ${values.replay}…\r` : 'Checking the path from the VM to the internet…\r');
  const result: CheckResult = values.replay ? await checkReplay(values.replay, options) : await checkLive(options);
  progress?.write('\u001b[2K');
  context.stdout.write(render(result, format, context));
  return VERDICT_EXIT[result.diagnosis.verdict];
}
