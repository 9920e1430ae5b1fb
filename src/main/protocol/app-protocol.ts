// app://bridgelight/… serves the built renderer (out/renderer) and nothing else. A custom standard+secure
// scheme gives the page a real origin to check IPC senders against, which file:// (one origin for the whole
// disk) cannot.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, isAppUrl } from '../app-origin';
import type { Logger } from '../logger';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
} as const;

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: (typeof APP_SCHEME_PRIVILEGES)['privileges'] }[],
  ): void;
}

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME_PRIVILEGES.scheme, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } },
  ]);
}

/** The same policy as index.html's meta tag, sent as a header too so it applies before the page parses. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// One path segment as it may appear in a built file's name: no separators, no NUL, not `.`/`..`.
const SAFE_SEGMENT = /^(?!\.{1,2}$)[^/\\\0]+$/;

/**
 * The first of two independent checks: the decoded path segments `url` names, or null when it is not an app://
 * URL or a segment decodes to a separator, NUL or a dot segment (`%2e%2e`, `%2f`, `%5c`, `%00`).
 */
export function appPathSegments(url: string): string[] | null {
  if (!isAppUrl(url)) return null;
  const { pathname, hostname } = new URL(url);
  if (hostname !== APP_HOST) return null;
  const raw = pathname === '/' || pathname === '' ? ['index.html'] : pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}

/** The second: `segments` joined under `root`, or null unless the result lies strictly inside it. */
export function fileUnderRoot(root: string, segments: readonly string[]): string | null {
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}

/** The file under `root` that `url` names, or null when it names none: both checks must pass. */
export function resolveAppFile(root: string, url: string): string | null {
  const segments = appPathSegments(url);
  return segments && fileUnderRoot(root, segments);
}

export interface AppRequest {
  url: string;
  method: string;
}

export type FileReader = (path: string) => Promise<Uint8Array>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(
  root: string,
  log: Logger,
  read: FileReader = readFile,
): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'method not allowed');
    const file = resolveAppFile(root, request.url);
    if (!file) {
      log.warn(`app protocol: refused ${JSON.stringify(request.url.slice(0, 200))}`);
      return plain(404, 'not found');
    }
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') log.error(`app protocol: ${file}`, error);
      return plain(404, 'not found');
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  };
}
