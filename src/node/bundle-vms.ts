// Bundle format v2's VM list: which VMs a bundle recorded (provider, name, driver, path model) and the files
// holding each one's evidence. Kept apart from the reading and writing of bundle files (bundle.ts).

import type { RecordedCommand } from '../shared/bundle-format';
import { BUNDLE_FILES, type BundleVm, vmFile } from '../shared/bundle-format';
import type { Snapshot, VmObservation } from '../shared/model';
import { wordingFor } from '../shared/providers';
import { PROVIDER_IDS, VM_NETWORKS } from '../shared/vm';
import { EXIT, UserError } from './errors';

/** A bundle file's name: a VM's own files carry its name escaped (fileSafeName), so they may be long. */
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const MAX_VMS = 64;

/**
 * How a provider without a default VM (apple/container, Tart, UTM) names the VM it could not list: it fails every
 * name rule, so it never reaches a command, and a bundle records it as it was seen.
 */
export const UNLISTED_VM = '*';

/** The files of one VM: what the VM's provider ran for it (all but the host's commands). */
const VM_FILES: readonly string[] = [
  BUNDLE_FILES.minikubeProfileList,
  BUNDLE_FILES.minikubeStatus,
  BUNDLE_FILES.vmProbe,
  BUNDLE_FILES.vmIpRoute,
];

function isVm(value: unknown): value is BundleVm {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const vm = value as Record<string, unknown>;
  return (
    (PROVIDER_IDS as readonly unknown[]).includes(vm.provider) &&
    typeof vm.name === 'string' &&
    (vm.name === UNLISTED_VM || wordingFor(vm.provider as BundleVm['provider']).nameRule.test(vm.name)) &&
    (vm.driver === null || typeof vm.driver === 'string') &&
    (VM_NETWORKS as readonly unknown[]).includes(vm.network) &&
    Array.isArray(vm.files) &&
    vm.files.every((file) => typeof file === 'string' && SAFE_FILE.test(file))
  );
}

/** Checks a manifest's `vms` (v2); v1 manifests have none. */
export function validateVms(version: number, vms: unknown): void {
  if (version < 2) return;
  if (!Array.isArray(vms) || vms.length > MAX_VMS || !vms.every(isVm))
    throw new UserError(
      'manifest.json: vms must be a list of { provider, name, driver, network, files }',
      EXIT.dataErr,
    );
}

/**
 * The files recorded for one VM: v1's plain names when it was checked alone; its own (`PROVIDER.NAME.…`) when
 * several were; and the plain files its tool printed for all its VMs (the listing). Another VM's own files never.
 */
function filesOf(
  vm: VmObservation,
  alone: boolean,
  commands: Record<string, RecordedCommand>,
  written: readonly string[],
): string[] {
  const recorded = [...new Set([...Object.keys(commands), ...written])];
  const tool = wordingFor(vm.provider).tool;
  const own = vmFile(vm.provider, vm.profile, '');
  // vmFile puts the provider first: every VM of this provider has its own files under this prefix.
  const anyVmOfProvider = `${vm.provider}.`;
  const ranByTool = (file: string) => commands[file]?.argv[0] === tool && !commands[file]?.notFound;
  const mine = recorded.filter(
    (file) => file.startsWith(own) || (ranByTool(file) && !file.startsWith(anyVmOfProvider)),
  );
  const plain = alone ? VM_FILES.filter((file) => recorded.includes(file)) : [];
  return [...new Set([...plain, ...mine])];
}

/** The VM list a new bundle's manifest gets: every VM the snapshot observed, with the files recorded for it. */
export function recordedVms(
  snapshot: Snapshot,
  commands: Record<string, RecordedCommand>,
  written: string[],
): BundleVm[] {
  const vms = snapshot.vms ?? (snapshot.vm ? [snapshot.vm] : []);
  return vms.map((vm) => ({
    provider: vm.provider,
    name: vm.profile,
    driver: vm.listing?.driver ?? null,
    network: vm.listing?.network ?? 'unknown',
    files: filesOf(vm, vms.length === 1, commands, written),
  }));
}
