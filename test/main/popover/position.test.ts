import { anchorRect, type DisplayArea, displayAt, popoverPosition } from '@src/main/popover/position';
import { describe, expect, it } from 'vitest';

const SIZE = { width: 360, height: 520 };
// A 1440×900 laptop screen with a 25-point menu bar.
const LAPTOP: DisplayArea = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
// A 2560×1440 monitor to the right of it, its menu bar 38 points tall (notch-style).
const MONITOR: DisplayArea = {
  bounds: { x: 1440, y: -200, width: 2560, height: 1440 },
  workArea: { x: 1440, y: -162, width: 2560, height: 1402 },
};
const icon = (x: number, y = 0) => ({ x, y, width: 24, height: 24 });

describe('popoverPosition', () => {
  it('centres the popover under the icon, just below the menu bar', () => {
    expect(popoverPosition(icon(700), SIZE, [LAPTOP])).toEqual({ x: 532, y: 28 });
  });

  it('never goes past the right edge', () => {
    expect(popoverPosition(icon(1400), SIZE, [LAPTOP])).toEqual({ x: 1080, y: 28 });
  });

  it('never goes past the left edge', () => {
    expect(popoverPosition(icon(10), SIZE, [LAPTOP])).toEqual({ x: 0, y: 28 });
  });

  it('never overlaps the menu bar even when the icon bounds say otherwise', () => {
    expect(popoverPosition({ x: 700, y: 0, width: 24, height: 10 }, SIZE, [LAPTOP]).y).toBe(25);
  });

  it('uses the display the icon is on', () => {
    const onMonitor = popoverPosition(icon(3900, -200), SIZE, [LAPTOP, MONITOR]);
    // Its right edge, and just under its taller menu bar (the icon's own bottom + gap would be above it).
    expect(onMonitor).toEqual({ x: 4000 - 360, y: -162 });
    const onLaptop = popoverPosition(icon(1420), SIZE, [MONITOR, LAPTOP]);
    expect(onLaptop.x).toBe(1080);
  });

  it('clamps to the display edge between two displays rather than spanning both', () => {
    const nearSeam = popoverPosition(icon(1450, -200), SIZE, [LAPTOP, MONITOR]);
    expect(nearSeam.x).toBe(1440);
  });

  it('opens upwards from a panel at the bottom of the screen', () => {
    const bottom: DisplayArea = {
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    };
    expect(popoverPosition({ x: 1800, y: 1046, width: 30, height: 30 }, SIZE, [bottom])).toEqual({
      x: 1560,
      y: 520,
    });
  });

  it('keeps a popover taller than the work area at its top', () => {
    const tiny: DisplayArea = {
      bounds: { x: 0, y: 0, width: 800, height: 400 },
      workArea: { x: 0, y: 25, width: 800, height: 375 },
    };
    expect(popoverPosition(icon(400), SIZE, [tiny]).y).toBe(25);
  });

  it('still answers with no display information', () => {
    expect(popoverPosition(icon(700), SIZE, [])).toEqual({ x: 532, y: 28 });
  });
});

describe('displayAt', () => {
  // A display's far edges (x + width, y + height) are its neighbour's first pixels, not its own.
  it("gives a point on a display's right edge to the display beyond it", () => {
    expect(displayAt([LAPTOP, MONITOR], 1440, 10)).toBe(MONITOR);
    expect(displayAt([LAPTOP, MONITOR], 1439, 10)).toBe(LAPTOP);
  });

  it("gives a point on a display's bottom edge to the display below it", () => {
    const below: DisplayArea = {
      bounds: { x: 0, y: 900, width: 1440, height: 900 },
      workArea: { x: 0, y: 900, width: 1440, height: 900 },
    };
    expect(displayAt([LAPTOP, below], 100, 900)).toBe(below);
    expect(displayAt([LAPTOP, below], 100, 899)).toBe(LAPTOP);
  });

  it('places an icon whose centre is on the seam on the display beyond it', () => {
    // Centre x = 1428 + 12 = 1440: the monitor's first column, so the popover opens on the monitor.
    expect(popoverPosition(icon(1428), SIZE, [LAPTOP, MONITOR]).x).toBe(1440);
  });

  it('picks the nearest display for a point outside all of them', () => {
    expect(displayAt([LAPTOP, MONITOR], 5000, 0)).toBe(MONITOR);
    expect(displayAt([LAPTOP, MONITOR], -50, 100)).toBe(LAPTOP);
  });
});

describe('anchorRect', () => {
  it('falls back to the pointer when the tray reports empty bounds', () => {
    expect(anchorRect({ x: 0, y: 0, width: 0, height: 0 }, { x: 900, y: 12 })).toEqual({
      x: 900,
      y: 12,
      width: 1,
      height: 1,
    });
    expect(anchorRect(icon(700), { x: 900, y: 12 })).toEqual(icon(700));
  });

  it('puts the popover at the top of the display under the pointer when the status item is hidden', () => {
    const hidden = { x: 0, y: 0, width: 0, height: 0 };
    // The pointer is in the middle of the external monitor (re-launched from Spotlight, icon behind the notch).
    const anchor = anchorRect(hidden, { x: 2600, y: 500 }, [LAPTOP, MONITOR]);
    expect(popoverPosition(anchor, SIZE, [LAPTOP, MONITOR])).toEqual({ x: 2421, y: -158 });
  });

  it('falls back when either side of the bounds is empty', () => {
    const pointer = { x: 900, y: 12, width: 1, height: 1 };
    expect(anchorRect({ x: 700, y: 0, width: 0, height: 24 }, pointer)).toEqual(pointer);
    expect(anchorRect({ x: 700, y: 0, width: 24, height: 0 }, pointer)).toEqual(pointer);
  });
});
