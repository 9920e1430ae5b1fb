// Probe targets as users type them: `HOST:PORT`, where HOST is a dotted quad or a DNS name.
import { isIpv4 } from './ipv4';

export interface Target {
  host: string;
  port: number;
}

const DNS_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isHostName(text: string): boolean {
  return DNS_NAME.test(text) && !/^[0-9.]+$/.test(text);
}

export function parseTarget(text: string): Target | null {
  const match = text.match(/^([^:\s]+):([0-9]{1,5})$/);
  if (!match) return null;
  const host = match[1]!;
  const port = Number(match[2]);
  if (port < 1 || port > 65535 || String(port) !== match[2]) return null;
  if (!isIpv4(host) && !isHostName(host)) return null;
  return { host, port };
}

/** Endpoints that answer TCP on any working internet connection; the registry is what minikube pulls from. */
export const DEFAULT_PROBE_TARGETS = ['1.1.1.1:443', '8.8.8.8:443', 'registry.k8s.io:443'];
export const DEFAULT_DNS_NAME = 'registry.k8s.io';
