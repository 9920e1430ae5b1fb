// `check --format prometheus`, read back by a strict checker of the text exposition format (version 0.0.4) as
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details specifies it, with node
// exporter's textfile collector's extra rule (no timestamps).
import { join } from 'node:path';
import { VERDICT_EXIT } from '@src/cli/commands/check';
import { formatPrometheus, LIGHT_VALUE, type VmDiagnosis } from '@src/cli/format-prometheus';
import { type Diagnosis, HOP_IDS } from '@src/shared/model';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const BUNDLES = new URL('../fixtures/bundles/', import.meta.url).pathname;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Exposition {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// Go's ParseFloat, as the spec says, plus its spellings of the special values.
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Inf|inf)$|^NaN$/;

const goFloat = (token: string) =>
  /^[+-]?inf$/i.test(token) ? (token.startsWith('-') ? -1 : 1) * Number.POSITIVE_INFINITY : Number(token);

/** Reads a label set `{a="x",b="y\"z"}` from the start of `text`; returns it and what follows. */
function readLabels(text: string, where: string): [Record<string, string>, string] {
  const labels: Record<string, string> = {};
  let rest = text.slice(1);
  for (;;) {
    rest = rest.replace(/^[ \t]*/, '');
    if (rest.startsWith('}')) return [labels, rest.slice(1)];
    const name = /^[^=\s]*/.exec(rest)![0];
    if (!LABEL_NAME.test(name)) throw new Error(`${where}: bad label name "${name}"`);
    if (name.startsWith('__')) throw new Error(`${where}: label name "${name}" is reserved`);
    if (name in labels) throw new Error(`${where}: label "${name}" twice`);
    rest = rest.slice(name.length).replace(/^[ \t]*/, '');
    if (!rest.startsWith('="')) throw new Error(`${where}: label "${name}" has no ="value"`);
    rest = rest.slice(2);
    let value = '';
    for (;;) {
      const char = rest[0];
      if (char === undefined || char === '\n') throw new Error(`${where}: unterminated value of "${name}"`);
      rest = rest.slice(1);
      if (char === '"') break;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escaped = rest[0];
      rest = rest.slice(1);
      if (escaped === '\\') value += '\\';
      else if (escaped === '"') value += '"';
      else if (escaped === 'n') value += '\n';
      else throw new Error(`${where}: bad escape \\${escaped ?? ''} in "${name}"`);
    }
    labels[name] = value;
    rest = rest.replace(/^[ \t]*/, '');
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (!rest.startsWith('}')) throw new Error(`${where}: expected , or } after "${name}"`);
  }
}

