// The rules in the order their findings are reported: causes on the path first (routing, NAT, addresses),
// then what the VM and host saw, then the state of the VM tool and the inputs.
import type { Rule } from '../rule';
import { rule as bootpdBlocked } from './bootpd-blocked';
import { rule as dhcpPoolExhausted } from './dhcp-pool-exhausted';
import { rule as egressAddressEvidenceConflict } from './egress-address-evidence-conflict';
import { rule as egressMultipleIpv4 } from './egress-multiple-ipv4';
import { rule as hostInternetUnreachable } from './host-internet-unreachable';
import { rule as inputUnparseable } from './input-unparseable';
import { rule as localNetworkDenied } from './local-network-denied';
import { rule as toolNotFound } from './minikube-not-found';
import { rule as toolUnresponsive } from './minikube-unresponsive';
import { rule as natEgressChanged } from './nat-egress-changed';
import { rule as natSourceStale } from './nat-source-stale';
import { rule as noDefaultRoute } from './no-default-route';
import { rule as vmBridgeMissing } from './vm-bridge-missing';
import { rule as vmDnsFailure } from './vm-dns-failure';
import { rule as vmInternetUnreachable } from './vm-internet-unreachable';
import { rule as vmMultipleDefaultRoutes } from './vm-multiple-default-routes';
import { rule as vmNotRunning } from './vm-not-running';
import { rule as vmSubnetOverlap } from './vm-subnet-overlap';
import { rule as vpnDefaultRoute } from './vpn-default-route';

export const RULES: readonly Rule[] = [
  noDefaultRoute,
  vpnDefaultRoute,
  natSourceStale,
  egressAddressEvidenceConflict,
  egressMultipleIpv4,
  vmBridgeMissing,
  vmMultipleDefaultRoutes,
  hostInternetUnreachable,
  localNetworkDenied,
  vmInternetUnreachable,
  vmDnsFailure,
  vmNotRunning,
  toolUnresponsive,
  toolNotFound,
  inputUnparseable,
  // Issue 12's host-side causes (appended: other branches append here too).
  vmSubnetOverlap,
  bootpdBlocked,
  dhcpPoolExhausted,
  natEgressChanged,
];
