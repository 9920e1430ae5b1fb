import { createWatchPrinter, watchLine } from '@src/cli/commands/watch';
import { createStyle } from '@src/cli/style';
import { diagnoseAll } from '@src/shared/diagnosis';
import { describe, expect, it } from 'vitest';
import { secondAddressDiagnosis, seedDiagnosis, unknownDiagnosis, update } from '../main/fixtures';
import { limaUserMode, seedSnapshot, seedVmFailing, withVms } from '../shared/diagnosis/snapshot-builder';

const plain = createStyle(false);

function printed(json: boolean, ...updates: ReturnType<typeof update>[]): string[] {
  const lines: string[] = [];
  const print = createWatchPrinter((text) => lines.push(text), json, plain);
  for (const next of updates) print(next);
  return lines;
}

describe('watch lines', () => {
  it('says the verdict, the finding ids and the worst hop', () => {
    expect(watchLine(update(seedDiagnosis(), '2026-01-01T10:00:05.000Z'), plain)).toBe(
      '10:00:05  ✕ BROKEN    nat-source-stale, egress-multiple-ipv4 — NAT translates to 172.2.9.61 — a stale address\n',
    );
  });

  it('names what is unknown and why when the verdict is unknown', () => {
    expect(watchLine(update(unknownDiagnosis()), plain)).toContain(
      "? UNKNOWN   input-unparseable — VM (no minikube data); Bridge (the VM's gateway is unknown); NAT (",
    );
  });

  it('prints a line only when what it says changes, not when only evidence or the time does', () => {
    const seed = seedDiagnosis();
    const sameWords = seedDiagnosis();
    sameWords.findings[0]!.evidence.push('one more line of evidence');
    const lines = printed(
      false,
      update(seed, '2026-01-01T10:00:00.000Z'),
      update(sameWords, '2026-01-01T10:00:01.000Z'),
      update(seedDiagnosis(), '2026-01-01T10:00:02.000Z'),
      update(secondAddressDiagnosis('10.9.9.9'), '2026-01-01T10:00:03.000Z'),
      update(seedDiagnosis(), '2026-01-01T10:00:04.000Z'),
    );
    expect(lines.map((line) => line.slice(0, 8))).toEqual(['10:00:00', '10:00:03', '10:00:04']);
  });

  it('in JSON prints every change of the diagnosis, and never the same one twice in a row', () => {
    const sameWords = seedDiagnosis();
    sameWords.findings[0]!.evidence.push('one more line of evidence');
    const lines = printed(true, update(seedDiagnosis()), update(seedDiagnosis()), update(sameWords));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!).findings[0].evidence).toContain('one more line of evidence');
  });
});

describe('watch lines: several VMs', () => {
  const twoVms = (limaOk: boolean) => diagnoseAll(withVms(seedSnapshot(), [seedVmFailing(), limaUserMode(limaOk)]));

  it('starts with a line per VM, naming it, then prints only the VM whose words changed', () => {
    const lines = printed(
      false,
      update(twoVms(true), '2026-01-01T10:00:00.000Z'),
      update(twoVms(true), '2026-01-01T10:00:01.000Z'),
      update(twoVms(false), '2026-01-01T10:00:02.000Z'),
    );
    expect(lines.map((line) => line.split('  ').slice(0, 2).join('  '))).toEqual([
      '10:00:00  minikube/minikube',
      '10:00:00  lima/default',
      '10:00:02  lima/default',
    ]);
    expect(lines[1]).toContain('✓ ALL CLEAR');
    expect(lines[2]).not.toContain('✓ ALL CLEAR');
  });
});
