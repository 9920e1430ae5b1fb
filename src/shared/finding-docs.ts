// Every finding id has a page, docs/findings/<id>.md. The CLI prints its URL and the popover links to it; the
// main process's browser allow-list (src/main/security/external-links.ts) spells out each of these URLs.
import type { FindingId } from './finding-ids';

export const FINDING_DOCS_BASE = 'https://github.com/bridgelight/bridgelight/blob/main/docs/findings/';

export function findingDocPath(id: FindingId): string {
  return `docs/findings/${id}.md`;
}

export function findingDocUrl(id: FindingId): string {
  return `${FINDING_DOCS_BASE}${id}.md`;
}
