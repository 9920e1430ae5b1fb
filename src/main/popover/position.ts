// Where the popover goes: centred under the tray icon, kept inside the work area of the display the icon is
// on. Pure, so every edge and display arrangement is a plain test.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface DisplayArea {
  bounds: Rect;
  workArea: Rect;
}

/** Space between the menu bar and the popover. */
const GAP = 4;

function contains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
}

function distanceSquared(rect: Rect, x: number, y: number): number {
  const dx = Math.max(rect.x - x, 0, x - (rect.x + rect.width));
  const dy = Math.max(rect.y - y, 0, y - (rect.y + rect.height));
  return dx * dx + dy * dy;
}

/** The display holding the point, else the nearest one (a point between displays, or just off one). */
export function displayAt(displays: readonly DisplayArea[], x: number, y: number): DisplayArea | null {
  let best: DisplayArea | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const display of displays) {
    if (contains(display.bounds, x, y)) return display;
    const distance = distanceSquared(display.bounds, x, y);
    if (distance < bestDistance) {
      best = display;
      bestDistance = distance;
    }
  }
  return best;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Top-left corner for a window of `size` anchored on `anchor` (the tray icon's bounds). Below the anchor when it
 * sits in the upper half of its display (macOS menu bar), above it otherwise (a bottom panel on Linux).
 */
export function popoverPosition(anchor: Rect, size: Size, displays: readonly DisplayArea[]): { x: number; y: number } {
  const centreX = anchor.x + anchor.width / 2;
  const centreY = anchor.y + anchor.height / 2;
  const display = displayAt(displays, centreX, centreY);
  if (!display) return { x: Math.round(centreX - size.width / 2), y: Math.round(anchor.y + anchor.height + GAP) };
  const area = display.workArea;
  const below = centreY < display.bounds.y + display.bounds.height / 2;
  const x = clamp(Math.round(centreX - size.width / 2), area.x, area.x + area.width - size.width);
  const wantedY = below ? anchor.y + anchor.height + GAP : anchor.y - size.height - GAP;
  const y = clamp(Math.round(wantedY), area.y, area.y + area.height - size.height);
  return { x, y };
}

/**
 * Where to anchor when the tray's bounds are empty: a status item hidden by the notch or macOS 26's menu-bar
 * settings, or a Linux tray that reports none. The popover goes to the top of the display under the pointer,
 * centred on the pointer, as if the icon sat in that display's menu bar.
 */
export function anchorRect(
  trayBounds: Rect,
  cursor: { x: number; y: number },
  displays: readonly DisplayArea[] = [],
): Rect {
  if (trayBounds.width > 0 && trayBounds.height > 0) return trayBounds;
  const display = displayAt(displays, cursor.x, cursor.y);
  const top = display ? display.workArea.y - 1 : cursor.y;
  return { x: cursor.x, y: top, width: 1, height: 1 };
}
