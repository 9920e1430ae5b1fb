// Progress and result of a fix or undo, shown where the person is looking: inside the finding while it is still
// listed, at the top once a successful fix has made the finding disappear from the new diagnosis.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isFixBusy, resultKey, shownResult, usePopover } from '../store';
import { FixProgressLine } from './FixProgressLine';
import { FixResultCard } from './FixResultCard';

/** Focus left nowhere (its button vanished or got disabled): keyboard users would have to start over. */
function focusWasLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
}

export function FixFeedback({ placement }: { placement: 'top' | 'finding' }) {
  const busy = usePopover(isFixBusy);
  const shown = usePopover(useShallow(shownResult));
  const box = useRef<HTMLDivElement>(null);
  const contentKey = busy ? 'busy' : shown ? resultKey(shown.result) : 'none';

  useEffect(() => {
    const element = box.current;
    if (!element || contentKey === 'none') return;
    // The popover scrolls; what just changed must be in view, not above the fold.
    element.scrollIntoView({ block: 'nearest' });
    if (contentKey !== 'busy' && focusWasLost()) element.focus({ preventScroll: true });
  }, [contentKey]);

  if (!busy && !shown) return null;
  return (
    <div ref={box} className={`fix-feedback fix-feedback-${placement}`} role="status" tabIndex={-1}>
      {busy ? <FixProgressLine /> : shown && <FixResultCard shown={shown} />}
    </div>
  );
}
