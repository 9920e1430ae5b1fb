import type { Finding } from '../../shared/model';
import { isMutedBy, type Mute } from '../../shared/mute';
import { muteFinding, unmuteFinding, usePopover } from '../store';

const NO_MUTES: readonly Mute[] = [];

/**
 * Mute on a finding that counts; Unmute on a muted one, taking back every mute that matches it (for its VM and
 * for every VM). A finding of one VM is muted for that VM only; a host-wide one for every VM.
 */
export function MuteControl({ finding }: { finding: Finding }) {
  const mutes = usePopover((state) => state.app.settings?.mutedFindings ?? NO_MUTES);
  const hasSettings = usePopover((state) => state.app.settings !== undefined);
  if (!hasSettings) return null;
  if (finding.muted) {
    const matching = mutes.filter((mute) => isMutedBy([mute], finding));
    return (
      <button
        type="button"
        className="button button-link finding-mute"
        aria-label={`Unmute ${finding.title}`}
        onClick={() => void Promise.all(matching.map((mute) => unmuteFinding(mute.id, mute.vm)))}
      >
        Unmute
      </button>
    );
  }
  const vm = finding.vm ?? null;
  return (
    <button
      type="button"
      className="button button-link finding-mute"
      aria-label={`Mute ${finding.title}${vm ? ` for ${vm}` : ''}`}
      title="Keep it listed, greyed, but never colour the light or notify"
      onClick={() => void muteFinding(finding.id, vm)}
    >
      {vm ? `Mute for ${vm}` : 'Mute'}
    </button>
  );
}
