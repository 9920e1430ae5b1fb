// macOS host evidence about the DHCP side of vmnet, read as a normal user: the Application Firewall (does it let
// bootpd answer?) and bootpd's lease file (is the pool full?). Each is one collector of the refine lane: neither
// changes with an address event, and both cost a process or three.
import { BUNDLE_FILES } from '../shared/bundle-format';
import type { CommandRunner, CommandSpec } from '../shared/command';
import type { AppFirewall, BootpdLease, InputNote } from '../shared/model';
import type { ParseResult } from '../shared/parse-result';
import { parseDhcpdLeases } from '../shared/parsers/darwin/dhcpd-leases';
import { parseSocketfilterfw } from '../shared/parsers/darwin/socketfilterfw';
import { Notes, parseInto, saysNothing, unusable } from './command-outcome';

const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';
export const DHCPD_LEASES_PATH = '/var/db/dhcpd_leases';

export interface HostPartWithNotes<T> {
  value: T | null;
  inputs: InputNote[];
}

/** One command's parsed answer; a bundle without the file (an older release wrote it) says nothing, and no note. */
async function readOne<T>(
  runner: CommandRunner,
  notes: Notes,
  spec: CommandSpec,
  parse: (text: string) => ParseResult<T>,
): Promise<T | null> {
  const result = await runner.run(spec);
  if (saysNothing(result)) return null;
  const problem = unusable(spec, result, false);
  if (problem !== null) {
    notes.add(spec.key, problem.problem, problem.detail);
    return null;
  }
  return parseInto(notes, spec.key, result.stdout, parse);
}

export async function collectFirewall(
  runner: CommandRunner,
  timeoutMs: number,
): Promise<HostPartWithNotes<AppFirewall>> {
  const notes = new Notes();
  const getter = (key: string, flag: string): CommandSpec => ({ key, argv: [SOCKETFILTERFW, flag], timeoutMs });
  const [global, signed, apps] = await Promise.all([
    readOne(runner, notes, getter(BUNDLE_FILES.socketfilterfwGlobalState, '--getglobalstate'), parseSocketfilterfw),
    readOne(runner, notes, getter(BUNDLE_FILES.socketfilterfwAllowSigned, '--getallowsigned'), parseSocketfilterfw),
    readOne(runner, notes, getter(BUNDLE_FILES.socketfilterfwListApps, '--listapps'), parseSocketfilterfw),
  ]);
  // Each part comes from its own getter only, so one getter's stray line can't stand in for another's answer.
  const value: AppFirewall | null =
    global === null && signed === null && apps === null
      ? null
      : {
          state: global?.state ?? null,
          allowBuiltInSigned: signed?.allowBuiltInSigned ?? null,
          apps: apps?.apps ?? null,
        };
  return { value, inputs: notes.list };
}

export async function collectDhcpdLeases(
  runner: CommandRunner,
  timeoutMs: number,
): Promise<HostPartWithNotes<BootpdLease[]>> {
  const notes = new Notes();
  const spec = { key: BUNDLE_FILES.dhcpdLeases, argv: ['/bin/cat', DHCPD_LEASES_PATH], timeoutMs };
  const value = await readOne(runner, notes, spec, parseDhcpdLeases);
  return { value, inputs: notes.list };
}
