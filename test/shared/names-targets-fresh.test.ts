import { beforeEach, describe, expect, it, vi } from 'vitest';

// The name rules of names.ts and targets.ts are module-level patterns, built when the module loads; each test
// imports the module afresh so that a mutation run (Stryker) sees these tests build them, instead of leaving a
// changed pattern to whichever test loaded the module first.
const freshTargets = () => import('@src/shared/targets');
const freshNames = () => import('@src/shared/names');

beforeEach(() => {
  vi.resetModules();
});

const label = (length: number) => 'a'.repeat(length);

describe('DNS names a probe target may use', () => {
  it('takes one or several labels of letters, digits and inner hyphens, any case', async () => {
    const { isHostName } = await freshTargets();
    for (const name of ['a', 'registry.k8s.io', 'Example.COM', 'node1', '1host', 'a-b.c-d', 'x.y', 'a1.b2.c3'])
      expect(isHostName(name), name).toBe(true);
  });

  it('refuses a label that starts or ends with a hyphen, an empty label, and anything outside the alphabet', async () => {
    const { isHostName } = await freshTargets();
    for (const name of [
      '-a.com',
      'a-.com',
      'a.-com',
      'a.com-',
      'a..com',
      '.a.com',
      'a.com.',
      'a_b.com',
      'a b',
      'é.com',
    ])
      expect(isHostName(name), name).toBe(false);
    expect(isHostName('host;id')).toBe(false);
    expect(isHostName('ok.com\nevil')).toBe(false);
  });

  it('takes labels of up to 63 characters and names of up to 253', async () => {
    const { isHostName } = await freshTargets();
    expect(isHostName(label(63))).toBe(true);
    expect(isHostName(`${label(63)}.${label(63)}`)).toBe(true);
    expect(isHostName(label(64))).toBe(false);
    expect(isHostName(`a.${label(64)}`)).toBe(false);
    const at253 = [label(63), label(63), label(63), label(61)].join('.');
    expect(at253).toHaveLength(253);
    expect(isHostName(at253)).toBe(true);
    expect(isHostName(`${at253}a`)).toBe(false);
    expect(isHostName('')).toBe(false);
  });

  it('leaves all-numeric dotted names to the IPv4 rule', async () => {
    const { isHostName, parseTarget } = await freshTargets();
    expect(isHostName('1.2.3')).toBe(false);
    expect(isHostName('1.2.3.4')).toBe(false);
    expect(parseTarget('1.2.3:443')).toBeNull();
    expect(parseTarget('10.0.0.1:443')).toEqual({ host: '10.0.0.1', port: 443 });
    expect(parseTarget('a.1:443')).toEqual({ host: 'a.1', port: 443 });
  });

  it('probes Cloudflare’s and Google’s resolvers and the registry minikube pulls from, unless told otherwise', async () => {
    const { DEFAULT_PROBE_TARGETS, DEFAULT_DNS_NAME, parseTarget } = await freshTargets();
    expect(DEFAULT_PROBE_TARGETS).toEqual(['1.1.1.1:443', '8.8.8.8:443', 'registry.k8s.io:443']);
    expect(DEFAULT_PROBE_TARGETS.map(parseTarget)).not.toContain(null);
    expect(DEFAULT_DNS_NAME).toBe('registry.k8s.io');
  });
});

describe('interface names the helper may act on', () => {
  it('takes a lower-case letter then up to 14 letters or digits, and nothing around them', async () => {
    const { isInterfaceName } = await freshNames();
    for (const name of ['en0', 'bridge100', 'a', `a${'0'.repeat(14)}`]) expect(isInterfaceName(name), name).toBe(true);
    for (const name of ['', '0en', 'En0', 'en0 ', ' en0', 'en0;', 'x;en0', `a${'0'.repeat(15)}`, 'en-0', 'en0\n'])
      expect(isInterfaceName(name), JSON.stringify(name)).toBe(false);
  });
});

describe('VM names a tool may list', () => {
  it('takes letters and digits of any script first, then the punctuation VM names use', async () => {
    const { LISTED_VM_NAME } = await freshNames();
    for (const name of [
      'default',
      'k8s',
      '7',
      'Ubuntu 24.04 (arm)',
      'ghcr.io/cirruslabs/macos:latest',
      'ä-vm',
      'vm_1+2@x',
    ])
      expect(LISTED_VM_NAME.test(name), name).toBe(true);
  });

  it('refuses a leading option dash or punctuation, control and shell characters, and more than 200 characters', async () => {
    const { LISTED_VM_NAME } = await freshNames();
    for (const name of ['', '-rf', ' vm', '.vm', 'vm;id', 'vm$x', 'vm`x`', 'vm\nx', 'vm\u202ex', 'vm|x', 'vm*'])
      expect(LISTED_VM_NAME.test(name), JSON.stringify(name)).toBe(false);
    expect(LISTED_VM_NAME.test(`v${'m'.repeat(199)}`)).toBe(true);
    expect(LISTED_VM_NAME.test(`v${'m'.repeat(200)}`)).toBe(false);
    expect(LISTED_VM_NAME.test(`1${'2'.repeat(199)}`)).toBe(true);
    expect(LISTED_VM_NAME.test('vm 2')).toBe(true);
  });
});