/** Parses exposition text strictly; throws one line naming the first violation. */
function parseExposition(text: string): Exposition {
  if (!text.endsWith('\n')) throw new Error('the last line does not end with a line feed');
  if (text.includes('\r')) throw new Error('a line ends with CR');
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  const seenSeries = new Set<string>();
  const finished = new Set<string>();
  let current: string | null = null;
  const enter = (family: string, where: string) => {
    if (family === current) return;
    if (finished.has(family)) throw new Error(`${where}: ${family} is not one group`);
    if (current !== null) finished.add(current);
    current = family;
  };
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const where = `line ${index + 1}`;
      const line = raw.trim();
      if (line === '') return;
      if (line.startsWith('#')) {
        const [, keyword, name, ...rest] = line.split(/[ \t]+/);
        if (keyword !== 'HELP' && keyword !== 'TYPE') return;
        if (!name || !METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name "${name}"`);
        if (keyword === 'TYPE') {
          if (rest.length !== 1 || !TYPES.has(rest[0]!)) throw new Error(`${where}: bad TYPE "${rest.join(' ')}"`);
          if (types.has(name)) throw new Error(`${where}: second TYPE for ${name}`);
          if (samples.some((s) => s.name === name)) throw new Error(`${where}: TYPE for ${name} after its samples`);
          types.set(name, rest[0]!);
        } else {
          if (help.has(name)) throw new Error(`${where}: second HELP for ${name}`);
          const doc = line.replace(/^#[ \t]+HELP[ \t]+\S+[ \t]*/, '');
          if (/\\[^\\n]|\\$/.test(doc.replace(/\\\\/g, ''))) throw new Error(`${where}: bad escape in HELP`);
          help.set(name, doc);
        }
        enter(name, where);
        return;
      }
      const name = /^[^{\s]*/.exec(line)![0];
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name "${name}"`);
      let rest = line.slice(name.length).replace(/^[ \t]*/, '');
      let labels: Record<string, string> = {};
      if (rest.startsWith('{')) [labels, rest] = readLabels(rest, where);
      const tokens = rest.trim().split(/[ \t]+/);
      if (tokens.length < 1 || tokens.length > 2 || !FLOAT.test(tokens[0]!))
        throw new Error(`${where}: bad value "${rest.trim()}"`);
      if (tokens.length === 2) {
        if (!/^-?\d+$/.test(tokens[1]!)) throw new Error(`${where}: bad timestamp "${tokens[1]}"`);
        throw new Error(`${where}: has a timestamp, which node exporter's textfile collector refuses`);
      }
      const family = types.get(name) === 'gauge' || !types.has(name) ? name : null;
      if (family === null) throw new Error(`${where}: ${name} is not a gauge`);
      enter(family, where);
      const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (seenSeries.has(series)) throw new Error(`${where}: ${name} repeats a label set`);
      seenSeries.add(series);
      samples.push({ name, labels, value: goFloat(tokens[0]!) });
    });
  return { types, help, samples };
}

function sample(exposition: Exposition, name: string, labels: Record<string, string>): number | undefined {
  return exposition.samples.find(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  )?.value;
}

async function prometheusOf(bundle: string) {
  const run = await runCli(['check', '--format', 'prometheus', '--replay', join(BUNDLES, bundle)]);
  expect(run.stderr).toBe('');
  return { code: run.code, text: run.stdout, exposition: parseExposition(run.stdout) };
}

const diagnosisOf = async (bundle: string) =>
  JSON.parse((await runCli(['check', '--json', '--replay', join(BUNDLES, bundle)])).stdout) as Diagnosis;

