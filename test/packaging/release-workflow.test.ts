// The release workflow can't run here (it needs a macOS runner and the signing secrets), so this reads it and
// checks what it would do: when it runs, which pinned actions, which commands in which order, and that the tag,
// package.json and CHANGELOG.md agree.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { changelogSections, releaseNotes } from '../../scripts/release-notes.mjs';
import { REPO } from './build-copy';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { tags: string[]; branches?: unknown } } & Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const workflow = yaml.load(readFileSync(join(REPO, '.github/workflows/release.yml'), 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);
const commands = steps.flatMap((step) => (step.run ? [step.run.replace(/\s+/g, ' ').trim()] : []));
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const changelog = readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8');

/** Where in the run commands the first one holding `text` is; -1 when none does. */
const indexOfCommand = (text: string) => commands.findIndex((command) => command.includes(text));

describe('.github/workflows/release.yml', () => {
  it('runs only for a version tag, on macOS runners, and may write nothing but the release', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push).toEqual({ tags: ['v*.*.*'] });
    expect(workflow.permissions).toEqual({ contents: 'write' });
    for (const job of jobs) expect(job['runs-on']).toMatch(/^macos-\d+$/);
  });

  it('pins every action by a full commit SHA, and checks out without keeping the token', () => {
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.map((u) => u.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node']);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout@'))?.with).toEqual({
      'persist-credentials': false,
    });
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
  });

  it('checks tag, version and changelog first, then installs, tests, builds and publishes, in that order', () => {
    const order = [
      'node scripts/release-notes.mjs "$GITHUB_REF_NAME"',
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm run build',
      'npx vitest run',
      'npm run dist -- --publish never',
      'node scripts/pack-cli.mjs dist/cli',
      'node scripts/homebrew.mjs dist dist/cli/*.tgz dist/homebrew',
      'npm publish dist/cli/*.tgz --access public',
      'gh release create "$GITHUB_REF_NAME"',
    ].map(indexOfCommand);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("leaves out of npm test only what needs Linux, and those folders exist (so the list can't rot)", () => {
    const vitest = commands[indexOfCommand('npx vitest run')]!;
    const excluded = [...vitest.matchAll(/--exclude '([^']+)'/g)].map((match) => match[1]!);
    expect(excluded).toEqual(['test/lab/**', 'test/helper/**', 'test/renderer/**']);
    for (const glob of excluded) expect(existsSync(join(REPO, glob.replace('/**', '')))).toBe(true);
    // Nothing but the excludes: no filter that would quietly run a subset.
    expect(vitest.replace(/ --exclude '[^']+'/g, '')).toBe('npx vitest run');
  });

  it('uploads the dmg and zip files, their blockmaps and the update feed, with the changelog as notes', () => {
    const publish = commands[indexOfCommand('gh release create')]!;
    expect(publish).toContain('--verify-tag');
    expect(publish).toContain('--notes-file "$RUNNER_TEMP/notes.md"');
    expect(publish.split(' ').filter((word) => word.startsWith('dist/'))).toEqual([
      'dist/*.dmg',
      'dist/*.zip',
      'dist/*.blockmap',
      'dist/latest-mac.yml',
      'dist/cli/*.tgz',
      'dist/homebrew/*.rb',
    ]);
    expect(commands[indexOfCommand('node scripts/release-notes.mjs')]).toContain('> "$RUNNER_TEMP/notes.md"');
  });

  it('signs, notarizes and publishes with exactly the secrets the README names, and only in the steps that need them', () => {
    const secrets = steps.flatMap((step) =>
      Object.values(step.env ?? {}).flatMap((value) => [...value.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]!)),
    );
    expect(secrets.sort()).toEqual([
      'APPLE_API_ISSUER',
      'APPLE_API_KEY',
      'APPLE_API_KEY_ID',
      'CSC_KEY_PASSWORD',
      'CSC_LINK',
      'NPM_TOKEN',
    ]);
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const secret of secrets) expect(readme).toContain(`\`${secret}\``);
    const withSecrets = steps.filter((step) => JSON.stringify(step.env ?? {}).includes('secrets.'));
    expect(withSecrets.map((step) => step.name)).toEqual([
      'Signing and notarization keys',
      'Build',
      'Publish the CLI to npm',
    ]);
  });
});

describe('tag, package.json and CHANGELOG.md agree', () => {
  it('the changelog has an Unreleased section and a non-empty section for the current version', () => {
    const sections = changelogSections(changelog);
    expect(sections.has('Unreleased')).toBe(true);
    expect(sections.get(pkg.version)).toMatch(/\S/);
    expect(releaseNotes(`v${pkg.version}`, pkg.version, changelog)).toBe(sections.get(pkg.version));
  });

  it('refuses a tag that is not v + the version, a version with no section, and an empty section', () => {
    const text = '# Changelog\n\n## [Unreleased]\n\n## [1.2.0]\n\n## [1.1.0]\n\n- fixed a thing\n';
    expect(releaseNotes('v1.1.0', '1.1.0', text)).toBe('- fixed a thing');
    expect(String(releaseNotes('1.1.0', '1.1.0', text))).toBe(
      'Error: tag "1.1.0" is not v1.1.0, the version in package.json',
    );
    expect(String(releaseNotes('v1.3.0', '1.3.0', text))).toBe('Error: CHANGELOG.md has no "## [1.3.0]" section');
    expect(String(releaseNotes('v1.2.0', '1.2.0', text))).toBe("Error: CHANGELOG.md's section for 1.2.0 is empty");
  });

  it('as the workflow runs it: prints the notes for the right tag, one line and exit 1 for a wrong one', async () => {
    const script = join(REPO, 'scripts/release-notes.mjs');
    const good = await run(process.execPath, [script, `v${pkg.version}`]);
    expect(good.stdout.trim()).toBe(changelogSections(changelog).get(pkg.version));
    const bad = await run(process.execPath, [script, 'v999.0.0']).catch((error: unknown) => error);
    expect(bad).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `release-notes: tag "v999.0.0" is not v${pkg.version}, the version in package.json\n`,
    });
  });
});
