// The popover's one origin. Everything that trusts a URL (IPC sender checks, navigation locks, the protocol
// handler) derives it from these constants, so they can never disagree about what "our page" is.
export const APP_SCHEME = 'app';
export const APP_HOST = 'bridgelight';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const POPOVER_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is a page of ours. Compared field by field rather than via `URL.origin`, which is the opaque
 * string "null" for non-special schemes like app: and would match every other opaque origin too.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
