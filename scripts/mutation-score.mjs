#!/usr/bin/env node
// The mutation score by the scopes the README reports, from one or more Stryker JSON reports. The whole scope is
// more than an hour on a shared 2-core machine, so it is often run in parts (`npx stryker run --mutate GLOB
// --incrementalFile test/artifacts/mutation/parts/NAME.json`): the parts' reports cover disjoint files and are
// merged here into one, which can also seed one incremental run of the whole scope (`--merge OUT`).
//
//   node scripts/mutation-score.mjs [--merge OUT.json] REPORT.json...
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The scopes of the README's table, each a predicate over a mutated file's path. */
export const SCOPES = [
  { name: 'src/shared/diagnosis', holds: (file) => file.startsWith('src/shared/diagnosis/') },
  {
    name: 'fix flow and IPC registry',
    holds: (file) => file === 'src/node/fix.ts' || file.startsWith('src/main/fix/') || file.startsWith('src/main/ipc/'),
  },
  { name: 'whole scope', holds: () => true },
];

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * One report from several. Test ids are local to a report, so tests are renumbered by (file, name) and every
 * mutant's coveredBy/killedBy follows. A test file's source is taken from the report that saw it as `current`
 * says it is now, so an incremental run finds as few changed tests as it can.
 */
export function mergeReports(reports, current = () => undefined) {
  const merged = { files: {}, testFiles: {} };
  const idOf = new Map();
  const duplicates = [];
  for (const report of reports) {
    for (const key of ['schemaVersion', 'thresholds', 'projectRoot', 'config', 'framework']) {
      if (merged[key] === undefined && report[key] !== undefined) merged[key] = report[key];
    }
    const local = new Map();
    for (const [file, testFile] of Object.entries(report.testFiles ?? {})) {
      const target = merged.testFiles[file] ?? { source: testFile.source, tests: [] };
      merged.testFiles[file] = target;
      if (testFile.source !== undefined && testFile.source === current(file)) target.source = testFile.source;
      for (const test of testFile.tests) {
        const key = `${file}\0${test.name}`;
        if (!idOf.has(key)) {
          idOf.set(key, String(idOf.size));
          target.tests.push({ ...test, id: idOf.get(key) });
        }
        local.set(test.id, idOf.get(key));
      }
    }
    const renumber = (ids) => ids?.map((id) => local.get(id) ?? id);
    for (const [file, mutated] of Object.entries(report.files)) {
      if (merged.files[file]) duplicates.push(file);
      merged.files[file] = {
        ...mutated,
        mutants: mutated.mutants.map((m) => ({
          ...m,
          coveredBy: renumber(m.coveredBy),
          killedBy: renumber(m.killedBy),
        })),
      };
    }
  }
  return { report: merged, duplicates };
}

/** Detected over detected + undetected, per scope; mutants that do not compile or are ignored are not counted. */
export function scopeScores(report, scopes = SCOPES) {
  return scopes.map(({ name, holds }) => {
    const counts = { detected: 0, undetected: 0, invalid: 0, files: 0 };
    for (const [file, mutated] of Object.entries(report.files)) {
      if (!holds(file)) continue;
      counts.files++;
      for (const { status } of mutated.mutants) {
        if (DETECTED.has(status)) counts.detected++;
        else if (UNDETECTED.has(status)) counts.undetected++;
        else counts.invalid++;
      }
    }
    const scored = counts.detected + counts.undetected;
    return { name, ...counts, scored, score: scored === 0 ? null : (100 * counts.detected) / scored };
  });
}

function main(argv) {
  const args = [...argv];
  let out = null;
  const at = args.indexOf('--merge');
  if (at !== -1) {
    out = args[at + 1] ?? null;
    args.splice(at, 2);
    if (!out) return fail('--merge needs a file to write');
  }
  if (args.length === 0) return fail('usage: mutation-score.mjs [--merge OUT.json] REPORT.json...');
  const reports = [];
  for (const path of args) {
    try {
      reports.push(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      return fail(`${path}: ${error instanceof SyntaxError ? 'not JSON' : (error.code ?? error.message)}`);
    }
    if (typeof reports.at(-1)?.files !== 'object') return fail(`${path}: not a Stryker JSON report (no "files")`);
  }
  const { report, duplicates } = mergeReports(reports, (file) =>
    existsSync(file) ? readFileSync(file, 'utf8') : undefined,
  );
  for (const file of duplicates) console.error(`mutation-score: ${file} is in more than one report; the last is kept`);
  if (out) writeFileSync(out, JSON.stringify(report));
  for (const s of scopeScores(report)) {
    const score = s.score === null ? 'n/a' : `${s.score.toFixed(1)} %`;
    console.log(
      `${s.name}: ${score} (${s.detected} detected of ${s.scored} scored; ${s.invalid} not compiling or ignored; ${s.files} files)`,
    );
  }
  return 0;
}

function fail(message) {
  console.error(`mutation-score: ${message}`);
  return 64;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
