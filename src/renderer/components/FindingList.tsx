import type { FindingId } from '../../shared/finding-ids';
import type { Finding } from '../../shared/model';
import { causeOf } from '../../shared/presentation';
import { FindingItem } from './FindingItem';

interface Props {
  /** Already in the order shown: root cause first (src/shared/presentation.ts). */
  ordered: readonly Finding[];
  /** The finding whose fix leads the popover (LeadFinding): its Fix button is up there, not repeated here. */
  leadId: FindingId | null;
}

export function FindingList({ ordered, leadId }: Props) {
  return (
    <section className="section" aria-labelledby="findings-heading">
      <h2 className="section-heading" id="findings-heading">
        Findings
      </h2>
      {ordered.length === 0 ? (
        <p className="muted">Nothing wrong found.</p>
      ) : (
        <ul className="findings">
          {ordered.map((finding) => (
            <FindingItem
              key={`${finding.id}|${finding.vm ?? ''}`}
              finding={finding}
              cause={causeOf(ordered, finding)}
              fixAbove={finding.id === leadId}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
