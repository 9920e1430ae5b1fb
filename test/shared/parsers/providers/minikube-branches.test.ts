// The exact path-model evidence minikube's profiles show the user, and each field rule of the listing: the name's
// fallback to Config.Name, trimmed words, node IPs kept only when they are IPv4 strings, and each refusal's line.
import { minikubePathModel, parseMinikubeProfileList } from '@src/shared/parsers/providers/minikube';
import { describe, expect, it } from 'vitest';

describe('the evidence line of each minikube path model', () => {
  it.each([
    ['docker', null, 'driver docker: a container inside the docker runtime, behind its own network stack'],
    [
      'podman',
      'bridge',
      'driver podman, network bridge: a container inside the podman runtime, behind its own network stack',
    ],
    ['hyperkit', null, 'driver hyperkit: vmnet shared, a host bridge and pf NAT'],
    ['vfkit', null, 'driver vfkit: vmnet shared (nat, the default), a host bridge and pf NAT'],
    ['vfkit', 'nat', 'driver vfkit, network nat: vmnet shared (nat), a host bridge and pf NAT'],
    [
      'krunkit',
      'vmnet-shared',
      'driver krunkit, network vmnet-shared: vmnet shared (vmnet-shared), a host bridge and pf NAT',
    ],
    ['krunkit', 'vmnet-host', 'driver krunkit, network vmnet-host: a network Bridgelight does not know'],
    ['vfkit', 'bridged', 'driver vfkit, network bridged: a network Bridgelight does not know'],
    [
      'qemu',
      'socket_vmnet',
      'driver qemu, network socket_vmnet: vmnet shared through socket_vmnet, a host bridge and pf NAT',
    ],
    [
      'qemu2',
      'vmnet-shared',
      'driver qemu2, network vmnet-shared: vmnet shared through vmnet-shared, a host bridge and pf NAT',
    ],
    ['qemu', 'user', "driver qemu, network user: QEMU's user-mode network (slirp), no host bridge or NAT"],
    ['qemu2', 'builtin', "driver qemu2, network builtin: QEMU's user-mode network (slirp), no host bridge or NAT"],
    ['qemu2', null, 'driver qemu2: the network is not named'],
    ['qemu', 'nat', 'driver qemu, network nat: the network is not named'],
    ['kvm2', 'default', 'driver kvm2, network default: a driver whose path Bridgelight does not model'],
    [null, null, 'driver (none): a driver whose path Bridgelight does not model'],
  ] as const)('%s with network %s says %j', (driver, network, evidence) => {
    expect(minikubePathModel(driver, network).evidence).toBe(evidence);
  });

  it('an unknown vfkit or krunkit network is not taken for vmnet', () => {
    expect(minikubePathModel('vfkit', 'bridged').network).toBe('unknown');
    expect(minikubePathModel('krunkit', 'vmnet-host').network).toBe('unknown');
    expect(minikubePathModel('qemu', 'socket_vmnet').network).toBe('vmnet-shared');
    expect(minikubePathModel('qemu', 'user').network).toBe('user-mode');
    expect(minikubePathModel('qemu', 'nat').network).toBe('unknown');
  });
});

const listingOf = (valid: unknown[]) => parseMinikubeProfileList(JSON.stringify({ invalid: [], valid }));

describe('minikube profile list fields', () => {
  it('takes the name from Config.Name when the profile has none, trims words and keeps IPv4 node IPs only', () => {
    const result = listingOf([
      {
        Status: ' Stopped ',
        Config: {
          Name: ' dev ',
          Driver: ' qemu2 ',
          Network: ' socket_vmnet ',
          Nodes: [{ IP: ' 192.168.105.7 ' }, { IP: 'fd00::7' }, { IP: '' }, 'node', { IP: 7 }, { IP: '192.168.105.8' }],
        },
      },
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        {
          provider: 'minikube',
          name: 'dev',
          state: 'stopped',
          rawState: 'Stopped',
          ips: ['192.168.105.7', '192.168.105.8'],
          driver: 'qemu2',
          network: 'vmnet-shared',
          networkEvidence: [
            'driver qemu2, network socket_vmnet: vmnet shared through socket_vmnet, a host bridge and pf NAT',
          ],
        },
      ],
    });
  });

  it('prefers the profile Name to Config.Name; a blank Name falls back to Config.Name', () => {
    const result = listingOf([
      { Name: 'outer', Config: { Name: 'inner' } },
      { Name: '   ', Config: { Name: 'inner' } },
    ]);
    expect(result.ok && result.value.map((vm) => vm.name)).toEqual(['outer', 'inner']);
  });

  it('a profile without Config, Status or Nodes is unknown, with no driver and no IPs', () => {
    expect(listingOf([{ Name: 'bare', Status: '' }])).toEqual({
      ok: true,
      value: [
        {
          provider: 'minikube',
          name: 'bare',
          state: 'unknown',
          rawState: null,
          ips: [],
          driver: null,
          network: 'unknown',
          networkEvidence: ['driver (none): a driver whose path Bridgelight does not model'],
        },
      ],
    });
    const noNodes = listingOf([{ Name: 'n', Config: { Driver: 'docker', Nodes: { IP: '192.168.49.2' } } }]);
    expect(noNodes.ok && noNodes.value[0]!.ips).toEqual([]);
  });

  it('reads at most 16 nodes of a profile and 64 profiles of a listing', () => {
    const nodes = Array.from({ length: 20 }, (_, index) => ({ IP: `192.168.49.${index + 1}` }));
    const many = listingOf([{ Name: 'ha', Config: { Nodes: nodes } }]);
    expect(many.ok && many.value[0]!.ips).toEqual(nodes.slice(0, 16).map((node) => node.IP));
    const profiles = Array.from({ length: 70 }, (_, index) => ({ Name: `p${index}` }));
    const listed = listingOf(profiles);
    expect(listed.ok && listed.value.map((vm) => vm.name)).toEqual(profiles.slice(0, 64).map((p) => p.Name));
  });

  it.each([
    ['[]', 'minikube profile list: no "valid" list of profiles'],
    ['{"valid":{}}', 'minikube profile list: no "valid" list of profiles'],
    ['{"valid":[{"Status":"OK"}]}', 'minikube profile list: a profile without a usable Name'],
    ['{"valid":[{"Name":"a"},"b"]}', 'minikube profile list: a profile without a usable Name'],
  ])('says why %s is not a profile listing', (text, error) => {
    expect(parseMinikubeProfileList(text)).toEqual({ ok: false, error });
  });

  it('reads an empty valid list as no profiles', () => {
    expect(parseMinikubeProfileList('{"valid":[]}')).toEqual({ ok: true, value: [] });
  });
});
