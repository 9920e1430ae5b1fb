// Every web contents stays on our origin: navigation elsewhere is cancelled, new windows are never created,
// and <webview> cannot attach. Applied from app 'web-contents-created', so no window can be forgotten.
import { isAppUrl } from '../app-origin';
import type { Logger } from '../logger';
import { type ExternalOpener, openAllowedExternal } from './external-links';

interface Preventable {
  preventDefault(): void;
}

/** The slice of WebContents this needs (typed loosely so tests can pass a small fake). */
export interface LockableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Preventable & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface LockdownOptions {
  /** Electron's `shell`: only its openExternal, and only through the allow-list. */
  browser: ExternalOpener;
  log: Logger;
}

export function lockDownContents(contents: LockableContents, options: LockdownOptions): void {
  const guard = (kind: string) => (event: Preventable & { url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    options.log.warn(`${kind} to ${JSON.stringify(String(event.url).slice(0, 200))} blocked`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log.warn('a <webview> tried to attach; blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (!openAllowedExternal(url, options.browser))
      options.log.warn(`window.open(${JSON.stringify(String(url).slice(0, 200))}) denied`);
    return { action: 'deny' };
  });
}
