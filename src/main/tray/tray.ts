// The menu-bar item: its image, title and tooltip follow the store; a left click toggles the popover and a
// right click (or ctrl-click) opens the menu. No context menu is set on the Tray itself: on macOS that would
// swallow the left click.
import { join } from 'node:path';
import { Menu, nativeImage, type Rectangle, Tray } from 'electron';
import { shownDiagnosis } from '../state/shown';
import type { AppStore } from '../state/store';
import { type TrayActions, trayMenuTemplate } from './menu';
import { type TrayPresentation, trayPresentation } from './tray-state';

export interface TrayDeps {
  store: AppStore;
  assetsDir: string;
  actions: TrayActions;
  /** A plain left click, with the icon's bounds as the click event carries them. */
  onClick(bounds: Rectangle): void;
}

export interface AppTray {
  tray: Tray;
  destroy(): void;
}

function image(assetsDir: string, name: string) {
  const loaded = nativeImage.createFromPath(join(assetsDir, name));
  loaded.setTemplateImage(true);
  return loaded;
}

export function createTray(deps: TrayDeps): AppTray {
  const initial = trayPresentation(shownDiagnosis(deps.store.getState()), deps.store.getState().checking);
  const tray = new Tray(image(deps.assetsDir, initial.image));
  let shown: TrayPresentation | null = null;
  const render = (next: TrayPresentation) => {
    if (shown?.image !== next.image) tray.setImage(image(deps.assetsDir, next.image));
    if (shown?.title !== next.title) tray.setTitle(next.title);
    if (shown?.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    shown = next;
  };
  render(initial);
  const unsubscribe = deps.store.subscribe((state) => render(trayPresentation(shownDiagnosis(state), state.checking)));
  const openMenu = () =>
    tray.popUpContextMenu(Menu.buildFromTemplate(trayMenuTemplate(deps.store.getState(), deps.actions)));
  // macOS reports a ctrl-click as a `click` with ctrlKey set; the Mac convention is that it opens the menu.
  tray.on('click', (event, bounds) => (event.ctrlKey ? openMenu() : deps.onClick(bounds)));
  tray.on('right-click', openMenu);
  return {
    tray,
    destroy() {
      unsubscribe();
      tray.destroy();
    },
  };
}
