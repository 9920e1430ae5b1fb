import { mutedCount, shownLight } from '../../shared/mute';
import { VERDICT_WORD } from '../format';
import { usePopover } from '../store';
import { CheckedAt } from './CheckedAt';
import { LightMark } from './LightMark';
import { RecheckButton } from './RecheckButton';
import { SettingsButton } from './SettingsButton';

export function Header() {
  // The light the tray shows: muted findings left out (src/shared/mute.ts).
  const verdict = usePopover((state) => (state.app.diagnosis ? shownLight(state.app.diagnosis) : 'unknown'));
  const muted = usePopover((state) => (state.app.diagnosis ? mutedCount(state.app.diagnosis) : 0));
  const hasDiagnosis = usePopover((state) => state.app.diagnosis !== null);
  const checkedAt = usePopover((state) => state.app.checkedAt);
  const word = VERDICT_WORD[verdict];
  return (
    <header className="header">
      <LightMark light={verdict} label={word} size="large" />
      <div className="header-text">
        <h1 className="verdict" data-verdict={verdict}>
          {word}
        </h1>
        <CheckedAt iso={checkedAt} />
        {muted > 0 && (
          <p className="header-muted">
            {muted} muted finding{muted === 1 ? '' : 's'}
          </p>
        )}
      </div>
      <div className="header-actions">
        <SettingsButton />
        {/* Without a diagnosis the empty state carries the button, so it is not offered twice. */}
        {hasDiagnosis && <RecheckButton />}
      </div>
    </header>
  );
}
