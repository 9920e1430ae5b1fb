// `minikube status -o json -p PROFILE` in every shape minikube has printed it, plus the plain-text layout.
// Only stdout is given, but stdout can still carry a klog line (`E1126 …`) or a `❗` warning before the JSON.

import { isRecord as isObject } from '../names';
import { type ParseResult, parsed, unparseable } from '../parse-result';
import { jsonValuesIn } from './json-values';

export interface MinikubeStatus {
  /** The profile (cluster layout) or the control-plane machine name (legacy and text); null when not printed. */
  name: string | null;
  /** minikube's word for the host: `Running`, `Stopped`, `Paused`, `Nonexistent`… */
  state: string;
}

type JsonObject = Record<string, unknown>;

/** minikube's codeNames (pkg/minikube/cluster/status.go), for a cluster layout that carries only a code. */
const CODE_NAMES = new Map<number, string>([
  [100, 'Starting'],
  [101, 'Pausing'],
  [102, 'Unpausing'],
  [103, 'Deleting'],
  [110, 'Stopping'],
  [120, 'Deleting'],
  [200, 'OK'],
  [201, 'HAppy'],
  [203, 'Warning'],
  [204, 'Degraded'],
  [404, 'NotFound'],
  [405, 'Stopped'],
  [418, 'Paused'],
  [500, 'Error'],
  [507, 'InsufficientStorage'],
  [520, 'Unknown'],
]);
/** A node's code is derived from its host state, so these names go back to the legacy `Host` words. */
const HOST_WORDS = new Map<string, string>([
  ['OK', 'Running'],
  ['HAppy', 'Running'],
  ['Warning', 'Running'],
  ['Degraded', 'Running'],
  ['NotFound', 'Nonexistent'],
]);
const MACHINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const nameOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function clusterState(object: JsonObject): string | null {
  const name =
    typeof object.StatusName === 'string' && object.StatusName.trim() !== ''
      ? object.StatusName.trim()
      : typeof object.StatusCode === 'number'
        ? CODE_NAMES.get(object.StatusCode)
        : undefined;
  return name === undefined ? null : (HOST_WORDS.get(name) ?? name);
}

/** `--layout cluster`: the first node's state is its host's; the cluster's own is about the API server. */
function fromClusterLayout(cluster: JsonObject): MinikubeStatus | null {
  const node = Array.isArray(cluster.Nodes) ? cluster.Nodes.find(isObject) : undefined;
  const state = (node === undefined ? null : clusterState(node)) ?? clusterState(cluster);
  return state === null ? null : { name: nameOf(cluster.Name) ?? nameOf(node?.Name), state };
}

function fromObject(object: JsonObject): MinikubeStatus | null {
  const host = nameOf(object.Host);
  if (host !== null) return { name: nameOf(object.Name), state: host };
  return 'StatusName' in object || 'StatusCode' in object ? fromClusterLayout(object) : null;
}

/** A multi-node cluster prints an array of legacy objects; the control plane is the one with `Worker: false`. */
function fromJsonValue(value: unknown): MinikubeStatus | null {
  if (isObject(value)) return fromObject(value);
  if (!Array.isArray(value)) return null;
  const objects = value.filter(isObject);
  const controlPlane = objects.find((object) => object.Worker === false) ?? objects[0];
  return controlPlane === undefined ? null : fromObject(controlPlane);
}

function blocksOf(text: string): string[][] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.split(/\r?\n/).map((line) => line.trim()))
    .filter((lines) => lines.some((line) => line !== ''));
}

const fieldOf = (lines: string[], key: string): string | null => {
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(`${key}:`));
  return line === undefined ? null : nameOf(line.slice(key.length + 1));
};

/** Plain `minikube status`: one block per node, `NAME` then `type:`/`host:`/… lines. */
function fromText(text: string): MinikubeStatus | null {
  const blocks = blocksOf(text).filter((lines) => fieldOf(lines, 'host') !== null);
  const block = blocks.find((lines) => fieldOf(lines, 'type')?.toLowerCase() === 'control plane') ?? blocks[0];
  if (block === undefined) return null;
  const firstField = block.findIndex((line) => /^[A-Za-z][A-Za-z -]*:/.test(line));
  const nameLine = firstField > 0 ? block[firstField - 1]! : '';
  return { name: MACHINE_NAME.test(nameLine) ? nameLine : null, state: fieldOf(block, 'host')! };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? 'empty output' : line.trim().slice(0, 200);
}

export function parseMinikubeStatus(text: string): ParseResult<MinikubeStatus> {
  const values = jsonValuesIn(text);
  for (const value of values) {
    const status = fromJsonValue(value);
    if (status !== null) return parsed(status);
  }
  const status = fromText(text);
  if (status !== null) return parsed(status);
  return unparseable(
    values.length > 0 ? 'minikube status: JSON without a host state' : `minikube status: ${firstLine(text)}`,
  );
}
