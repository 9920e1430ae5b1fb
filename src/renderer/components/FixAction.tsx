// Only the finding id goes to main: main re-derives the interface, address and command from its own fresh
// diagnosis, so nothing shown (or tampered with) in this page can widen what gets run as root.
import { useId } from 'react';
import type { FindingId } from '../../shared/finding-ids';
import type { Fix } from '../../shared/model';
import { fixLabel } from '../format';
import { isFixBusy, fix as runFix, usePopover } from '../store';

interface Props {
  findingId: FindingId;
  fix: Fix;
}

export function FixAction({ findingId, fix }: Props) {
  const commandId = useId();
  const busy = usePopover(isFixBusy);
  return (
    <div className="fix-action">
      <p className="fix-command-label">
        Runs, after you confirm:
        <code className="command" id={commandId}>
          {fix.command}
        </code>
      </p>
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        aria-describedby={commandId}
        onClick={() => void runFix(findingId)}
      >
        {fixLabel(fix)}
      </button>
    </div>
  );
}
