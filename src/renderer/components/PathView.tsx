import { type Diagnosis, HOP_IDS, type Hop, type HopId } from '../../shared/model';
import { hopSubject } from '../format';
import { HopRow } from './HopRow';

/** Always the six hops in path order: a hop main did not report is drawn as unknown, not left out. */
function hopFor(id: HopId, diagnosis: Diagnosis): Hop {
  return (
    diagnosis.hops.find((hop) => hop.id === id) ?? { id, light: 'unknown', summary: 'Not reported.', onPath: true }
  );
}

function hopDetail(id: HopId, diagnosis: Diagnosis): string | null {
  if (id === 'bridge' && diagnosis.bridge && diagnosis.bridge.members.length > 0) {
    return `members ${diagnosis.bridge.members.join(', ')}`;
  }
  return null;
}

export function PathView({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <section className="section" aria-labelledby="path-heading">
      <h2 className="section-heading" id="path-heading">
        Path
      </h2>
      <ol className="path">
        {HOP_IDS.map((id) => (
          <HopRow
            key={id}
            hop={hopFor(id, diagnosis)}
            subject={hopSubject(id, diagnosis)}
            detail={hopDetail(id, diagnosis)}
          />
        ))}
      </ol>
    </section>
  );
}
