import { readFileSync } from 'node:fs';
import type { NetInterface } from '@src/shared/model';
import { parseIfconfig } from '@src/shared/parsers/darwin/ifconfig';
import { parseContainerList } from '@src/shared/parsers/providers/container';
import { parseLimaList } from '@src/shared/parsers/providers/lima';
import type { VmListing } from '@src/shared/vm';
import { bridgeOfVm, vmnetBridges, vmnetPaths } from '@src/shared/vmnet-bridges';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');

function interfacesOf(...paths: string[]): NetInterface[] {
  const result = parseIfconfig(paths.map(read).join('\n'));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function listingsOf(result: ReturnType<typeof parseLimaList>): VmListing[] {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const vmAt = (name: string, ips: string[]): VmListing => ({
  provider: 'multipass',
  name,
  state: 'running',
  rawState: 'Running',
  ips,
  driver: null,
  network: 'vmnet-shared',
  networkEvidence: [],
});

describe('vmnetBridges on real ifconfig captures', () => {
  it.each([
    [
      'real/ifconfig/pr12799-monterey-bridge100-vmenet0-address-cache.txt',
      '192.168.64.1',
      '192.168.64.0/24',
      ['vmenet0'],
    ],
    ['real/ifconfig/lima-socket_vmnet-bridge100-192.168.105.1.txt', '192.168.105.1', '192.168.105.0/24', ['vmenet0']],
    // Before Monterey the vmnet member was an enN interface.
    [
      'real/ifconfig/multipass2265-m1-big-sur-bridge100-member-en7-optimistic.txt',
      '192.168.64.1',
      '192.168.64.0/24',
      ['en7'],
    ],
    ['real/ifconfig/xhyve84-bridge100-member-en9-pre-monterey-2016.txt', '192.168.64.1', '192.168.64.0/24', ['en9']],
    [
      'real/ifconfig/parallels-bridge100-two-vmenet-members.txt',
      '10.211.55.2',
      '10.211.55.0/24',
      ['vmenet0', 'vmenet2'],
    ],
    ['seed/ifconfig-bridge100.txt', '192.168.77.1', '192.168.77.0/24', ['vmenet0', 'vmenet1']],
  ])('%s', (path, address, subnet, members) => {
    expect(vmnetBridges(interfacesOf(path))).toEqual([
      { name: 'bridge100', address, prefixLength: 24, subnet, members },
    ]);
  });

  it('leaves out the Thunderbolt bridge (bridge0 with en1… members and no address)', () => {
    const interfaces = interfacesOf('real/ifconfig/jc-osx-10.14.6-ifconfig.txt');
    expect(interfaces.find((entry) => entry.name === 'bridge0')?.members).toEqual(['en1', 'en2', 'en3', 'en4']);
    expect(vmnetBridges(interfaces)).toEqual([]);
  });

  it('lists every bridge of a two-bridge host in the order the OS does', () => {
    const bridges = vmnetBridges(interfacesOf('bundles/two-bridges/ifconfig.txt'));
    expect(bridges.map((bridge) => [bridge.name, bridge.subnet])).toEqual([
      ['bridge100', '10.211.55.0/24'],
      ['bridge101', '192.168.77.0/24'],
    ]);
  });

  it('leaves out a bridge without a vmnet member, or holding only a link-local address', () => {
    const bridge = interfacesOf('seed/ifconfig-bridge100.txt')[0]!;
    const noMembers = { ...bridge, members: ['ap1'] };
    const linkLocal = { ...bridge, ipv4: [{ address: '169.254.10.1', prefixLength: 16 }] };
    expect(vmnetBridges([noMembers, linkLocal, { ...bridge, name: 'utun100' }])).toEqual([]);
  });
});

describe('vmnetPaths attributes each bridge to the VMs in its subnet', () => {
  it('puts a real apple/container listing on the real bridge100 holding its gateway; Lima (no IP) on none', () => {
    const container = listingsOf(
      parseContainerList(read('real/container/crane-container-1.0-ls-all-format-json-running-EDITED.json')),
    );
    const lima = listingsOf(parseLimaList(read('real/lima/xbar4-limactl-list-json-jq-one-running.json')));
    const interfaces = interfacesOf('real/ifconfig/pr12799-monterey-bridge100-vmenet0-address-cache.txt');
    expect(vmnetPaths(interfaces, [...container, ...lima])).toEqual([
      {
        bridge: expect.objectContaining({ name: 'bridge100', subnet: '192.168.64.0/24' }),
        vms: [{ provider: 'container', name: 'crane-test' }],
      },
    ]);
    expect(bridgeOfVm(lima[0]!, vmnetBridges(interfaces))).toBeNull();
  });

  it('splits VMs across two bridges and keeps a bridge no known VM sits on', () => {
    const interfaces = interfacesOf('bundles/two-bridges/ifconfig.txt');
    const paths = vmnetPaths(interfaces, [
      vmAt('a', ['192.168.77.2']),
      vmAt('b', ['10.0.0.9', '192.168.77.3']),
      vmAt('c', ['192.168.64.2']),
    ]);
    expect(paths.map((path) => [path.bridge.name, path.vms.map((vm) => vm.name)])).toEqual([
      ['bridge100', []],
      ['bridge101', ['a', 'b']],
    ]);
  });

  it('never takes the bridge’s own address for a VM in it', () => {
    const bridges = vmnetBridges(interfacesOf('seed/ifconfig-bridge100.txt'));
    expect(bridgeOfVm(vmAt('odd', ['192.168.77.1']), bridges)).toBeNull();
  });
});
