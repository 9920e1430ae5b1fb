import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { findingDocPath, findingDocUrl } from '@src/shared/finding-docs';
import { FINDING_IDS } from '@src/shared/finding-ids';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const SECTIONS = ['## What it means', '## How it is decided', '## Manual fix', '## Undo'];

describe('a page per finding', () => {
  it('has exactly one page for each finding id, and no page without an id', () => {
    const pages = readdirSync(new URL('docs/findings/', ROOT)).sort();
    expect(pages).toEqual(FINDING_IDS.map((id) => `${id}.md`).sort());
  });

  it.each(FINDING_IDS)('%s: titled with its id, names its rule file, has every section', (id) => {
    const page = read(findingDocPath(id));
    expect(page.split('\n')[0]).toMatch(new RegExp(`^# \`${id}\` — \\S`));
    const rule = `src/shared/diagnosis/rules/${id}.ts`;
    expect(page).toContain(`Rule: \`${rule}\``);
    expect(existsSync(new URL(rule, ROOT))).toBe(true);
    const positions = SECTIONS.map((heading) => page.indexOf(`\n${heading}\n`));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const [index, at] of positions.entries()) {
      const body = page.slice(at + SECTIONS[index]!.length + 2, positions[index + 1] ?? page.length).trim();
      expect(body.length, `${id}: ${SECTIONS[index]} is empty`).toBeGreaterThan(20);
    }
  });

  it('links pages between each other only to pages that exist', () => {
    for (const id of FINDING_IDS) {
      for (const [, target] of read(findingDocPath(id)).matchAll(/\]\(([^)]+\.md)\)/g)) {
        expect(existsSync(new URL(`docs/findings/${target}`, ROOT)), `${id} → ${target}`).toBe(true);
      }
    }
  });

  it('gives each id one https URL, each opened by the browser allow-list (tested there)', () => {
    const urls = FINDING_IDS.map(findingDocUrl);
    expect(urls).toHaveLength(new Set(urls).size);
    for (const id of FINDING_IDS) {
      const url = new URL(findingDocUrl(id));
      expect(url.protocol).toBe('https:');
      expect(url.pathname.endsWith(`/${findingDocPath(id)}`)).toBe(true);
    }
  });

  it('README lists exactly the finding ids', () => {
    const list = read('README.md').split('### Finding ids (stable)\n\n')[1]!.split('\n\n')[0]!;
    expect([...list.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1])).toEqual([...FINDING_IDS]);
  });
});
