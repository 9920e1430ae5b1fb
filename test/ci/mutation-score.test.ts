// The README's mutation figures come from this script, often over several part runs merged into one report: the
// merge must keep each mutant's tests pointing at the same tests, and the score must count as Stryker does.
import { describe, expect, it } from 'vitest';
import { mergeReports, type StrykerReport, scopeScores } from '../../scripts/mutation-score.mjs';

type Mutants = StrykerReport['files'][string]['mutants'];
const part = (file: string, testFile: string, names: string[], mutants: Mutants, source = `// ${testFile}`) => ({
  files: { [file]: { mutants } },
  testFiles: { [testFile]: { source, tests: names.map((name, i) => ({ id: String(i), name })) } },
});

describe('mutation-score', () => {
  it('renumbers each part’s tests so coveredBy and killedBy still name the same tests', () => {
    const a = part(
      'src/shared/diagnosis/facts.ts',
      'test/a.test.ts',
      ['a one', 'a two'],
      [{ id: '0', status: 'Killed', coveredBy: ['0', '1'], killedBy: ['1'] }],
    );
    const b = part('src/node/fix.ts', 'test/b.test.ts', ['b one'], [{ id: '0', status: 'Survived', coveredBy: ['0'] }]);
    const { report, duplicates } = mergeReports([a, b]);
    expect(duplicates).toEqual([]);
    const nameOf = (id: string) =>
      Object.values(report.testFiles ?? {})
        .flatMap((f) => f.tests)
        .find((t) => t.id === id)?.name;
    const killed = report.files['src/shared/diagnosis/facts.ts']?.mutants[0];
    const survived = report.files['src/node/fix.ts']?.mutants[0];
    expect(killed?.killedBy?.map(nameOf)).toEqual(['a two']);
    expect(killed?.coveredBy?.map(nameOf)).toEqual(['a one', 'a two']);
    expect(survived?.coveredBy?.map(nameOf)).toEqual(['b one']);
  });

  it('counts a test file seen by two parts once, and keeps the source that matches the file as it is now', () => {
    const a = part('src/a.ts', 'test/shared.test.ts', ['x'], []);
    const b = part('src/b.ts', 'test/shared.test.ts', ['x', 'y'], [], 'now');
    const { report } = mergeReports([a, b], (file) => (file === 'test/shared.test.ts' ? 'now' : undefined));
    expect(report.testFiles?.['test/shared.test.ts']).toEqual({
      source: 'now',
      tests: [
        { id: '0', name: 'x' },
        { id: '1', name: 'y' },
      ],
    });
  });

  it('names a file that two parts both mutated', () => {
    const a = part('src/a.ts', 'test/a.test.ts', ['x'], [{ id: '0', status: 'Survived' }]);
    const b = part('src/a.ts', 'test/a.test.ts', ['x'], [{ id: '0', status: 'Killed' }]);
    const { report, duplicates } = mergeReports([a, b]);
    expect(duplicates).toEqual(['src/a.ts']);
    expect(report.files['src/a.ts']?.mutants[0]?.status).toBe('Killed');
  });

  it('scores detected over detected and undetected, per scope, leaving out what does not compile', () => {
    const status = (...list: string[]) => list.map((s, i) => ({ id: String(i), status: s }));
    const report: StrykerReport = {
      files: {
        'src/shared/diagnosis/hops.ts': { mutants: status('Killed', 'Timeout', 'Survived', 'CompileError') },
        'src/main/ipc/registry.ts': { mutants: status('NoCoverage', 'Killed', 'Ignored') },
        'src/shared/redact.ts': { mutants: status('Survived', 'RuntimeError') },
      },
    };
    const [diagnosis, fixAndIpc, whole] = scopeScores(report);
    expect(diagnosis).toMatchObject({ name: 'src/shared/diagnosis', detected: 2, undetected: 1, invalid: 1, files: 1 });
    expect(diagnosis?.score).toBeCloseTo(66.67, 2);
    expect(fixAndIpc).toMatchObject({ detected: 1, undetected: 1, invalid: 1, score: 50 });
    expect(whole).toMatchObject({ detected: 3, undetected: 3, invalid: 3, files: 3, score: 50 });
    expect(scopeScores({ files: {} })[0]?.score).toBeNull();
  });
});
