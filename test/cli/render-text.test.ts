import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/cli/render-text';
import { createStyle } from '../../src/cli/style';
import { fixedDiagnosis, unknownDiagnosis } from '../main/fixtures';

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
    expect(lines[1]).toMatch(/^\? not known: VM \(minikube did not answer in time\); Bridge \(/);
  });
});
