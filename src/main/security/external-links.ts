// The only pages Bridgelight hands to the system browser. The allow-list is the code itself: one call per page,
// each with its URL as a literal, plus the finding pages, a constant list derived from the finding ids. Either
// way openExternal receives our own constant, never a value from the renderer (or anything that got into it).
import { FINDING_DOC_URLS } from '../../shared/finding-docs';

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
  const wanted = normalised(url);
  const findingPage = FINDING_DOC_URLS.find((page) => page === wanted);
  if (findingPage !== undefined) {
    void shell.openExternal(findingPage);
    return true;
  }
  switch (wanted) {
    case 'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/':
      void shell.openExternal('https://minikube.sigs.k8s.io/docs/drivers/hyperkit/');
      return true;
    case 'https://support.apple.com/guide/mac-help/open-items-automatically-when-you-log-in-mh15189/mac':
      void shell.openExternal(
        'https://support.apple.com/guide/mac-help/open-items-automatically-when-you-log-in-mh15189/mac',
      );
      return true;
    default:
      return false;
  }
}
