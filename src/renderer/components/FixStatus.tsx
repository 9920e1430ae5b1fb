import { fixSubjectId, usePopover } from '../store';
import { FixFeedback } from './FixFeedback';

/**
 * The top slot for fix feedback, used only when the finding it is about is not listed (a verified fix removes
 * it; an undo's finding only comes back with the next diagnosis). Otherwise the finding shows it in place.
 */
export function FixStatus() {
  const subject = usePopover(fixSubjectId);
  const listed = usePopover(
    (state) => subject !== null && (state.app.diagnosis?.findings.some((finding) => finding.id === subject) ?? false),
  );
  if (subject === null || listed) return null;
  return <FixFeedback placement="top" />;
}
