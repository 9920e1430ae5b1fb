// Property tests for the VM-listing parsers: whatever text reaches them (random strings, random JSON, real
// listings with one field swapped for random JSON, shuffled real lines, captures cut anywhere), they return a
// well-formed ParseResult and never throw, and every VM they return is structurally valid.
import { readdirSync, readFileSync } from 'node:fs';
import { isIpv4 } from '@src/shared/ipv4';
import type { ParseResult } from '@src/shared/parse-result';
import { parseAddressLines } from '@src/shared/parsers/providers/address-lines';
import { parseColimaList } from '@src/shared/parsers/providers/colima';
import { parseContainerList } from '@src/shared/parsers/providers/container';
import { parseLimaList } from '@src/shared/parsers/providers/lima';
import { parseMultipassList } from '@src/shared/parsers/providers/multipass';
import { parsePodmanMachineList } from '@src/shared/parsers/providers/podman';
import { parseTartList } from '@src/shared/parsers/providers/tart';
import { parseUtmctlList } from '@src/shared/parsers/providers/utm';
import { type ProviderId, VM_NETWORKS, type VmListing } from '@src/shared/vm';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { check, checkResult, isOneLine } from '../../../support/parse-result-check';

const NUM_RUNS = 1500;
const REAL = new URL('../../../fixtures/real/', import.meta.url);

const capturesOf = (tool: string): string[] =>
  readdirSync(new URL(`${tool}/`, REAL)).map((name) => readFileSync(new URL(`${tool}/${name}`, REAL), 'utf8'));

const isText = (value: unknown): boolean =>
  typeof value === 'string' &&
  value === value.trim() &&
  value !== '' &&
  !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);

function checkListings(provider: ProviderId): (listings: VmListing[]) => void {
  return (listings) => {
    check(Array.isArray(listings), 'not an array', listings);
    for (const vm of listings) {
      check(vm.provider === provider, 'wrong provider', vm);
      check(isText(vm.name), 'bad name', vm);
      check(vm.id === undefined || isText(vm.id), 'bad id', vm);
      check(['running', 'stopped', 'unknown'].includes(vm.state), 'bad state', vm);
      check(vm.rawState === null || isText(vm.rawState), 'bad raw state', vm);
      check(Array.isArray(vm.ips) && vm.ips.every((ip) => typeof ip === 'string' && isIpv4(ip)), 'bad ips', vm);
      check(vm.driver === null || isText(vm.driver), 'bad driver', vm);
      check((VM_NETWORKS as readonly string[]).includes(vm.network), 'bad network', vm);
      check(vm.networkEvidence.length > 0 && vm.networkEvidence.every(isOneLine), 'bad evidence', vm);
    }
  };
}

// ---- inputs ----

const randomText = fc.string({ unit: 'binary', maxLength: 300 });
const randomJson = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null');
const soupOf = (lines: string[]) =>
  fc.array(fc.constantFrom(...lines), { maxLength: 40 }).map((picked) => picked.join('\n'));
const cutOf = (texts: string[]) =>
  fc
    .tuple(fc.constantFrom(...texts), fc.nat(), fc.nat())
    .map(([text, a, b]) => text.slice(Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)));

/** Every object in the real JSON captures, and every path to a field in it. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsIn)];
}

/** A real capture with one field of one of its objects (at any depth) replaced by random JSON. */
function mutatedJson(texts: string[]) {
  const documents = texts.flatMap((text) => {
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      return text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as unknown];
          } catch {
            return [];
          }
        });
    }
  });
  const keys = [...new Set(documents.flatMap(objectsIn).flatMap((object) => Object.keys(object)))];
  return fc
    .tuple(
      fc.constantFrom(...documents),
      fc.nat(),
      fc.constantFrom(...keys),
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
    )
    .map(([document, pick, key, value, asLines]) => {
      const copy = structuredClone(document);
      const objects = objectsIn(copy);
      if (objects.length > 0) objects[pick % objects.length]![key] = value;
      return asLines && Array.isArray(copy)
        ? copy.map((entry) => JSON.stringify(entry)).join('\n')
        : JSON.stringify(copy, null, 2);
    });
}

interface ParserCase {
  name: string;
  captures: string[];
  run: (text: string) => void;
}

const listing =
  (provider: ProviderId, parse: (text: string) => ParseResult<VmListing[]>) =>
  (text: string): void =>
    checkResult(parse(text), checkListings(provider));

const PARSERS: ParserCase[] = [
  { name: 'parseLimaList', captures: capturesOf('lima'), run: listing('lima', parseLimaList) },
  { name: 'parseColimaList', captures: capturesOf('colima'), run: listing('colima', parseColimaList) },
  { name: 'parseMultipassList', captures: capturesOf('multipass'), run: listing('multipass', parseMultipassList) },
  { name: 'parseContainerList', captures: capturesOf('container'), run: listing('container', parseContainerList) },
  { name: 'parseTartList', captures: capturesOf('tart'), run: listing('tart', parseTartList) },
  { name: 'parseUtmctlList', captures: capturesOf('utm'), run: listing('utm', parseUtmctlList) },
  { name: 'parsePodmanMachineList', captures: capturesOf('podman'), run: listing('podman', parsePodmanMachineList) },
  {
    name: 'parseAddressLines',
    captures: capturesOf('tart'),
    run: (text) =>
      checkResult(parseAddressLines(text, 'tart ip'), (addresses) =>
        check(addresses.length > 0 && addresses.every(isIpv4), 'bad addresses', addresses),
      ),
  },
];

const ALL_CAPTURES = PARSERS.flatMap((parser) => parser.captures);

describe.each(PARSERS)('$name never throws and returns well-formed results', ({ captures, run }) => {
  it.each([
    ['random text', randomText],
    ['random JSON', randomJson],
    ['real listings with a field swapped for random JSON', mutatedJson(ALL_CAPTURES)],
    ['soups of real lines', soupOf(ALL_CAPTURES.flatMap((text) => text.split('\n')))],
    ['real captures cut anywhere', cutOf([...captures, ...ALL_CAPTURES])],
  ])('on %s', (_family, arbitrary) => {
    fc.assert(fc.property(arbitrary, run), { numRuns: NUM_RUNS });
  });

  it('on every real listing of every tool', () => {
    for (const text of ALL_CAPTURES) run(text);
  });
});
