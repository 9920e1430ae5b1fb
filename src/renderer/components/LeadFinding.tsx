// The answer first: when a finding has a fix, its one-line summary and its Fix button open the popover, above
// the path and the long text, so the button is visible without scrolling. The finding stays in the list below
// with its detail and evidence; its fix lives here only, so there is one Fix button.
import type { Finding } from '../../shared/model';
import { fixSubjectId, usePopover } from '../store';
import { FixAction } from './FixAction';
import { FixFeedback } from './FixFeedback';
import { SeverityMark } from './SeverityMark';

/** The finding that leads: the first one, in the list's order, that offers a fix and is not muted. */
export function leadFinding(ordered: readonly Finding[]): (Finding & { fix: NonNullable<Finding['fix']> }) | null {
  const lead = ordered.find((finding) => finding.fix !== null && finding.muted !== true);
  return lead?.fix ? (lead as Finding & { fix: NonNullable<Finding['fix']> }) : null;
}

export function LeadFinding({ finding }: { finding: Finding & { fix: NonNullable<Finding['fix']> } }) {
  const isFixSubject = usePopover((state) => fixSubjectId(state) === finding.id);
  return (
    <section className="section lead" aria-labelledby="lead-heading" data-lead={finding.id}>
      <div className="finding-head">
        <SeverityMark severity={finding.severity} />
        <h2 className="lead-title" id="lead-heading">
          {finding.title}
        </h2>
      </div>
      <div className="finding-body">
        <FixAction findingId={finding.id} fix={finding.fix} />
        {isFixSubject && <FixFeedback placement="finding" />}
      </div>
    </section>
  );
}
