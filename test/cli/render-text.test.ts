import { renderText } from '@src/cli/render-text';
import { createStyle } from '@src/cli/style';
import { diagnose, diagnoseAll } from '@src/shared/diagnosis';
import { describe, expect, it } from 'vitest';
import { fixedDiagnosis, unknownDiagnosis } from '../main/fixtures';
import {
  fullTunnelVpn,
  limaUserMode,
  seedSnapshot,
  seedVmFailing,
  vmProbe,
  vmRunning,
  vmTarget,
  withVms,
} from '../shared/diagnosis/snapshot-builder';

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

describe('check text: several VMs', () => {
  const several = () => diagnoseAll(withVms(seedSnapshot(), [seedVmFailing(), limaUserMode()]));

  it('draws one path per VM under its own heading, and the host part once', () => {
    const text = renderText(several(), plain);
    const lines = text.split('\n');
    expect(lines[0]).toBe('bridgelight · 2 VMs → internet   ✕ BROKEN');
    expect(lines).toContain('minikube/minikube (unknown, bridge100)   ✕ BROKEN');
    expect(lines).toContain('lima/default (user-mode)   ✓ ALL CLEAR');
    expect(lines.filter((line) => line.startsWith('  ✓  VM ') || line.startsWith('  ✕  VM '))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('en0 addresses'))).toHaveLength(1);
  });

  it("names the VM a finding belongs to, and not the host's findings", () => {
    expect(headers(renderText(several(), plain))).toEqual([
      '✕ ERROR  NAT translates VM traffic to 172.2.9.61, a stale address. [nat-source-stale]',
      '↳ CONSEQUENCE of [nat-source-stale]  minikube/minikube: The VM cannot reach its probe target 198.51.100.10:443. [vm-internet-unreachable]',
      '▲ WARNING  en0 carries 2 IPv4 addresses. [egress-multiple-ipv4]',
    ]);
  });

  it('reads as it always did for one VM', () => {
    const snapshot = seedSnapshot({ vm: seedVmFailing() });
    expect(renderText(diagnoseAll(snapshot), plain)).toBe(renderText(diagnose(snapshot), plain));
  });
});
