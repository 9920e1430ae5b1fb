// The only pages Bridgelight hands to the system browser. The allow-list is the code itself: one call per page,
// each with its URL as a literal, so no value from the renderer (or anything that got into it) ever reaches
// openExternal, and a scanner can see that without running anything. The finding pages (one per finding id,
// src/shared/finding-docs.ts) are listed the same way; a test fails when an id's page is missing here.
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** What the URLs below must equal, compared whole after parsing (no prefixes, no query, no credentials). */
function normalised(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Opens `url` in the browser if it is one of ours; true when it did. */
export function openAllowedExternal(url: string, shell: ExternalOpener): boolean {
  switch (normalised(url)) {
    case 'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/':
      void shell.openExternal('https://minikube.sigs.k8s.io/docs/drivers/hyperkit/');
      return true;
    case 'https://support.apple.com/guide/mac-help/open-items-automatically-when-you-log-in-mh15189/mac':
      void shell.openExternal(
        'https://support.apple.com/guide/mac-help/open-items-automatically-when-you-log-in-mh15189/mac',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/egress-multiple-ipv4.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/egress-multiple-ipv4.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/nat-source-stale.md':
      void shell.openExternal('https://github.com/bridgelight/bridgelight/blob/main/docs/findings/nat-source-stale.md');
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vpn-default-route.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vpn-default-route.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-bridge-missing.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-bridge-missing.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-not-running.md':
      void shell.openExternal('https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-not-running.md');
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-internet-unreachable.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-internet-unreachable.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-dns-failure.md':
      void shell.openExternal('https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-dns-failure.md');
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/host-internet-unreachable.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/host-internet-unreachable.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/input-unparseable.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/input-unparseable.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/minikube-not-found.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/minikube-not-found.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/minikube-unresponsive.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/minikube-unresponsive.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/no-default-route.md':
      void shell.openExternal('https://github.com/bridgelight/bridgelight/blob/main/docs/findings/no-default-route.md');
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/egress-address-evidence-conflict.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/egress-address-evidence-conflict.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-multiple-default-routes.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-multiple-default-routes.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/local-network-denied.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/local-network-denied.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-subnet-overlap.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/vm-subnet-overlap.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/bootpd-blocked.md':
      void shell.openExternal('https://github.com/bridgelight/bridgelight/blob/main/docs/findings/bootpd-blocked.md');
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/dhcp-pool-exhausted.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/dhcp-pool-exhausted.md',
      );
      return true;
    case 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/nat-egress-changed.md':
      void shell.openExternal(
        'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/nat-egress-changed.md',
      );
      return true;
    default:
      return false;
  }
}
