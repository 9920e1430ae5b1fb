import { EventEmitter } from 'node:events';
import { openAllowedExternal } from '@src/main/security/external-links';
import { type LockableContents, lockDownContents } from '@src/main/security/navigation';
import { denyAllPermissions, type PermissionSession } from '@src/main/security/permissions';
import { FINDING_DOCS_BASE, findingDocUrl } from '@src/shared/finding-docs';
import { FINDING_IDS } from '@src/shared/finding-ids';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../fixtures';

class FakeContents extends EventEmitter implements LockableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
}

function locked() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => {});
  lockDownContents(contents, { browser: { openExternal }, log: recordingLogger() });
  return { contents, openExternal };
}

function navigate(contents: FakeContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  const details = { url, preventDefault: vi.fn() };
  contents.emit(event, details);
  return details.preventDefault.mock.calls.length > 0;
}

describe('lockDownContents', () => {
  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://bridgelight.evil.example/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('blocks navigation and redirects to %s', (url) => {
    const { contents } = locked();
    expect(navigate(contents, 'will-navigate', url)).toBe(true);
    expect(navigate(contents, 'will-redirect', url)).toBe(true);
  });

  it('lets the page move within our own origin', () => {
    const { contents } = locked();
    expect(navigate(contents, 'will-navigate', 'app://bridgelight/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'app://bridgelight/index.html#settings')).toBe(false);
  });

  it('never opens a window, and hands only allow-listed https pages to the browser', () => {
    const { contents, openExternal } = locked();
    expect(contents.openHandler!({ url: 'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/' })).toEqual({
      action: 'deny',
    });
    expect(openExternal).toHaveBeenCalledWith('https://minikube.sigs.k8s.io/docs/drivers/hyperkit/');
    for (const url of [
      'https://evil.example/',
      'http://minikube.sigs.k8s.io/docs/drivers/hyperkit/',
      'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/?x=1',
      'https://user@minikube.sigs.k8s.io/docs/drivers/hyperkit/',
      'app://bridgelight/index.html',
      'file:///Applications/Calculator.app',
    ])
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = locked();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('openAllowedExternal', () => {
  it('opens the listed pages only, compared whole rather than by prefix', () => {
    const openExternal = vi.fn(async (_url: string) => {});
    expect(openAllowedExternal('https://minikube.sigs.k8s.io/docs/drivers/hyperkit/', { openExternal })).toBe(true);
    expect(openAllowedExternal('HTTPS://MINIKUBE.SIGS.K8S.IO/docs/drivers/hyperkit/', { openExternal })).toBe(true);
    for (const url of [
      'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/../../../evil',
      'https://minikube.sigs.k8s.io.evil.example/docs/drivers/hyperkit/',
      'https://minikube.sigs.k8s.io/docs/drivers/',
      'https://minikube.sigs.k8s.io/docs/drivers/hyperkit/#x',
      'https://a:b@minikube.sigs.k8s.io/docs/drivers/hyperkit/',
      '',
    ])
      expect(openAllowedExternal(url, { openExternal })).toBe(false);
    expect(openExternal.mock.calls).toEqual([
      ['https://minikube.sigs.k8s.io/docs/drivers/hyperkit/'],
      ['https://minikube.sigs.k8s.io/docs/drivers/hyperkit/'],
    ]);
  });
});

describe('openAllowedExternal: finding pages', () => {
  it("opens each finding id's page, and no page of an id that does not exist", () => {
    const openExternal = vi.fn(async (_url: string) => {});
    for (const id of FINDING_IDS) expect(openAllowedExternal(findingDocUrl(id), { openExternal })).toBe(true);
    expect(openExternal.mock.calls).toEqual(FINDING_IDS.map((id) => [findingDocUrl(id)]));
    for (const url of [
      `${FINDING_DOCS_BASE}not-a-finding.md`,
      `${FINDING_DOCS_BASE}vm-dns-failure.md?x=1`,
      `${FINDING_DOCS_BASE}../../README.md`,
      FINDING_DOCS_BASE,
      findingDocUrl('vm-dns-failure').replace('https:', 'http:'),
    ])
      expect(openAllowedExternal(url, { openExternal })).toBe(false);
    expect(openExternal).toHaveBeenCalledTimes(FINDING_IDS.length);
  });
});

describe('denyAllPermissions', () => {
  function session() {
    const fake = new EventEmitter() as EventEmitter & PermissionSession & Record<string, unknown>;
    fake.setPermissionRequestHandler = (handler) => {
      fake.request = handler;
    };
    fake.setPermissionCheckHandler = (handler) => {
      fake.check = handler;
    };
    fake.setDevicePermissionHandler = (handler) => {
      fake.device = handler;
    };
    denyAllPermissions(fake, recordingLogger());
    return fake as typeof fake & {
      request: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check: (contents: unknown, permission: string) => boolean;
      device: () => boolean;
    };
  }

  it.each(['notifications', 'media', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen'])(
    'denies a %s request and check',
    (permission) => {
      const fake = session();
      const callback = vi.fn();
      fake.request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.check({}, permission)).toBe(false);
    },
  );

  it('denies devices and cancels downloads', () => {
    const fake = session();
    expect(fake.device()).toBe(false);
    const download = { preventDefault: vi.fn() };
    fake.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});
