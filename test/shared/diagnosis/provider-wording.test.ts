// Rules and hops speak of a VM's provider only through its wording (src/shared/providers/), so a new provider
// changes no rule. The finding ids that name minikube are a public contract and stay as they are.
import { readdirSync, readFileSync } from 'node:fs';
import { FINDING_IDS } from '@src/shared/finding-ids';
import { describe, expect, it } from 'vitest';

const diagnosisDir = new URL('../../../src/shared/diagnosis/', import.meta.url);

function sources(): Array<[string, string]> {
  const files = readdirSync(diagnosisDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  return files.map((name) => [name, readFileSync(new URL(name, diagnosisDir), 'utf8')]);
}

describe('provider wording', () => {
  it('reads every rule and hop file', () => {
    const names = sources().map(([name]) => name);
    expect(names).toContain('hops.ts');
    expect(names).toContain('rules/vm-not-running.ts');
  });

  it('no rule or hop spells a tool name itself', () => {
    const ids = FINDING_IDS.filter((id) => id.includes('minikube'));
    const spelled = sources().flatMap(([name, text]) => {
      const withoutIds = ids.reduce((rest, id) => rest.split(`'${id}'`).join(''), text);
      return withoutIds
        .split('\n')
        .map((line, index) => ({ name, line: index + 1, text: line }))
        .filter(({ text: line }) => /minikube/i.test(line) && !/^\s*import\b/.test(line));
    });
    expect(spelled).toEqual([]);
  });
});
