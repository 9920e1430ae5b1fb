import type { Finding } from '../../shared/model';
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
          {sortFindings(findings).map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
      )}
    </section>
  );
}
