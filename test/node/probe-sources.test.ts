// Host probes are bound to each egress address; a 169.254/16 source is never probed: routers drop it, so a
// probe from it says nothing about the path, and on a Mac it would only add a timeout to every check.

import {
  type CollectOptions,
  type CollectPorts,
  collectHostProbes,
  type HostPart,
  probeSources,
} from '@src/node/collect';
import type { NetInterface } from '@src/shared/model';
import { describe, expect, it } from 'vitest';

const en0 = (...addresses: string[]): NetInterface => ({
  name: 'en0',
  flags: ['UP', 'BROADCAST', 'RUNNING'],
  up: true,
  running: true,
  pointToPoint: false,
  ipv4: addresses.map((address) => ({ address, prefixLength: 16 })),
  members: [],
});

const host = (iface: NetInterface): HostPart => ({
  interfaces: [iface],
  routes: null,
  defaultRoute: { destination: 'default', gateway: '172.2.2.2', interface: 'en0', flags: ['UP', 'GATEWAY'] },
  leases: null,
});

describe('probe sources', () => {
  it('leave out a link-local address wherever it is listed', () => {
    expect(probeSources(host(en0('169.254.10.20', '172.2.3.10')))).toEqual(['172.2.3.10']);
    expect(probeSources(host(en0('172.2.3.10', '169.254.10.20')))).toEqual(['172.2.3.10']);
  });

  it('leave out the whole 169.254/16, edges included, and nothing next to it', () => {
    expect(probeSources(host(en0('169.254.0.1', '169.254.255.254', '169.253.255.255', '169.255.0.1')))).toEqual([
      '169.253.255.255',
      '169.255.0.1',
    ]);
  });

  it('with only a link-local address, nothing is probed at all', async () => {
    const asked: string[][] = [];
    const ports: CollectPorts = {
      runner: { run: () => Promise.reject(new Error('probing runs no command')) },
      prober: {
        probe: async (sources) => {
          asked.push(sources);
          return [];
        },
      },
    };
    const options: CollectOptions = {
      platform: 'darwin',
      profile: 'minikube',
      probeTargets: ['198.51.100.10:443'],
      dnsName: 'example.com',
      probe: true,
    };
    expect(await collectHostProbes(ports, options, host(en0('172.2.3.10')))).toEqual([]);
    expect(asked).toEqual([['172.2.3.10']]);
    asked.length = 0;
    expect(await collectHostProbes(ports, options, host(en0('169.254.10.20')))).toBeNull();
    expect(asked).toEqual([]);
  });
});
