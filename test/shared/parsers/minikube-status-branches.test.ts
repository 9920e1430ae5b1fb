// Each rule of `minikube status` reading that the captures do not single out: the error line for each kind of
// text that is not a status, the name's fallbacks, the control-plane block of plain text, trimmed words.
import { parseMinikubeStatus } from '@src/shared/parsers/minikube-status';
import { describe, expect, it } from 'vitest';

const status = (name: string | null, state: string) => ({ ok: true, value: { name, state } });

describe('minikube status: the error line of a text that is not a status', () => {
  it.each([
    ['', 'minikube status: empty output'],
    [' \n\t\n', 'minikube status: empty output'],
    ['\n   🤷  Profile "nope" not found.  \nsecond line\n', 'minikube status: 🤷  Profile "nope" not found.'],
    [`${'x'.repeat(250)}\n`, `minikube status: ${'x'.repeat(200)}`],
    ['{"Name":"minikube","Kubelet":"Running"}', 'minikube status: JSON without a host state'],
    ['[]', 'minikube status: JSON without a host state'],
    ['[1, "a"]', 'minikube status: JSON without a host state'],
    ['{"Name":"p","StatusCode":999}', 'minikube status: JSON without a host state'],
    ['{"Name":"p","StatusCode":"200"}', 'minikube status: JSON without a host state'],
    ['{"Name":"p","Host":"  "}', 'minikube status: JSON without a host state'],
  ])('%j → %j', (text, error) => {
    expect(parseMinikubeStatus(text)).toEqual({ ok: false, error });
  });
});

describe('minikube status: names and states', () => {
  it('trims the legacy Host and Name, and a blank Name is no name', () => {
    expect(parseMinikubeStatus('{"Name":" dev ","Host":" Running "}')).toEqual(status('dev', 'Running'));
    expect(parseMinikubeStatus('{"Name":"  ","Host":"Stopped"}')).toEqual(status(null, 'Stopped'));
  });

  it('a cluster layout without a Name takes its first node object’s name; without either it has none', () => {
    expect(parseMinikubeStatus('{"StatusCode":200,"Nodes":["x",{"Name":" m01 ","StatusName":" OK "}]}')).toEqual(
      status('m01', 'Running'),
    );
    expect(parseMinikubeStatus('{"StatusName":"Stopped"}')).toEqual(status(null, 'Stopped'));
  });

  it('a node without a state leaves the cluster’s own; a blank StatusName falls back to the code', () => {
    expect(parseMinikubeStatus('{"Name":"p","StatusName":"Paused","Nodes":[{"Name":"p"}]}')).toEqual(
      status('p', 'Paused'),
    );
    expect(parseMinikubeStatus('{"Name":"p","StatusName":" ","StatusCode":201}')).toEqual(status('p', 'Running'));
    expect(parseMinikubeStatus('{"Name":"p","StatusCode":203}')).toEqual(status('p', 'Running'));
    expect(parseMinikubeStatus('{"Name":"p","StatusCode":100}')).toEqual(status('p', 'Starting'));
  });

  it('an array with no legacy control plane takes its first object, skipping non-objects', () => {
    expect(parseMinikubeStatus('[7, {"Name":"w","Host":"Running","Worker":true}]')).toEqual(status('w', 'Running'));
  });

  it('skips a JSON value that is no status and reads the next one', () => {
    expect(parseMinikubeStatus('{"level":"warn"}\n{"Name":"m","Host":"Paused"}\n')).toEqual(status('m', 'Paused'));
  });
});

describe('minikube status: plain text', () => {
  it('takes the Control Plane block wherever it is, with its name line', () => {
    const text = [
      'demo-m02',
      'type: Worker',
      'host: Stopped',
      'kubelet: Stopped',
      '',
      'demo',
      'type: Control Plane',
      'host: Running',
      'kubelet: Running',
      '',
    ].join('\n');
    expect(parseMinikubeStatus(text)).toEqual(status('demo', 'Running'));
  });

  it('without a Control Plane block takes the first block that has a host, and reads keys in any case', () => {
    const text = ['notes only', '', 'w1', 'type: Worker', 'Host:  Paused ', '', 'w2', 'type: Worker', 'host: Running'];
    expect(parseMinikubeStatus(text.join('\n'))).toEqual(status('w1', 'Paused'));
  });

  it('a name line that is not a machine name is no name; a blank host is no status', () => {
    expect(parseMinikubeStatus('my profile\ntype: Control Plane\nhost: Running\n')).toEqual(status(null, 'Running'));
    expect(parseMinikubeStatus('minikube\nhost: \nkubelet: Running\n')).toEqual({
      ok: false,
      error: 'minikube status: minikube',
    });
  });

  it('blocks split by a line of spaces, with CRLF ends', () => {
    const text = 'a\r\ntype: Worker\r\nhost: Stopped\r\n  \r\nb\r\ntype: control plane\r\nhost: Running\r\n';
    expect(parseMinikubeStatus(text)).toEqual(status('b', 'Running'));
  });
});
