// A traffic light that also reads without colour: each light has its own shape and glyph, and a label.
import type { Light } from '../../shared/model';

interface Props {
  light: Light;
  /** What a screen reader says, e.g. "Broken". */
  label: string;
  size?: 'small' | 'large';
}

export function LightMark({ light, label, size = 'small' }: Props) {
  return (
    <svg className={`light light-${light} light-${size}`} viewBox="0 0 16 16" role="img" aria-label={label}>
      <LightShape light={light} />
      <LightGlyph light={light} />
    </svg>
  );
}

function LightShape({ light }: { light: Light }) {
  switch (light) {
    case 'green':
      return <circle className="light-shape" cx="8" cy="8" r="7.5" />;
    case 'yellow':
      // Stroked in its own fill colour with round joins: a triangle with softened corners.
      return <path className="light-shape light-shape-stroked" d="M8 1.6 L14.9 13.9 H1.1 Z" />;
    case 'red':
      return <rect className="light-shape" x="1" y="1" width="14" height="14" rx="3" />;
    case 'unknown':
      return <circle className="light-shape light-shape-hollow" cx="8" cy="8" r="6.6" />;
  }
}

function LightGlyph({ light }: { light: Light }) {
  switch (light) {
    case 'green':
      return <path className="light-glyph" d="M4.6 8.3 L7 10.6 L11.4 5.6" />;
    case 'yellow':
      return (
        <>
          <path className="light-glyph" d="M8 6.1 V9.4" />
          <circle className="light-glyph-dot" cx="8" cy="11.7" r="0.95" />
        </>
      );
    case 'red':
      return <path className="light-glyph" d="M5.4 5.4 L10.6 10.6 M10.6 5.4 L5.4 10.6" />;
    case 'unknown':
      return (
        <>
          <path className="light-glyph" d="M6.3 6.4 a1.75 1.75 0 1 1 2.5 1.6 c-0.55 0.27 -0.8 0.6 -0.8 1.2 v0.2" />
          <circle className="light-glyph-dot" cx="8" cy="11.3" r="0.85" />
        </>
      );
  }
}
