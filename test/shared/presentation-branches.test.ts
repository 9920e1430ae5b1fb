import type { FindingId } from '@src/shared/finding-ids';
import type { Diagnosis, Finding, Hop, HopId, Light } from '@src/shared/model';
import { causeOf, rootCauseFirst, unknownLine, verdictReason, worstHop } from '@src/shared/presentation';
import { describe, expect, it } from 'vitest';

const hop = (id: HopId, light: Light, summary: string, onPath = true): Hop => ({ id, light, summary, onPath });

const finding = (id: FindingId, causes?: FindingId[]): Finding => ({
  id,
  severity: 'error',
  title: id,
  detail: '',
  evidence: [],
  fix: null,
  ...(causes ? { causes } : {}),
});

const diagnosis = (verdict: Light, hops: Hop[]): Diagnosis => ({
  verdict,
  egress: null,
  bridge: null,
  vm: null,
  hops,
  findings: [],
});

describe('worstHop and unknownLine skip hops off the path', () => {
  it('never picks a hop that is not on the path, however bad', () => {
    expect(worstHop([hop('vm', 'red', 'off', false), hop('bridge', 'yellow', 'on')])?.id).toBe('bridge');
    expect(worstHop([hop('vm', 'red', 'off', false)])).toBeNull();
  });

  it('names each unknown hop on the path with its reason, in path order', () => {
    const hops = [
      hop('vm', 'green', 'up'),
      hop('bridge', 'unknown', "the VM's gateway is unknown"),
      hop('nat', 'unknown', 'no egress interface known'),
      hop('egress', 'unknown', 'not asked', false),
      hop('gateway', 'red', 'down'),
    ];
    expect(unknownLine(hops)).toBe("Bridge (the VM's gateway is unknown); NAT (no egress interface known)");
    expect(unknownLine([hop('vm', 'green', 'up'), hop('nat', 'unknown', 'x', false)])).toBeNull();
  });
});

describe('verdictReason', () => {
  it('is what is unknown when the verdict is unknown', () => {
    const hops = [hop('vm', 'yellow', 'slow'), hop('nat', 'unknown', 'no egress interface known')];
    expect(verdictReason(diagnosis('unknown', hops))).toBe('NAT (no egress interface known)');
  });

  it("is the worst hop's summary otherwise, and null when the worst hop is green", () => {
    const hops = [hop('vm', 'green', 'up'), hop('nat', 'yellow', 'NAT source is stale')];
    expect(verdictReason(diagnosis('yellow', hops))).toBe('NAT source is stale');
    expect(verdictReason(diagnosis('green', [hop('vm', 'green', 'up')]))).toBeNull();
    expect(verdictReason(diagnosis('red', []))).toBeNull();
  });
});

describe('causeOf and rootCauseFirst', () => {
  it('finds the other finding that names this one among its causes; a finding is never its own cause', () => {
    const root = finding('vpn-default-route', ['nat-source-stale']);
    const consequence = finding('nat-source-stale');
    const selfish = finding('vm-dns-failure', ['vm-dns-failure']);
    const all = [consequence, root, selfish];
    expect(causeOf(all, consequence)).toBe(root);
    expect(causeOf(all, root)).toBeUndefined();
    expect(causeOf(all, selfish)).toBeUndefined();
  });

  it('moves each consequence to just after its cause, the rest in their order', () => {
    const a = finding('vm-not-running');
    const consequence = finding('nat-source-stale');
    const root = finding('vpn-default-route', ['nat-source-stale']);
    const b = finding('vm-dns-failure');
    expect(rootCauseFirst([a, consequence, root, b])).toEqual([a, root, consequence, b]);
  });
});
