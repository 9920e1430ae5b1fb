// Options shared by check, watch, fix and bundle, validated before anything runs.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CheckOptions } from '../node/engine';
import { EXIT, UserError } from '../node/errors';
import { MINIKUBE_PROFILE } from '../shared/providers/minikube';
import { isHostName, parseTarget } from '../shared/targets';
import { parseVmSelector, type VmSelector } from '../shared/vm-select';

export const CHECK_OPTIONS = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  vm: { type: 'string', multiple: true },
  probe: { type: 'string', multiple: true },
  'no-probe': { type: 'boolean' },
  'dns-name': { type: 'string' },
  'vm-timeout': { type: 'string' },
} as const;

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  positionals = 0,
) {
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true as const });
  if (parsed.positionals.length > positionals)
    throw new UserError(`unexpected argument "${parsed.positionals[positionals]}"`, EXIT.usage);
  return parsed;
}

/** `--vm` values as selectors (`--profile NAME` joins them as `minikube/NAME`); the first bad one is the error. */
function vmSelectorsFrom(values: string[], profile: string | undefined): VmSelector[] {
  const selectors = values.map((text) => {
    const selector = parseVmSelector(text);
    if (!selector.ok) throw new UserError(selector.error, EXIT.usage);
    return selector.value;
  });
  return profile !== undefined && selectors.length > 0
    ? [...selectors, { provider: 'minikube', name: profile }]
    : selectors;
}

export function checkOptionsFrom(values: {
  profile?: string;
  vm?: string[];
  probe?: string[];
  'no-probe'?: boolean;
  'dns-name'?: string;
  'vm-timeout'?: string;
}): CheckOptions {
  if (values.profile !== undefined && !MINIKUBE_PROFILE.test(values.profile))
    throw new UserError(`--profile "${values.profile}" is not a minikube profile name`, EXIT.usage);
  for (const target of values.probe ?? [])
    if (!parseTarget(target)) throw new UserError(`--probe "${target}" is not HOST:PORT`, EXIT.usage);
  if (values['dns-name'] !== undefined && !isHostName(values['dns-name']))
    throw new UserError(`--dns-name "${values['dns-name']}" is not a DNS name`, EXIT.usage);
  if (values['no-probe'] && values.probe?.length)
    throw new UserError('--probe and --no-probe contradict each other', EXIT.usage);
  const vms = vmSelectorsFrom(values.vm ?? [], values.profile);
  const vmTimeout = values['vm-timeout'];
  if (vmTimeout !== undefined && !/^[1-9][0-9]{0,2}$/.test(vmTimeout))
    throw new UserError(`--vm-timeout "${vmTimeout}" is not a number of seconds (1-999)`, EXIT.usage);
  return {
    ...(vmTimeout
      ? { timeouts: { minikubeStatusMs: Number(vmTimeout) * 1000, minikubeSshMs: Number(vmTimeout) * 1000 } }
      : {}),
    profile: values.profile,
    ...(vms.length > 0 ? { vms } : {}),
    probeTargets: values.probe?.length ? values.probe : undefined,
    dnsName: values['dns-name'],
    probe: !values['no-probe'],
  };
}

/** The check options a command runs with: its flags, with the context's timeouts (tests shorten them) on top. */
export function checkOptionsFor(
  values: Parameters<typeof checkOptionsFrom>[0],
  context: { timeouts?: CheckOptions['timeouts'] },
): CheckOptions {
  const options = checkOptionsFrom(values);
  return { ...options, timeouts: { ...options.timeouts, ...context.timeouts } };
}
