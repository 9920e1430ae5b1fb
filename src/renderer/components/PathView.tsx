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

/** The hops of the diagnosis' VM; a hop off its path names nothing (a user-mode VM has no NAT source). */
export function HopList({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <ol className="path">
      {HOP_IDS.map((id) => {
        const hop = hopFor(id, diagnosis);
        return (
          <HopRow
            key={id}
            hop={hop}
            subject={hop.onPath ? hopSubject(id, diagnosis) : null}
            detail={hopDetail(id, diagnosis)}
          />
        );
      })}
    </ol>
  );
}

export function PathView({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <section className="section" aria-labelledby="path-heading">
      <h2 className="section-heading" id="path-heading">
        Path
      </h2>
      <HopList diagnosis={diagnosis} />
    </section>
  );
}
