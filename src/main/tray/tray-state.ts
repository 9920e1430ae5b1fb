// What the menu-bar item shows for a state. Template images are recoloured by macOS (black/white only), so
// the light is carried by each image's shape and by the title glyph, never by colour alone.
import type { Diagnosis, Hop, Light } from '../../shared/model';

export interface TrayPresentation {
  /** Relative to the assets folder; the `@2x` variant beside it is picked up by nativeImage. */
  image: string;
  tooltip: string;
  /** Text beside the icon: one glyph per light, distinct in shape. */
  title: string;
}

export const TRAY_GLYPH: Record<Light, string> = { green: '✓', yellow: '▲', red: '✕', unknown: '?' };
export const VERDICT_WORD: Record<Light, string> = {
  green: 'all clear',
  yellow: 'degraded',
  red: 'broken',
  unknown: 'unknown',
};

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };

export function trayImage(light: Light): string {
  return `tray/tray-${light}Template.png`;
}

/** The hop a person should look at first: the worst light, earliest on the path. */
export function worstHop(hops: readonly Hop[]): Hop | null {
  let worst: Hop | null = null;
  for (const hop of hops) if (!worst || LIGHT_RANK[hop.light] < LIGHT_RANK[worst.light]) worst = hop;
  return worst;
}

// Tooltips are one line and macOS truncates long ones anyway.
const MAX_TOOLTIP = 120;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return flat.length > MAX_TOOLTIP ? `${flat.slice(0, MAX_TOOLTIP - 1)}…` : flat;
}

export function trayPresentation(diagnosis: Diagnosis | null, checking: boolean): TrayPresentation {
  const light: Light = diagnosis?.verdict ?? 'unknown';
  let line: string;
  if (!diagnosis) line = checking ? 'checking…' : 'no check yet';
  else {
    const worst = worstHop(diagnosis.hops);
    const detail = worst && worst.light !== 'green' ? `: ${oneLine(worst.summary)}` : '';
    line = `${VERDICT_WORD[light]}${detail}${checking ? ' (re-checking…)' : ''}`;
  }
  return { image: trayImage(light), tooltip: `Bridgelight — ${line}`, title: TRAY_GLYPH[light] };
}
