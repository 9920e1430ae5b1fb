// What the menu-bar item shows for a state. Template images are recoloured by macOS (black/white only), so
// the light is carried by each image's shape and by the title glyph, never by colour alone.
import type { Diagnosis, Light } from '../../shared/model';
import { mutedCount, shownLight } from '../../shared/mute';
import { LIGHT_GLYPH, VERDICT_WORD as SHARED_VERDICT_WORD, verdictReason, worstHop } from '../../shared/presentation';

export { worstHop };

export interface TrayPresentation {
  /** Relative to the assets folder; the `@2x` variant beside it is picked up by nativeImage. */
  image: string;
  tooltip: string;
  /** Text beside the icon: one glyph per light, distinct in shape. */
  title: string;
}

export const TRAY_GLYPH = LIGHT_GLYPH;
/** Lower case: the tooltip reads "Bridgelight — broken: …". */
export const VERDICT_WORD = Object.fromEntries(
  Object.entries(SHARED_VERDICT_WORD).map(([light, word]) => [light, word.toLowerCase()]),
) as Record<Light, string>;

export function trayImage(light: Light): string {
  return `tray/tray-${light}Template.png`;
}

// Tooltips are one line and macOS truncates long ones anyway.
const MAX_TOOLTIP = 120;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return flat.length > MAX_TOOLTIP ? `${flat.slice(0, MAX_TOOLTIP - 1)}…` : flat;
}

export function trayPresentation(diagnosis: Diagnosis | null, checking: boolean): TrayPresentation {
  // Muted findings never colour the menu bar (src/shared/mute.ts): the light is what is left without them.
  const light: Light = diagnosis ? shownLight(diagnosis) : 'unknown';
  let line: string;
  if (!diagnosis) line = checking ? 'checking…' : 'no check yet';
  else {
    // The worst hop explains the verdict; once mutes changed the light it no longer explains what is shown.
    const why = light === diagnosis.verdict ? verdictReason(diagnosis) : null;
    const detail = why ? `: ${oneLine(why)}` : '';
    const count = mutedCount(diagnosis);
    const muted = count > 0 ? ` (${count} muted)` : '';
    line = `${VERDICT_WORD[light]}${detail}${muted}${checking ? ' (re-checking…)' : ''}`;
  }
  return { image: trayImage(light), tooltip: `Bridgelight — ${line}`, title: TRAY_GLYPH[light] };
}
