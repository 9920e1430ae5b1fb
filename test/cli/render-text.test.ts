import { renderText } from '@src/cli/render-text';
import { createStyle } from '@src/cli/style';
import { diagnose } from '@src/shared/diagnosis';
import { describe, expect, it } from 'vitest';
import { fixedDiagnosis, unknownDiagnosis } from '../main/fixtures';
import { fullTunnelVpn, seedSnapshot, vmProbe, vmRunning, vmTarget } from '../shared/diagnosis/snapshot-builder';

const plain = createStyle(false);

describe('renderText', () => {
  it('draws a hop that is not on the VM path as such, without a light', () => {
    const diagnosis = fixedDiagnosis();
    diagnosis.hops[2] = { id: 'nat', light: 'unknown', summary: "the runtime's own network", onPath: false };
    const text = renderText(diagnosis, plain);
    expect(text).toContain("  –  NAT       not on this path (the runtime's own network)\n");
    expect(text).not.toMatch(/\?\s+NAT/);
    expect(text).not.toContain('not known:');
  });

  it('names each unknown hop on the path and why, under the headline', () => {
    const lines = renderText(unknownDiagnosis(), plain).split('\n');
    expect(lines[0]).toMatch(/\? UNKNOWN$/);
    expect(lines[1]).toMatch(/^\? not known: VM \(no minikube data\); Bridge \(the VM's gateway is unknown\); NAT \(/);
  });
});
const headers = (text: string) => text.split('\n').filter((line) => /^\S.*\[[a-z0-9-]+\]$/.test(line));

describe('check text: root cause first', () => {
  it('shows the VM failure under the stale NAT source as its consequence, not as a second error', () => {
    const failing = vmRunning(vmProbe({ targets: [vmTarget('registry-1.docker.io:443', false)] }));
    expect(headers(renderText(diagnose(seedSnapshot({ vm: failing })), plain))).toEqual([
      '✕ ERROR  NAT translates VM traffic to 172.2.9.61, a stale address. [nat-source-stale]',
      '↳ CONSEQUENCE of [nat-source-stale]  The VM cannot reach its probe target registry-1.docker.io:443. [vm-internet-unreachable]',
      '▲ WARNING  en0 carries 2 IPv4 addresses. [egress-multiple-ipv4]',
    ]);
  });

  it('shows the VM failure under a VPN holding the default route', () => {
    const text = renderText(diagnose(fullTunnelVpn(false)), plain);
    expect(headers(text).map((line) => line.split('  ')[0])).toEqual([
      '✕ ERROR',
      '↳ CONSEQUENCE of [vpn-default-route]',
    ]);
  });

  it('shows the VM failure as an error of its own when nothing explains it', () => {
    const text = renderText(diagnose(seedSnapshot({ vm: vmRunning(vmProbe({ targets: [] })) })), plain);
    expect(text).not.toContain('CONSEQUENCE');
  });
});
