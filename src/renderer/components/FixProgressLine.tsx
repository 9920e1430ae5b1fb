import type { FixProgress } from '../../shared/app-api';
import { usePopover } from '../store';

const PHASE_TEXT: Record<FixProgress['phase'], string> = {
  confirming: 'Waiting for your confirmation…',
  rechecking: 'Re-checking before changing anything…',
  elevating: 'Waiting for administrator approval…',
  verifying: 'Verifying the path…',
  done: 'Finishing…',
};

export function FixProgressLine() {
  const phase = usePopover((state) => state.app.fix?.phase);
  const kind = usePopover((state) => state.fixCall?.kind);
  // A state with only the three core fields has no phase: then all we know is that main is working on it.
  const text = phase ? PHASE_TEXT[phase] : 'Working…';
  return (
    <p className="fix-progress">
      <span className="spinner" aria-hidden="true" />
      <span>
        <span className="fix-progress-kind">{kind === 'undo' ? 'Undo' : 'Fix'}:</span> {text}
      </span>
    </p>
  );
}
