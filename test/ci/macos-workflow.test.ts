// The macOS workflow cannot run here; this reads it and checks it runs what it claims, on the runners it claims,
// with every action pinned to a commit (a tag can be moved to other code; a SHA cannot).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { strategy: { matrix: { os: string[] } }; 'runs-on': string; steps: Step[] }>;
}

const workflow = yaml.load(
  readFileSync(fileURLToPath(new URL('../../.github/workflows/macos.yml', import.meta.url)), 'utf8'),
) as Workflow;
const job = Object.values(workflow.jobs)[0]!;
const runs = job.steps.flatMap((step) => (step.run ? [step.run] : []));

describe('.github/workflows/macos.yml', () => {
  it('runs on macOS 14 and 15, read-only', () => {
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
    expect(job.strategy.matrix.os).toEqual(['macos-14', 'macos-15']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template.
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action to a full commit SHA', () => {
    const uses = job.steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('installs from the lockfile, then lints, type-checks, builds and runs the macOS-safe tests, in that order', () => {
    expect(runs.slice(0, 5)).toEqual([
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm run build',
      expect.stringMatching(/^npx vitest run /),
    ]);
    const suites = runs[4]!.split(' ').slice(3);
    expect(suites).toEqual(expect.arrayContaining(['test/main', 'test/shared', 'test/packaging']));
    // The lab needs Linux network namespaces; the browser tests need Debian's Chromium.
    expect(suites).not.toContain('test/lab');
    expect(suites).not.toContain('test/renderer');
  });

  it('builds the real app unsigned and unpublished with --dir, then runs its self-test', () => {
    const build = job.steps.at(-2)!;
    expect(build.run).toBe('npx electron-builder --mac --dir --publish never');
    expect(build.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    const selfTest = job.steps.at(-1)!;
    // The binary inside the --dir build (electron-builder's mac-arm64 folder: the runners are Apple silicon).
    expect(selfTest.run).toBe('dist/mac-arm64/Bridgelight.app/Contents/MacOS/Bridgelight --self-test');
  });
});
