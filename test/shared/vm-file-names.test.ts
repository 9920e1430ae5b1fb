import { fileSafeName, vmFile } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';

const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

describe("a VM's own bundle files", () => {
  it('keep a plain name as it is', () => {
    expect(vmFile('lima', 'default', 'vm-probe.txt')).toBe('lima.default.vm-probe.txt');
    expect(vmFile('minikube', 'dev-2.k8s', 'minikube-status.json')).toBe('minikube.dev-2.k8s.minikube-status.json');
  });

  it('escape what a listed name may hold and a file name may not: spaces, slashes, colons, non-ASCII', () => {
    const names = ['Ubuntu 24.04', 'ghcr.io/cirruslabs/macos-sequoia-base:latest', 'Débian', '../etc', 'a_20b', 'a b'];
    const files = names.map((name) => vmFile('utm', name, 'vm-probe.txt'));
    for (const file of files) expect(file).toMatch(SAFE_FILE);
    expect(fileSafeName('Ubuntu 24.04')).toBe('Ubuntu_2024.04');
    expect(fileSafeName('ghcr.io/x:latest')).toBe('ghcr.io_2Fx_3Alatest');
    // `_` is escaped too, so a name that looks escaped never meets the one it looks like.
    expect(new Set(files).size).toBe(names.length);
  });

  it('stay under the file-name limit for the longest names, still apart', () => {
    const long = (tail: string) => `${'x'.repeat(190)}${tail}`;
    const [a, b] = [fileSafeName(long('a')), fileSafeName(long('b'))];
    expect(a.length).toBeLessThanOrEqual(121);
    expect(a).not.toBe(b);
    expect(vmFile('tart', `${'é'.repeat(200)}`, 'vm-probe.txt')).toMatch(SAFE_FILE);
    // A name kept whole is never as long as a shortened one, so the two kinds cannot collide.
    expect(fileSafeName('y'.repeat(120))).toHaveLength(120);
    expect(a).toHaveLength(121);
  });
});
