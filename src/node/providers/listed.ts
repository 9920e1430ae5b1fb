// What the providers whose listing already says each VM's state have in common (every tool but minikube): the
// listing runs once per context, a VM's state is read from it, and the probe script is handed to the VM in the
// form the tool's exec path needs. Each provider file (lima.ts, tart.ts…) only says which command, which parser
// and which exec.
import { BUNDLE_FILES } from '../../shared/bundle-format';
import type { CommandSpec } from '../../shared/command';
import type { ParseResult } from '../../shared/parse-result';
import type { ProviderWording } from '../../shared/providers';
import type { VmListing } from '../../shared/vm';
import { type Notes, runCommand } from '../command-outcome';
import type { ProviderContext, VmProvider, VmStateAnswer } from './port';

/** The listing as read: the VMs (null when unusable) and why not, so a VM's state can say timeout or failure. */
interface ListingRead {
  listings: VmListing[] | null;
  answer: VmStateAnswer;
}

export interface ListedTool {
  wording: ProviderWording;
  /** The listing's bundle key: one plain file per provider. */
  listKey: string;
  parse(text: string): ParseResult<VmListing[]>;
  /** Host-side look-ups that complete the listing (Tart's and UTM's addresses are not in it). */
  complete?(context: ProviderContext, listings: VmListing[]): Promise<VmListing[]>;
  defaultName: string;
  /** The exec argv that runs `shellLine` (see probeShellLine) inside the VM; `listing` when the listing had it. */
  execArgv(name: string, shellLine: string, listing: VmListing | null): string[];
}

/**
 * The one line that decodes and runs the base64 probe script. Tools that hand their arguments to ssh joined with
 * spaces (minikube, Podman) take it as one argument; tools that keep the argument vector (Lima quotes each one,
 * multipass, container, Tart and UTM pass them through) need it behind `sh -c`.
 */
export const probeShellLine = (encodedScript: string): string => `echo ${encodedScript} | base64 -d | sh`;

// One listing per check, whatever contexts its callers built (the collector gives the listing, each VM and a
// named VM's early state a context of their own): the check's Notes, one per check, is what they all share.
const reads = new WeakMap<Notes, Map<string, Promise<ListingRead>>>();
// The same listings once read, for probeExec, which is synchronous.
const done = new WeakMap<Notes, Map<string, VmListing[]>>();

function perCheck<T>(map: WeakMap<Notes, Map<string, T>>, notes: Notes): Map<string, T> {
  const known = map.get(notes);
  if (known !== undefined) return known;
  const fresh = new Map<string, T>();
  map.set(notes, fresh);
  return fresh;
}

function readListing(context: ProviderContext, tool: ListedTool): Promise<ListingRead> {
  const reading = perCheck(reads, context.notes);
  const known = reading.get(tool.listKey);
  if (known !== undefined) return known;
  const read = runListing(context, tool);
  reading.set(tool.listKey, read);
  return read;
}

async function runListing(context: ProviderContext, tool: ListedTool): Promise<ListingRead> {
  const { runner, notes, timeouts } = context;
  const spec: CommandSpec = {
    key: tool.listKey,
    argv: [tool.wording.tool, ...tool.wording.listArgs],
    // A host command's bound, not minikube's: these tools list from local state files in well under a second, and
    // the VMs' execs wait for every listing, so a hung one must cost little.
    timeoutMs: timeouts.hostCommandMs,
  };
  const outcome = await runCommand(runner, notes, spec);
  switch (outcome.result.outcome) {
    case 'not-found':
      return { listings: null, answer: { availability: 'not-installed', state: null, running: false } };
    case 'timeout':
      return { listings: null, answer: { availability: 'timeout', state: null, running: false } };
    case 'missing':
    case 'refused':
      // A bundle without the listing says nothing about the VMs.
      return { listings: null, answer: null };
    default:
      break;
  }
  if (outcome.text === null) return { listings: null, answer: { availability: 'failed', state: null, running: false } };
  const parsed = tool.parse(outcome.text);
  if (!parsed.ok) {
    notes.add(tool.listKey, 'unparseable', parsed.error);
    // Garbage is not evidence either way: the VMs are unknown, and the note says why.
    return { listings: null, answer: { availability: 'failed', state: null, running: false } };
  }
  const listings = tool.complete ? await tool.complete(context, parsed.value) : parsed.value;
  perCheck(done, notes).set(tool.listKey, listings);
  return { listings, answer: null };
}

function listedAs(context: ProviderContext, tool: ListedTool, name: string): VmListing | null {
  const listings = done.get(context.notes)?.get(tool.listKey) ?? [];
  return listings.find((vm) => vm.name === name) ?? null;
}

function stateOf(listing: VmListing): VmStateAnswer {
  return { availability: 'ok', state: listing.rawState, running: listing.state === 'running' };
}

/** A VmProvider from a tool whose listing gives each VM's state. */
export function listedProvider(tool: ListedTool): VmProvider {
  return {
    id: tool.wording.id,
    tool: tool.wording.tool,
    defaultName: tool.defaultName,

    async list(context) {
      return (await readListing(context, tool)).listings;
    },

    async state(context, name, listing) {
      if (listing !== null) return stateOf(listing);
      const read = await readListing(context, tool);
      if (read.listings === null) return read.answer;
      const listed = read.listings.find((vm) => vm.name === name || vm.id === name);
      if (listed !== undefined) return stateOf(listed);
      context.notes.add(
        tool.listKey,
        'failed',
        `${[tool.wording.tool, ...tool.wording.listArgs].join(' ')} lists no ${tool.wording.vmNoun} ${name}`,
      );
      return { availability: 'failed', state: null, running: false };
    },

    probeExec: (context, name, encodedScript) => ({
      key: context.vmKey(name, BUNDLE_FILES.vmProbe),
      argv: tool.execArgv(name, probeShellLine(encodedScript), listedAs(context, tool, name)),
      // The same bound as `minikube ssh`: each exec is one connection into the VM and one run of the script.
      timeoutMs: context.timeouts.minikubeSshMs,
    }),
  };
}
