import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP_SCHEME_PRIVILEGES,
  appPathSegments,
  createAppProtocolHandler,
  fileUnderRoot,
  registerAppScheme,
  resolveAppFile,
} from '@src/main/protocol/app-protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../fixtures';

// out/renderer inside a folder that also holds a secret, so a traversal that escaped would find something.
let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'bridgelight-protocol-'));
  root = join(base, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Bridgelight</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  mkdirSync(join(base, 'etc'));
  writeFileSync(join(base, 'etc', 'passwd'), 'SECRET');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) => ({ url, method: 'GET' });

describe('createAppProtocolHandler', () => {
  it('serves the built page with its type and the CSP', async () => {
    const handler = createAppProtocolHandler(root, recordingLogger());
    const response = await handler(get('app://bridgelight/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Bridgelight</title>');
    const script = await handler(get('app://bridgelight/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves index.html for the bare origin', async () => {
    const handler = createAppProtocolHandler(root, recordingLogger());
    expect((await handler(get('app://bridgelight/'))).status).toBe(200);
  });

  it.each([
    'app://bridgelight/../../etc/passwd',
    'app://bridgelight/../secret.txt',
    'app://bridgelight/%2e%2e/%2e%2e/etc/passwd',
    'app://bridgelight/%2E%2E/%2E%2E/secret.txt',
    'app://bridgelight/..%2f..%2fsecret.txt',
    'app://bridgelight/..%2F..%2Fetc%2Fpasswd',
    'app://bridgelight/assets/..%5c..%5c..%5csecret.txt',
    'app://bridgelight/%252e%252e/%252e%252e/secret.txt',
    'app://bridgelight/assets/%00index-abc.js',
    'app://bridgelight/%E0%A4%A',
    `app://bridgelight/${encodeURIComponent('/etc/passwd')}`,
    'app://evil/index.html',
    'app://bridgelight:8080/index.html',
    'app://user@bridgelight/index.html',
    'file:///etc/passwd',
    'https://bridgelight/index.html',
  ])('refuses %s', async (url) => {
    const read = vi.fn(async (path: string) => {
      if (!path.startsWith(`${root}/`)) throw new Error(`read outside the root: ${path}`);
      const { readFile } = await import('node:fs/promises');
      return readFile(path);
    });
    const handler = createAppProtocolHandler(root, recordingLogger(), read);
    const response = await handler(get(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
    for (const [path] of read.mock.calls) expect(path.startsWith(`${root}/`)).toBe(true);
  });

  it('answers only GET', async () => {
    const handler = createAppProtocolHandler(root, recordingLogger());
    expect((await handler({ url: 'app://bridgelight/index.html', method: 'POST' })).status).toBe(405);
  });

  it('is a 404, not a crash, for a folder or a missing file', async () => {
    const handler = createAppProtocolHandler(root, recordingLogger());
    expect((await handler(get('app://bridgelight/assets'))).status).toBe(404);
    expect((await handler(get('app://bridgelight/missing.js'))).status).toBe(404);
  });
});

describe('resolveAppFile', () => {
  it('keeps every resolved path inside the root', () => {
    expect(resolveAppFile('/app/out/renderer', 'app://bridgelight/assets/a.css')).toBe(
      '/app/out/renderer/assets/a.css',
    );
    expect(resolveAppFile('/app/out/renderer', 'app://bridgelight/../../etc/passwd')).toBe(
      '/app/out/renderer/etc/passwd',
    );
    expect(resolveAppFile('/app/out/renderer', 'app://bridgelight/..%2f..%2fetc%2fpasswd')).toBeNull();
  });
});

// Each of the two path checks on its own: a URL the segment check alone refuses, and paths the containment
// check alone refuses (the segment check never lets those through, so they are given to it directly).
describe('appPathSegments', () => {
  it('refuses an encoded separator even when the path it spells stays inside the root', async () => {
    // assets%2findex-abc.js decodes to assets/index-abc.js, a real file under the root.
    expect(appPathSegments('app://bridgelight/assets%2findex-abc.js')).toBeNull();
    expect(appPathSegments('app://bridgelight/assets%5cindex-abc.js')).toBeNull();
    const handler = createAppProtocolHandler(root, recordingLogger());
    expect((await handler(get('app://bridgelight/assets%2findex-abc.js'))).status).toBe(404);
  });

  it('refuses empty, NUL and dot segments', () => {
    expect(appPathSegments('app://bridgelight/assets/')).toBeNull();
    expect(appPathSegments('app://bridgelight/assets//index-abc.js')).toBeNull();
    expect(appPathSegments('app://bridgelight/assets/%00')).toBeNull();
    expect(appPathSegments('app://bridgelight/%252e%252e/index.html')).toEqual(['%2e%2e', 'index.html']);
  });

  it('decodes each segment on its own', () => {
    expect(appPathSegments('app://bridgelight/assets/index%20abc.js')).toEqual(['assets', 'index abc.js']);
    expect(appPathSegments('app://bridgelight/')).toEqual(['index.html']);
  });
});

describe('fileUnderRoot', () => {
  it('joins safe segments under the root', () => {
    expect(fileUnderRoot('/app/out/renderer', ['assets', 'a.css'])).toBe('/app/out/renderer/assets/a.css');
  });

  it('refuses a path that climbs out of the root', () => {
    expect(fileUnderRoot('/app/out/renderer', ['..', '..', 'etc', 'passwd'])).toBeNull();
    expect(fileUnderRoot('/app/out/renderer', ['assets', '..', '..', 'secret.txt'])).toBeNull();
  });

  it('refuses a sibling whose name merely starts like the root', () => {
    expect(fileUnderRoot('/app/out/renderer', ['..', 'renderer-old', 'index.html'])).toBeNull();
  });

  it('refuses the root itself', () => {
    expect(fileUnderRoot('/app/out/renderer', [])).toBeNull();
    expect(fileUnderRoot('/app/out/renderer', ['assets', '..'])).toBeNull();
  });
});

describe('registerAppScheme', () => {
  it('registers app: as standard and secure', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(APP_SCHEME_PRIVILEGES.privileges.corsEnabled).toBe(false);
  });
});
