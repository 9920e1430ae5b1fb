// docs/architecture.md tells where each kind of change goes: every file it names must exist.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/architecture.md', root), 'utf8');
const named = [...doc.matchAll(/`((?:src|test|resources|docs)\/[^`\s]+|eslint\.config\.js)`/g)].map((m) => m[1]!);

describe('docs/architecture.md', () => {
  it('names the files a change touches', () => {
    expect(named).toEqual(
      expect.arrayContaining(['eslint.config.js', 'src/node/providers/port.ts', 'src/shared/ipc-channels.ts']),
    );
  });

  it.each(named)('%s exists', (path) => {
    expect(existsSync(new URL(path.replace(/\/$/, ''), root))).toBe(true);
  });

  it('keeps the section headings others add to', () => {
    for (const heading of [
      '## Adding a provider',
      '## Adding a collector',
      '## Adding a finding',
      '## Adding an IPC call',
    ])
      expect(doc).toContain(heading);
  });
});
