import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../../../src/shared/diagnosis/facts';
import { rule } from '../../../../src/shared/diagnosis/rules/input-unparseable';
import { healthySnapshot, unparseableInputs } from '../snapshot-builder';

describe('input-unparseable', () => {
  it('lists every unparseable or refused input, and not the missing ones', () => {
    expect(rule.evaluate(deriveFacts(unparseableInputs()))).toMatchObject({
      id: 'input-unparseable',
      severity: 'warning',
      title: '2 inputs could not be read.',
      evidence: ['netstat-rn.txt: no "Internet:" section', 'ifconfig.txt: 9437184 bytes, over the 8 MiB limit'],
      fix: null,
    });
  });

  it('stays silent when every input was read or merely missing', () => {
    expect(rule.evaluate(deriveFacts(healthySnapshot()))).toBeNull();
    const missingOnly = healthySnapshot({ inputs: [{ source: 'probes.json', problem: 'missing', detail: 'absent' }] });
    expect(rule.evaluate(deriveFacts(missingOnly))).toBeNull();
  });
});
