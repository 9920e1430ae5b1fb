import { diagnosisMarkdown } from '@src/main/report/markdown';
import { applyMutes } from '@src/shared/mute';
import { describe, expect, it } from 'vitest';
import { fixedDiagnosis, seedDiagnosis } from '../fixtures';

const CONTEXT = { checkedAt: '2025-01-01T10:00:00.000Z', generator: 'Bridgelight 0.1.0 on darwin 23.5.0' };

describe('diagnosisMarkdown', () => {
  const text = diagnosisMarkdown(seedDiagnosis(), CONTEXT);

  it('leads with the verdict and when it was checked', () => {
    expect(text.split('\n')[0]).toBe('## Bridgelight: BROKEN (✕ red)');
    expect(text).toContain('Checked at 2025-01-01T10:00:00.000Z · Bridgelight 0.1.0 on darwin 23.5.0.');
  });

  it('has a hops table with one row per hop, in path order', () => {
    const lines = text.split('\n');
    const head = lines.indexOf('| Hop | Light | Summary |');
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toBe('| --- | --- | --- |');
    expect(lines.slice(head + 2, head + 8)).toEqual([
      '| VM | ✓ green | VM Running, default via 192.168.77.1 on eth0 |',
      '| Bridge | ✓ green | bridge100 holds 192.168.77.1 (members vmenet0, vmenet1) |',
      '| NAT | ✕ red | NAT translates to 172.2.9.61 — a stale address |',
      '| Egress | ▲ yellow | en0 has 2 IPv4 addresses |',
      '| Gateway | ✓ green | default via 172.2.2.2 on en0 |',
      '| Internet | ✓ green | the host reaches 2/2 probe targets |',
    ]);
  });

  it('lists the stale address as the NAT source, with its role and evidence', () => {
    expect(text).toContain('- Egress: en0, gateway 172.2.2.2, NAT source 172.2.9.61');
    expect(text).toMatch(/^\| 172\.2\.9\.61\/16 \(NAT source\) \| stale \| not the DHCP lease/m);
    expect(text).toMatch(/^\| 172\.2\.3\.10\/16 \| dhcp \| /m);
    expect(text).toContain('- Bridge: bridge100 192.168.77.1, members vmenet0, vmenet1');
  });

  it('gives each finding its evidence and the exact fix command in a shell block', () => {
    expect(text).toContain('### error: NAT translates VM traffic to 172.2.9.61, a stale address. (`nat-source-stale`)');
    expect(text).toContain('- bound probe 172.2.9.61 → 198.51.100.10:443 failed: timeout');
    expect(text).toContain('```sh\nsudo ifconfig en0 delete 172.2.9.61\n```');
    expect(text).toContain('### warning: en0 carries 2 IPv4 addresses. (`egress-multiple-ipv4`)');
  });

  it('keeps the path’s verdict and says which findings the user muted', () => {
    const muted = diagnosisMarkdown(applyMutes(seedDiagnosis(), [{ id: 'nat-source-stale', vm: null }]), CONTEXT);
    expect(muted.split('\n')[0]).toBe('## Bridgelight: BROKEN (✕ red)');
    expect(muted).toContain('### error (muted by the user): NAT translates VM traffic to 172.2.9.61');
    expect(muted).toContain('### warning: en0 carries 2 IPv4 addresses.');
  });

  it('keeps table rows intact when a summary holds a pipe or a line break', () => {
    const diagnosis = seedDiagnosis();
    diagnosis.hops[0]!.summary = 'a | b\nc';
    const row = diagnosisMarkdown(diagnosis, CONTEXT)
      .split('\n')
      .find((line) => line.startsWith('| VM |'));
    expect(row).toBe('| VM | ✓ green | a \\| b c |');
  });

  it('says when there is nothing wrong', () => {
    const healthy = diagnosisMarkdown(fixedDiagnosis(), { checkedAt: null });
    expect(healthy).toContain('## Bridgelight: ALL CLEAR');
    expect(healthy).toContain('Not checked yet.');
    expect(healthy).toMatch(/### Findings\n\nNone\.\n$/);
  });
});
