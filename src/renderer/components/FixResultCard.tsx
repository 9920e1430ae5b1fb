import type { FixOutcome, FixResult } from '../../shared/app-api';
import type { Light } from '../../shared/model';
import { undoLabel, VERDICT_WORD } from '../format';
import { dismissResult, isFixBusy, type ShownResult, undoFix, usePopover } from '../store';
import { LightMark } from './LightMark';

type Tone = 'good' | 'caution' | 'neutral' | 'bad';

const TONE: Record<FixOutcome, Tone> = {
  verified: 'good',
  'applied-not-verified': 'caution',
  // The person said no: that is a decision, not a problem.
  cancelled: 'neutral',
  refused: 'caution',
  failed: 'bad',
};

const FIX_TITLE: Record<FixOutcome, string> = {
  verified: 'Fixed and verified',
  'applied-not-verified': 'Applied, not verified yet',
  cancelled: 'Cancelled, nothing changed',
  refused: 'Not applied',
  failed: 'Fix failed',
};

const UNDO_TITLE: Record<FixOutcome, string> = {
  verified: 'Undone and verified',
  'applied-not-verified': 'Undone, not verified yet',
  cancelled: 'Undo cancelled, nothing changed',
  refused: 'Undo not applied',
  failed: 'Undo failed',
};

/** Reads as "to" rather than "rightwards arrow". */
function Arrow() {
  return (
    <>
      <span className="arrow" aria-hidden="true">
        →
      </span>
      <span className="visually-hidden"> to </span>
    </>
  );
}

function VerdictChange({ before, after }: { before: Light; after: Light }) {
  return (
    <div className="change-row">
      <span className="change-label">Verdict</span>
      <span className="change-value">
        <LightMark light={before} label={VERDICT_WORD[before]} /> {VERDICT_WORD[before]}
        <Arrow />
        <LightMark light={after} label={VERDICT_WORD[after]} /> {VERDICT_WORD[after]}
      </span>
    </div>
  );
}

function NatChange({ before, after }: { before: string | null; after: string | null }) {
  return (
    <div className="change-row">
      <span className="change-label">NAT source</span>
      <span className="change-value mono">
        {before ?? 'none'}
        <Arrow />
        {after ?? 'none'}
      </span>
    </div>
  );
}

function canUndo(shown: ShownResult): boolean {
  const applied = shown.result.outcome === 'verified' || shown.result.outcome === 'applied-not-verified';
  // A result that came only in main's state does not say whether it was a fix or an undo; main attaches an
  // undo command only to fixes, so that decides.
  const isFix = shown.kind === 'fix' || (shown.kind === 'main' && shown.result.undoCommand !== undefined);
  return applied && isFix;
}

function UndoAction({ result }: { result: FixResult }) {
  const busy = usePopover(isFixBusy);
  return (
    <div className="undo">
      {result.undoCommand && <code className="command">{result.undoCommand}</code>}
      <button type="button" className="button" disabled={busy} onClick={() => void undoFix(result.findingId)}>
        {undoLabel(result.address, result.interface)}
      </button>
    </div>
  );
}

export function FixResultCard({ shown }: { shown: ShownResult }) {
  const { result } = shown;
  const tone = TONE[result.outcome];
  const title = (shown.kind === 'undo' ? UNDO_TITLE : FIX_TITLE)[result.outcome];
  return (
    <div className={`result result-${tone}`} data-outcome={result.outcome} data-tone={tone}>
      <div className="result-head">
        <h2 className="result-title">{title}</h2>
        <button type="button" className="button button-link" onClick={dismissResult}>
          Dismiss
        </button>
      </div>
      {result.message && <p className="result-message">{result.message}</p>}
      {result.before && result.after && (
        <div className="changes">
          <VerdictChange before={result.before.verdict} after={result.after.verdict} />
          <NatChange before={result.before.natSource} after={result.after.natSource} />
        </div>
      )}
      {canUndo(shown) && <UndoAction result={result} />}
    </div>
  );
}
