// The manual fixes of the findings seen from inside the VM that differ per runtime: how its VM gets a CA and a
// proxy. A runtime without its own entry gets the generic instructions.
import type { ProviderId } from '../vm';
import type { ProviderWording } from './wording';

interface VmSideFixes {
  addCa(wording: ProviderWording, name: string): string;
  addProxy(wording: ProviderWording, name: string, url: string): string;
}

const GENERIC: VmSideFixes = {
  addCa: (wording, name) =>
    "Export the proxy's root CA as PEM and install it in the VM's trust store " +
    `(\`${wording.command(name, 'ssh')} -- 'sudo cp CA.pem /usr/local/share/ca-certificates/proxy-ca.crt && ` +
    "sudo update-ca-certificates'`; for a VM that is re-created, put that in its provisioning), then restart the " +
    'container runtime.',
  addProxy: (_, __, url) =>
    `Give the VM's container runtime HTTPS_PROXY=${url} and HTTP_PROXY=${url} (its environment or provisioning) ` +
    'and restart it.',
};

const BY_PROVIDER: Partial<Record<ProviderId, VmSideFixes>> = {
  minikube: {
    addCa: (wording, name) =>
      "Export the proxy's root CA as PEM (Keychain Access → the CA → Export, or from IT), copy it into " +
      `\`~/.minikube/certs/\` and run \`${wording.command(name, 'start')} --embed-certs\`: minikube installs every ` +
      "certificate there into the VM's trust store.",
    addProxy: (wording, name, url) =>
      `Start the VM with the proxy: \`export HTTPS_PROXY=${url} HTTP_PROXY=${url} NO_PROXY=localhost,127.0.0.1,` +
      `192.168.0.0/16,10.96.0.0/12\` then \`${wording.command(name, 'start')}\` (minikube hands these to the ` +
      "VM's container runtime; `--docker-env HTTPS_PROXY=…` does the same).",
  },
};

export function vmSideFixes(wording: ProviderWording): VmSideFixes {
  return BY_PROVIDER[wording.id] ?? GENERIC;
}
