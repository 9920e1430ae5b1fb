import type { KeyboardEvent, Rectangle } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const trays: FakeTray[] = [];
  class FakeTray {
    listeners = new Map<string, (event: KeyboardEvent, bounds: Rectangle) => void>();
    image: { path: string; template: boolean };
    title = '';
    tooltip = '';
    popped: unknown[] = [];
    destroyed = false;
    constructor(image: { path: string; template: boolean }) {
      this.image = image;
      trays.push(this);
    }
    setImage(image: { path: string; template: boolean }) {
      this.image = image;
    }
    setTitle(title: string) {
      this.title = title;
    }
    setToolTip(tooltip: string) {
      this.tooltip = tooltip;
    }
    on(event: string, listener: (event: KeyboardEvent, bounds: Rectangle) => void) {
      this.listeners.set(event, listener);
    }
    popUpContextMenu(menu: unknown) {
      this.popped.push(menu);
    }
    setContextMenu() {
      throw new Error('a context menu on the Tray swallows left clicks on macOS');
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    trays,
    Tray: FakeTray,
    nativeImage: {
      createFromPath: (path: string) => {
        const image = { path, template: false, setTemplateImage: (on: boolean) => (image.template = on) };
        return image;
      },
    },
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
  };
});
vi.mock('electron', () => electron);

const { createTray } = await import('@src/main/tray/tray');
const { createAppStore } = await import('@src/main/state/store');
const { defaultSettings } = await import('@src/main/settings/settings');
const { seedDiagnosis, fixedDiagnosis } = await import('../fixtures');
const { threeVmDiagnosis, LIMA_REF, MINIKUBE_REF, PODMAN_REF } = await import('../../support/multi-vm');

function setup() {
  const store = createAppStore({ ...defaultSettings(), launchAtLoginStatus: 'disabled' });
  const onClick = vi.fn();
  const actions = {
    openPopover: vi.fn(),
    recheck: vi.fn(),
    copyDiagnostics: vi.fn(),
    saveSupportBundle: vi.fn(),
    setLaunchAtLogin: vi.fn(),
    setCheckForUpdates: vi.fn(),
    restartToUpdate: vi.fn(),
    quit: vi.fn(),
  };
  const appTray = createTray({ store, assetsDir: '/app/assets', actions, onClick });
  const tray = electron.trays.at(-1)!;
  return { store, onClick, appTray, tray };
}

beforeEach(() => {
  electron.trays.length = 0;
});

describe('createTray', () => {
  it('starts unknown and follows the verdict with a template image, glyph and tooltip', () => {
    const { store, tray } = setup();
    expect(tray.image).toMatchObject({ path: '/app/assets/tray/tray-unknownTemplate.png', template: true });
    store.setState({ diagnosis: seedDiagnosis() });
    expect(tray.image).toMatchObject({ path: '/app/assets/tray/tray-redTemplate.png', template: true });
    expect(tray.title).toBe('✕');
    expect(tray.tooltip).toMatch(/^Bridgelight — broken: NAT translates to 172\.2\.9\.61/);
    store.setState({ diagnosis: fixedDiagnosis() });
    expect(tray.image.path).toBe('/app/assets/tray/tray-greenTemplate.png');
    expect(tray.title).toBe('✓');
  });

  it('shows the worst of several VMs, and a hidden VM never colours it', () => {
    const { store, tray } = setup();
    const diagnosis = threeVmDiagnosis();
    // The first VM is green; the worst one (Lima, red) must still decide the light.
    diagnosis.vms![0]!.verdict = 'green';
    store.setState({ diagnosis });
    expect(tray.image.path).toBe('/app/assets/tray/tray-redTemplate.png');

    // Hiding the red VM turns the light green at once: no new check is needed for it.
    store.setState({ settings: { ...store.getState().settings, hiddenVms: [LIMA_REF] } });
    expect(tray.image.path).toBe('/app/assets/tray/tray-greenTemplate.png');
    expect(tray.title).toBe('✓');

    // Every VM hidden: nothing is left to judge, and the light says unknown, never green.
    store.setState({ settings: { ...store.getState().settings, hiddenVms: [MINIKUBE_REF, LIMA_REF, PODMAN_REF] } });
    expect(tray.image.path).toBe('/app/assets/tray/tray-unknownTemplate.png');
  });

  // The icon on the second display: the bounds the click carries, which the popover must be placed from.
  const ICON: Rectangle = { x: 2900, y: -200, width: 24, height: 38 };
  const plain: KeyboardEvent = {
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    triggeredByAccelerator: false,
  };

  it.each([
    { gesture: 'click', event: 'click', modifiers: plain, opens: 'popover' },
    { gesture: 'ctrl-click', event: 'click', modifiers: { ...plain, ctrlKey: true }, opens: 'menu' },
    { gesture: 'right-click', event: 'right-click', modifiers: plain, opens: 'menu' },
  ] as const)('$gesture opens the $opens', ({ event, modifiers, opens }) => {
    const { store, tray, onClick } = setup();
    store.setState({ checking: true });
    tray.listeners.get(event)!(modifiers, ICON);
    if (opens === 'popover') {
      expect(onClick).toHaveBeenCalledWith(ICON);
      expect(tray.popped).toEqual([]);
    } else {
      expect(onClick).not.toHaveBeenCalled();
      const menu = tray.popped[0] as { template: { id?: string; enabled?: boolean }[] };
      expect(menu.template.find((entry) => entry.id === 'recheck')?.enabled).toBe(false);
    }
  });

  it('stops following the store once destroyed', () => {
    const { store, tray, appTray } = setup();
    appTray.destroy();
    expect(tray.destroyed).toBe(true);
    store.setState({ diagnosis: seedDiagnosis() });
    expect(tray.title).toBe('?');
  });
});
