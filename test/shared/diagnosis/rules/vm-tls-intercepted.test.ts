import { diagnose } from '@src/shared/diagnosis';
import { rule } from '@src/shared/diagnosis/rules/vm-tls-intercepted';
import { describe, expect, it } from 'vitest';
import { evaluatorFor } from '../snapshot-builder';
import { stopped, tls, vmSide } from './vm-side-snapshots';

const evaluate = evaluatorFor(rule);
const ZSCALER = 'C=US; ST=California; O=Zscaler Inc.; CN=Zscaler Intermediate Root CA (zscalertwo.net)';
const intercepted = () =>
  vmSide({
    tls: [tls({ verified: false, verifyError: 'unable to get local issuer certificate', issuer: ZSCALER })],
  });

describe('vm-tls-intercepted', () => {
  it('names the issuer the VM saw and how to add the CA to minikube', () => {
    expect(evaluate(intercepted())).toEqual({
      id: 'vm-tls-intercepted',
      severity: 'error',
      title: `HTTPS from the VM is re-signed by a CA the VM does not trust (issuer: ${ZSCALER}).`,
      detail: expect.stringContaining('`~/.minikube/certs/` and run `minikube start --embed-certs`'),
      evidence: [
        'VM → https://registry.k8s.io:443: TCP connected, certificate refused: unable to get local issuer certificate',
        `certificate the VM saw for registry.k8s.io:443: issuer ${ZSCALER}`,
      ],
      fix: null,
    });
    expect(diagnose(intercepted()).verdict).toBe('red');
  });

  it('stays silent when the certificate is trusted, nothing was tried, or the VM is not running', () => {
    expect(evaluate(vmSide())).toBeNull();
    expect(
      evaluate(vmSide({ tls: [tls({ tried: false, connected: false, handshake: false, verified: null })] })),
    ).toBeNull();
    expect(evaluate(vmSide({ tls: [] }))).toBeNull();
    expect(evaluate(stopped(intercepted()))).toBeNull();
    expect(diagnose(stopped(intercepted())).findings.map((f) => f.id)).toEqual(['vm-not-running']);
  });
});