describe('the exposition-format checker this test relies on', () => {
  it.each([
    ['a missing final line feed', 'a 1'],
    ['a bad metric name', '1a 1\n'],
    ['a bad label name', 'a{1b="x"} 1\n'],
    ['a reserved label name', 'a{__name__="x"} 1\n'],
    ['a bad escape in a label value', 'a{b="\\t"} 1\n'],
    ['an unescaped quote', 'a{b="x"y"} 1\n'],
    ['an unterminated label value', 'a{b="x} 1\n'],
    ['a bad value', 'a 1,5\n'],
    ['a timestamp', 'a 1 1700000000000\n'],
    ['a repeated label set', 'a{b="x"} 1\na{b="x"} 2\n'],
    ['a family split in two groups', 'a 1\nb 1\na{c="x"} 1\n'],
    ['TYPE after samples', 'a 1\n# TYPE a gauge\n'],
    ['two TYPE lines', '# TYPE a gauge\n# TYPE a gauge\n'],
    ['an unknown type', '# TYPE a meter\n'],
    ['a bad escape in HELP', '# HELP a tab\\there\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow();
  });

  it('accepts what the spec shows: escapes, a trailing comma, blank lines, comments, special values', () => {
    const text =
      '# HELP a The a\\\\b thing\\nnext\n# TYPE a gauge\n\n# just a comment\na{b="q\\"\\\\\\n",c="",} +Inf\na NaN\n';
    expect(parseExposition(text).samples).toEqual([
      { name: 'a', labels: { b: 'q"\\\n', c: '' }, value: Number.POSITIVE_INFINITY },
      { name: 'a', labels: {}, value: Number.NaN },
    ]);
  });
});

describe('bridgelight check --format prometheus', () => {
  it('seed: verdict red, NAT red and egress yellow, the two findings by id, and the exit status of red', async () => {
    const { code, exposition } = await prometheusOf('seed');
    expect(code).toBe(2);
    const vm = { provider: 'minikube', vm: 'minikube' };
    expect(sample(exposition, 'bridgelight_verdict', vm)).toBe(2);
    expect(sample(exposition, 'bridgelight_hop_light', { ...vm, hop: 'nat' })).toBe(2);
    expect(sample(exposition, 'bridgelight_hop_light', { ...vm, hop: 'egress' })).toBe(1);
    expect(sample(exposition, 'bridgelight_hop_light', { ...vm, hop: 'vm' })).toBe(0);
    expect(sample(exposition, 'bridgelight_finding', { ...vm, id: 'nat-source-stale', severity: 'error' })).toBe(1);
    expect(sample(exposition, 'bridgelight_finding', { ...vm, id: 'egress-multiple-ipv4', severity: 'warning' })).toBe(
      1,
    );
  });

  it.each(['seed', 'healthy', 'garbage', 'vpn-full-tunnel', 'two-bridges'])(
    '%s: one gauge family each for verdict, hops and findings, every hop once, values as --json says',
    async (bundle) => {
      const { exposition } = await prometheusOf(bundle);
      const diagnosis = await diagnosisOf(bundle);
      expect([...exposition.types]).toEqual([
        ['bridgelight_verdict', 'gauge'],
        ['bridgelight_hop_light', 'gauge'],
        ['bridgelight_finding', 'gauge'],
      ]);
      expect([...exposition.help.keys()]).toEqual([...exposition.types.keys()]);
      const hops = exposition.samples.filter((s) => s.name === 'bridgelight_hop_light');
      expect(hops.map((s) => s.labels.hop)).toEqual([...HOP_IDS]);
      for (const s of exposition.samples) expect(Object.keys(s.labels).slice(0, 2)).toEqual(['provider', 'vm']);
      expect(sample(exposition, 'bridgelight_verdict', {})).toBe(LIGHT_VALUE[diagnosis.verdict]);
      for (const hop of diagnosis.hops)
        expect(sample(exposition, 'bridgelight_hop_light', { hop: hop.id })).toBe(LIGHT_VALUE[hop.light]);
      const findings = exposition.samples.filter((s) => s.name === 'bridgelight_finding');
      expect(findings.map((s) => s.labels.id).sort()).toEqual([...new Set(diagnosis.findings.map((f) => f.id))].sort());
    },
  );

  it('healthy: everything 0 and no finding series; garbage (unreadable evidence): unknown, never green', async () => {
    const healthy = (await prometheusOf('healthy')).exposition;
    expect(healthy.samples.filter((s) => s.name !== 'bridgelight_finding').every((s) => s.value === 0)).toBe(true);
    expect(healthy.samples.some((s) => s.name === 'bridgelight_finding')).toBe(false);
    const garbage = await prometheusOf('garbage');
    expect(garbage.code).toBe(3);
    expect(sample(garbage.exposition, 'bridgelight_verdict', {})).toBe(3);
    expect(garbage.exposition.samples.filter((s) => s.name === 'bridgelight_hop_light').map((s) => s.value)).toEqual(
      HOP_IDS.map(() => 3),
    );
  });

  it('numbers lights as check exits: an alert on == 2 means what exit status 2 means', () => {
    expect(LIGHT_VALUE).toEqual(VERDICT_EXIT);
  });

  it('--json stays the default machine format; --format json is the same; contradictions are usage errors', async () => {
    const seed = join(BUNDLES, 'seed');
    const json = await runCli(['check', '--json', '--replay', seed]);
    expect((await runCli(['check', '--format', 'json', '--replay', seed])).stdout).toBe(json.stdout);
    expect((await runCli(['check', '--format', 'text', '--replay', seed])).stdout).toBe(
      (await runCli(['check', '--replay', seed])).stdout,
    );
    const clash = await runCli(['check', '--json', '--format', 'prometheus', '--replay', seed]);
    expect(clash).toEqual({
      code: 64,
      stdout: '',
      stderr: 'bridgelight check: --json and --format prometheus contradict each other\n',
    });
    const unknown = await runCli(['check', '--format', 'xml', '--replay', seed]);
    expect(unknown).toEqual({
      code: 64,
      stdout: '',
      stderr: 'bridgelight check: --format "xml" is not one of text, json, prometheus\n',
    });
  });
});

describe('formatPrometheus', () => {
  const base = { verdict: 'green', egress: null, bridge: null, vm: null, findings: [] } as const;
  const diagnosis = (light: 'green' | 'red'): Diagnosis => ({
    ...base,
    verdict: light,
    hops: HOP_IDS.map((id) => ({ id, light, summary: '', onPath: true })),
    findings: [],
  });

  it('takes a list of VMs: each family once, grouped, a series per VM, names escaped', () => {
    const vms: VmDiagnosis[] = [
      { provider: 'minikube', vm: 'minikube', diagnosis: diagnosis('green') },
      { provider: 'lima', vm: 'odd "name"\\with\nbreaks', diagnosis: diagnosis('red') },
    ];
    const exposition = parseExposition(formatPrometheus(vms));
    expect(exposition.types.size).toBe(3);
    expect(exposition.samples.filter((s) => s.name === 'bridgelight_verdict')).toEqual([
      { name: 'bridgelight_verdict', labels: { provider: 'minikube', vm: 'minikube' }, value: 0 },
      { name: 'bridgelight_verdict', labels: { provider: 'lima', vm: 'odd "name"\\with\nbreaks' }, value: 2 },
    ]);
    expect(exposition.samples.filter((s) => s.name === 'bridgelight_hop_light')).toHaveLength(2 * HOP_IDS.length);
  });

  it('gives a hop that is not on the VM path no series, so it can never fire an alert', () => {
    const userMode: Diagnosis = {
      ...diagnosis('green'),
      hops: HOP_IDS.map((id) =>
        id === 'bridge' || id === 'nat'
          ? { id, light: 'unknown', summary: 'not on this path', onPath: false }
          : { id, light: 'green', summary: '', onPath: true },
      ),
    };
    const exposition = parseExposition(formatPrometheus([{ provider: 'minikube', vm: 'x', diagnosis: userMode }]));
    const hops = exposition.samples.filter((s) => s.name === 'bridgelight_hop_light');
    expect(hops.map((s) => s.labels.hop)).toEqual(['vm', 'egress', 'gateway', 'internet']);
    expect(hops.every((s) => s.value === 0)).toBe(true);
  });

  it('reports a hop the diagnosis lacks as unknown, and a finding id once even if it repeats', () => {
    const partial: Diagnosis = {
      ...diagnosis('red'),
      hops: [{ id: 'vm', light: 'green', summary: '', onPath: true }],
      findings: [
        { id: 'vm-dns-failure', severity: 'error', title: '', detail: '', evidence: [], fix: null },
        { id: 'vm-dns-failure', severity: 'error', title: '', detail: '', evidence: [], fix: null },
      ],
    };
    const exposition = parseExposition(formatPrometheus([{ provider: 'minikube', vm: 'x', diagnosis: partial }]));
    const hops = exposition.samples.filter((s) => s.name === 'bridgelight_hop_light').map((s) => s.value);
    expect(hops).toEqual([0, 3, 3, 3, 3, 3]);
    expect(exposition.samples.filter((s) => s.name === 'bridgelight_finding')).toHaveLength(1);
  });

  it('with no VMs still declares its families, and is valid', () => {
    const exposition = parseExposition(formatPrometheus([]));
    expect([...exposition.types.keys()]).toEqual([
      'bridgelight_verdict',
      'bridgelight_hop_light',
      'bridgelight_finding',
    ]);
    expect(exposition.samples).toEqual([]);
  });
});
