import { readFileSync } from 'node:fs';
import { parsePodmanMachineList } from '@src/shared/parsers/providers/podman';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../fixtures/real/podman/${path}`, import.meta.url), 'utf8');

describe('parsePodmanMachineList', () => {
  it('reads the documented listing: a stopped qemu machine on gvproxy, user-mode', () => {
    expect(parsePodmanMachineList(fixture('podman-docs-machine-ls-format-json-qemu.json'))).toEqual({
      ok: true,
      value: [
        {
          provider: 'podman',
          name: 'podman-machine-default',
          state: 'stopped',
          rawState: 'Stopped',
          ips: [],
          driver: 'qemu',
          network: 'user-mode',
          networkEvidence: ["Podman machine's network is gvproxy, a user-mode stack"],
        },
      ],
    });
  });

  it('reads Running and Starting from their flags, and a machine with neither as unknown', () => {
    const text = JSON.stringify([
      { Name: 'a', Running: true, Starting: false, VMType: 'applehv' },
      { Name: 'b', Running: false, Starting: true, VMType: 'libkrun' },
      { Name: 'c' },
    ]);
    expect(parsePodmanMachineList(text)).toMatchObject({
      ok: true,
      value: [
        { name: 'a', state: 'running', rawState: 'Running', driver: 'applehv' },
        { name: 'b', state: 'unknown', rawState: 'Starting', driver: 'libkrun' },
        { name: 'c', state: 'unknown', rawState: null, driver: null },
      ],
    });
  });

  it('reads no machines, and rejects a connection error in one line', () => {
    expect(parsePodmanMachineList('[]\n')).toEqual({ ok: true, value: [] });
    expect(parsePodmanMachineList('Error: cannot connect to Podman.\nmore\n')).toEqual({
      ok: false,
      error: 'podman machine ls --format json: Error: cannot connect to Podman.',
    });
  });
});
