import { readFileSync } from 'node:fs';
import { type MinikubeStatus, parseMinikubeStatus } from '@src/shared/parsers/minikube-status';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../fixtures/real/minikube-status/${path}`, import.meta.url), 'utf8');

function statusOf(text: string): MinikubeStatus {
  const result = parseMinikubeStatus(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const legacy = (name: string, host: string, worker: boolean) =>
  JSON.stringify({ Name: name, Host: host, Kubelet: host, APIServer: host, Kubeconfig: 'Configured', Worker: worker });

describe('parseMinikubeStatus on the real captures', () => {
  it.each([
    ['pr8813-old-json-paused.json', { name: 'minikube', state: 'Running' }],
    // --layout cluster: the node's OK is its host running; the cluster's Paused is about the API server.
    ['issue9352-layout-cluster-json-v1.12.2-paused.json', { name: 'minikube', state: 'Running' }],
    ['issue8921-layout-cluster-json-jq-pretty.json', { name: 'v119', state: 'Running' }],
    ['issue14117-apiserver-stopped.txt', { name: 'minikube', state: 'Running' }],
    ['issue14396-all-stopped.txt', { name: 'minikube', state: 'Stopped' }],
    ['issue20304-kubelet-apiserver-stopped.txt', { name: 'minikube', state: 'Running' }],
    ['pr8238-multinode-3-nodes.txt', { name: 'minikube', state: 'Running' }],
  ])('%s', (file, expected) => {
    expect(statusOf(fixture(file))).toEqual(expected);
  });

  it('rejects `minikube ip` output, naming what it saw', () => {
    expect(parseMinikubeStatus(fixture('minikube-ip-issue18747-static-ip.txt'))).toEqual({
      ok: false,
      error: 'minikube status: 192.168.65.49',
    });
  });
});

describe('parseMinikubeStatus on the other shapes minikube prints', () => {
  it('finds the JSON after a klog error line and a warning line', () => {
    const text = `E1126 10:04:05.123456   4242 status.go:260] status error: host: state: unknown state\n❗  This is a warning: [x]\n${legacy('minikube', 'Stopped', false)}\n`;
    expect(statusOf(text)).toEqual({ name: 'minikube', state: 'Stopped' });
  });

  it('takes the control plane from a multi-node array, whatever its position', () => {
    const array = `[${legacy('demo-m02', 'Stopped', true)},${legacy('demo', 'Running', false)}]`;
    expect(statusOf(array)).toEqual({ name: 'demo', state: 'Running' });
  });

  it('takes the first entry of an array when none says Worker false', () => {
    expect(statusOf(`[{"Name":"a","Host":"Paused"},{"Name":"b","Host":"Running"}]`)).toEqual({
      name: 'a',
      state: 'Paused',
    });
  });

  it('reads the legacy object pretty-printed by jq, and Nonexistent', () => {
    expect(statusOf(JSON.stringify({ Name: 'gone', Host: 'Nonexistent', Worker: false }, null, 2))).toEqual({
      name: 'gone',
      state: 'Nonexistent',
    });
  });

  it.each([
    [
      {
        Name: 'p',
        StatusCode: 405,
        StatusName: 'Stopped',
        Nodes: [{ Name: 'p', StatusCode: 405, StatusName: 'Stopped' }],
      },
      'Stopped',
    ],
    [{ Name: 'p', StatusCode: 200, StatusName: 'OK', Nodes: [{ Name: 'p', StatusCode: 418 }] }, 'Paused'],
    [{ Name: 'p', StatusCode: 200, StatusName: 'OK', Nodes: [{ Name: 'p', StatusCode: 404 }] }, 'Nonexistent'],
    [{ Name: 'p', StatusCode: 507, StatusName: 'InsufficientStorage', Nodes: [] }, 'InsufficientStorage'],
    [{ Name: 'p', StatusCode: 110, StatusName: 'Stopping' }, 'Stopping'],
    [{ Name: 'p', StatusCode: 204 }, 'Running'],
    [{ Name: 'p', StatusCode: 500, Nodes: [{ Name: 'p', StatusName: '' }] }, 'Error'],
  ])('maps cluster layout %j to %s', (json, state) => {
    expect(statusOf(JSON.stringify(json))).toEqual({ name: 'p', state });
  });

  it('reads plain text preceded by a warning, with CRLF ends', () => {
    const text =
      '❗  Executing "docker container inspect" took an unusually long time\r\nminikube\r\ntype: Control Plane\r\nhost: Paused\r\n';
    expect(statusOf(text)).toEqual({ name: 'minikube', state: 'Paused' });
  });

  it('reads plain text without a name line', () => {
    expect(statusOf('host: Running\nkubelet: Running\n')).toEqual({ name: null, state: 'Running' });
  });

  it.each([
    [
      'a profile-not-found message',
      '🤷  Profile "nope" not found. Run "minikube profile list" to view all profiles.\n',
    ],
    ['JSON without a host state', '{"Name":"minikube","Kubelet":"Running"}'],
    ['a cluster layout with an unknown code and no name', '{"Name":"p","StatusCode":999}'],
    ['an empty array', '[]'],
    ['truncated JSON', fixture('issue8921-layout-cluster-json-jq-pretty.json').slice(0, 120)],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    expect(parseMinikubeStatus(text).ok).toBe(false);
  });
});
