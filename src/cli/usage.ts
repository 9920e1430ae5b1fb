import { DEFAULT_DNS_NAME } from '../shared/targets';

export const USAGE = `bridgelight: is the path from each of your VMs to the internet healthy, hop by hop?

Usage:
  bridgelight check  [--json | --format F] [--replay DIR] [--vm P[/N]]... [--profile NAME] [--probe HOST:PORT]... [--no-probe] [--dns-name NAME] [--vm-timeout S]
  bridgelight watch  [--json] [--vm P[/N]]... [--profile NAME] [--probe HOST:PORT]... [--dns-name NAME]
  bridgelight fix    FINDING-ID [--yes] [--vm P[/N]]... [--profile NAME] [--probe HOST:PORT]...
  bridgelight bundle OUT_DIR [--redact] [--vm P[/N]]... [--profile NAME] [--probe HOST:PORT]...

  --json            one JSON object (check) or one object per line (watch)
  --format F        check's output: text (default), json (= --json) or prometheus (node exporter textfile)
  --replay DIR      diagnose a support bundle instead of this machine
  --vm P[/N]        the VMs to check: PROVIDER (all its VMs) or PROVIDER/NAME (repeatable; default: every running VM)
  --profile NAME    minikube profile, the same as --vm minikube/NAME
  --probe H:P       TCP target to probe from the host and the VM (repeatable; replaces the defaults)
  --no-probe        no TCP probes from the host (the VM script still runs)
  --dns-name NAME   name the VM looks up (default: ${DEFAULT_DNS_NAME})
  --vm-timeout S    seconds to wait for minikube status and for the VM script (default: 10 and 20)

Exit status: check: 0 green, 1 yellow, 2 red, 3 unknown. fix: 0 fixed and green (or nothing to fix),
1 declined or still not green, 2 refused or failed. All: 64 usage, 65 bad input, 66 missing input.
`;
