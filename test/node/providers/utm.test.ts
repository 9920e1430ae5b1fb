import { utm } from '@src/node/providers/utm';
import { BUNDLE_FILES } from '@src/shared/bundle-format';
import { describe, expect, it } from 'vitest';
import { listedCases } from './listed-cases';
import { realSample, replay, text } from './replay';

const LISTED = realSample('utm/tailscale-gokrazy-utm-md-utmctl-list-one-started.txt');
const UUID = 'C0DE927B-F426-4ABA-A6E7-E30AA429371F';
const IP_KEY = `vm-Tsapp/${BUNDLE_FILES.utmIpAddress}`;

describe('UTM provider: one started VM (tailscale gokrazy notes)', () => {
  listedCases({
    provider: utm,
    listKey: BUNDLE_FILES.utmList,
    sample: LISTED,
    expected: [['Tsapp', 'running', 'unknown']],
    // The VM is addressed by the UUID the listing gave, not by its (repeatable) name.
    running: {
      name: 'Tsapp',
      argv: ['utmctl', 'exec', UUID, '--cmd', '/bin/sh', '-c', 'echo SCRIPT | base64 -d | sh'],
    },
    // `--cmd` takes the rest of the line as the program and its arguments, exec-ed by the guest agent.
    inVm: (argv) => argv.slice(argv.indexOf('--cmd') + 1),
  });

  it('asks `utmctl ip-address` by UUID and keeps the IPv4 addresses it prints', async () => {
    // utmctl prints one address per line, IPv4 first (utmctl/UTMCtl.swift, IPAddress; see SOURCES.md).
    const { context, specs } = replay({
      [BUNDLE_FILES.utmList]: text(LISTED),
      [IP_KEY]: text('192.168.64.5\nfe80::5c1c:aff:fe2d:1\n'),
    });
    expect((await utm.list(context))?.[0]?.ips).toEqual(['192.168.64.5']);
    expect(specs.map((spec) => spec.argv)).toEqual([
      ['utmctl', 'list'],
      ['utmctl', 'ip-address', UUID],
    ]);
  });

  it('utmctl that cannot reach UTM (OSStatus -1743, header only) lists no VMs, and runs nothing else', async () => {
    const { context, specs } = replay({
      [BUNDLE_FILES.utmList]: text(realSample('utm/utm5001-utmctl-list-osstatus-1743-header-only.txt')),
    });
    expect(await utm.list(context)).toEqual([]);
    expect(specs).toHaveLength(1);
  });

  it('a VM named without a listing is exec-ed by that name (utmctl takes the complete name too)', () => {
    const { context } = replay({});
    expect(utm.probeExec(context, 'My VM', 'U0NSSVBU').argv.slice(0, 3)).toEqual(['utmctl', 'exec', 'My VM']);
  });
});
