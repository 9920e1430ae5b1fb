// Findings reuse the lights' shapes (error = red square, warning = yellow triangle) so one visual language
// covers the whole popover; info gets its own blue "i".
import type { Severity } from '../../shared/model';
import { SEVERITY_WORD } from '../format';
import { LightMark } from './LightMark';

export function SeverityMark({ severity }: { severity: Severity }) {
  const label = SEVERITY_WORD[severity];
  if (severity === 'error') return <LightMark light="red" label={label} />;
  if (severity === 'warning') return <LightMark light="yellow" label={label} />;
  return (
    <svg className="light light-info light-small" viewBox="0 0 16 16" role="img" aria-label={label}>
      <circle className="light-shape" cx="8" cy="8" r="7.5" />
      <circle className="light-glyph-dot" cx="8" cy="4.9" r="0.95" />
      <path className="light-glyph" d="M8 7.4 V11.6" />
    </svg>
  );
}
