import { rule } from '@src/shared/diagnosis/rules/input-unparseable';
import { describe, expect, it } from 'vitest';
import { evaluatorFor, healthySnapshot, unparseableInputs } from '../snapshot-builder';

const evaluate = evaluatorFor(rule);

describe('input-unparseable', () => {
  it('lists every unparseable or refused input, and not the missing ones', () => {
    expect(evaluate(unparseableInputs())).toMatchObject({
      id: 'input-unparseable',
      severity: 'warning',
      title: '2 inputs could not be read.',
      evidence: ['netstat-rn.txt: no "Internet:" section', 'ifconfig.txt: 9437184 bytes, over the 8 MiB limit'],
      fix: null,
    });
  });

  it('says "one input" for a single one', () => {
    const one = healthySnapshot({
      inputs: [{ source: 'netstat-rn.txt', problem: 'unparseable', detail: 'no header' }],
    });
    expect(evaluate(one)).toMatchObject({
      title: 'One input could not be read.',
      evidence: ['netstat-rn.txt: no header'],
    });
  });

  it('stays silent when every input was read or merely missing', () => {
    expect(evaluate(healthySnapshot())).toBeNull();
    const missingOnly = healthySnapshot({ inputs: [{ source: 'probes.json', problem: 'missing', detail: 'absent' }] });
    expect(evaluate(missingOnly)).toBeNull();
  });
});
