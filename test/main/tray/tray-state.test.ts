import { TRAY_GLYPH, trayImage, trayPresentation, worstHop } from '@src/main/tray/tray-state';
import type { Light } from '@src/shared/model';
import { applyMutes, type Mute } from '@src/shared/mute';
import { describe, expect, it } from 'vitest';
import { fixedDiagnosis, secondAddressDiagnosis, seedDiagnosis, unknownDiagnosis } from '../fixtures';

const LIGHTS: Light[] = ['green', 'yellow', 'red', 'unknown'];

describe('trayPresentation', () => {
  it('maps each verdict to its own template image', () => {
    expect(trayPresentation(fixedDiagnosis(), false).image).toBe('tray/tray-greenTemplate.png');
    expect(trayPresentation(secondAddressDiagnosis('10.9.9.9'), false).image).toBe('tray/tray-yellowTemplate.png');
    expect(trayPresentation(seedDiagnosis(), false).image).toBe('tray/tray-redTemplate.png');
    expect(trayPresentation(unknownDiagnosis(), false).image).toBe('tray/tray-unknownTemplate.png');
    expect(trayPresentation(null, true).image).toBe('tray/tray-unknownTemplate.png');
  });

  it('gives every light a different glyph, so the state reads without colour', () => {
    const glyphs = LIGHTS.map((light) => TRAY_GLYPH[light]);
    expect(new Set(glyphs).size).toBe(4);
    for (const glyph of glyphs) expect(glyph.trim()).not.toBe('');
    expect(trayPresentation(seedDiagnosis(), false).title).toBe(TRAY_GLYPH.red);
    expect(trayPresentation(fixedDiagnosis(), false).title).toBe(TRAY_GLYPH.green);
  });

  it('names the verdict and the worst hop in the tooltip', () => {
    expect(trayPresentation(seedDiagnosis(), false).tooltip).toBe(
      'Bridgelight — broken: NAT translates to 172.2.9.61 — a stale address',
    );
    expect(trayPresentation(secondAddressDiagnosis('10.9.9.9'), false).tooltip).toBe(
      'Bridgelight — degraded: en0 has 2 IPv4 addresses',
    );
    expect(trayPresentation(fixedDiagnosis(), false).tooltip).toBe('Bridgelight — all clear');
    expect(trayPresentation(unknownDiagnosis(), false).tooltip).toBe(
      "Bridgelight — unknown: VM (no minikube data); Bridge (the VM's gateway is unknown); NAT (NAT source unknown: the addresses of en0 were not col…",
    );
  });

  it('leaves muted findings out of the light, and says how many are muted', () => {
    const muted = (...ids: Mute['id'][]) =>
      trayPresentation(
        applyMutes(
          seedDiagnosis(),
          ids.map((id) => ({ id, vm: null })),
        ),
        false,
      );
    expect(muted('nat-source-stale')).toEqual({
      image: 'tray/tray-yellowTemplate.png',
      title: TRAY_GLYPH.yellow,
      tooltip: 'Bridgelight — degraded (1 muted)',
    });
    expect(muted('nat-source-stale', 'egress-multiple-ipv4').image).toBe('tray/tray-greenTemplate.png');
    // A muted warning does not take back the red of an error still heard.
    expect(muted('egress-multiple-ipv4')).toMatchObject({
      image: 'tray/tray-redTemplate.png',
      tooltip: 'Bridgelight — broken: NAT translates to 172.2.9.61 — a stale address (1 muted)',
    });
    // Fails closed: what nobody could see stays unknown.
    const unknown = applyMutes(unknownDiagnosis(), [{ id: 'input-unparseable', vm: null }]);
    expect(trayPresentation(unknown, false).image).toBe('tray/tray-unknownTemplate.png');
  });

  it('says when it is checking', () => {
    expect(trayPresentation(null, true).tooltip).toBe('Bridgelight — checking…');
    expect(trayPresentation(null, false).tooltip).toBe('Bridgelight — no check yet');
    expect(trayPresentation(seedDiagnosis(), true).tooltip).toMatch(/\(re-checking…\)$/);
  });

  it('keeps the tooltip to one short line', () => {
    const diagnosis = seedDiagnosis();
    diagnosis.hops[2]!.summary = `NAT\ntranslates ${'very '.repeat(60)}badly.`;
    const { tooltip } = trayPresentation(diagnosis, false);
    expect(tooltip).not.toMatch(/\n/);
    expect(tooltip.length).toBeLessThanOrEqual('Bridgelight — broken: '.length + 120);
    expect(tooltip.endsWith('…')).toBe(true);
  });

  it('picks the worst hop, earliest on the path among equals', () => {
    const diagnosis = seedDiagnosis();
    expect(worstHop(diagnosis.hops)?.id).toBe('nat');
    diagnosis.hops[0]!.light = 'red';
    expect(worstHop(diagnosis.hops)?.id).toBe('vm');
    expect(worstHop([])).toBeNull();
  });

  it('names images so the @2x variant sits beside each', () => {
    for (const light of LIGHTS)
      expect(trayImage(light)).toMatch(/^tray\/tray-(green|yellow|red|unknown)Template\.png$/);
  });
});
