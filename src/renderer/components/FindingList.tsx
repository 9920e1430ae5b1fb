import type { Finding } from '../../shared/model';
import { causeOf, rootCauseFirst } from '../../shared/presentation';
import { sortFindings } from '../format';
import { FindingItem } from './FindingItem';

export function FindingList({ findings }: { findings: readonly Finding[] }) {
  return (
    <section className="section" aria-labelledby="findings-heading">
      <h2 className="section-heading" id="findings-heading">
        Findings
      </h2>
      {findings.length === 0 ? (
        <p className="muted">Nothing wrong found.</p>
      ) : (
        <ul className="findings">
          {rootCauseFirst(sortFindings(findings)).map((finding, _index, ordered) => (
            <FindingItem key={finding.id} finding={finding} cause={causeOf(ordered, finding)} />
          ))}
        </ul>
      )}
    </section>
  );
}
