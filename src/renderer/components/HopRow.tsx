import type { Hop } from '../../shared/model';
import { HOP_LABEL, HOP_LIGHT_WORD, NOT_ON_PATH } from '../format';
import { LightMark } from './LightMark';

interface Props {
  hop: Hop;
  subject: string | null;
  /** Extra facts for the tooltip only (bridge members): the row itself stays one line when all is well. */
  detail: string | null;
}

export function HopRow({ hop, subject, detail }: Props) {
  const word = hop.onPath ? HOP_LIGHT_WORD[hop.light] : NOT_ON_PATH;
  // A green hop is fully said by "OK", an off-path one by its word; the summary stays available to hover and
  // to screen readers.
  const quiet = hop.light === 'green' || !hop.onPath;
  return (
    <li
      className="hop"
      data-hop={hop.id}
      data-light={hop.light}
      data-on-path={hop.onPath}
      title={[hop.summary, detail].filter(Boolean).join('\n')}
    >
      <span className="hop-rail" aria-hidden="true" />
      <LightMark light={hop.light} label={`${HOP_LABEL[hop.id]}: ${word}`} />
      <span className="hop-label">{HOP_LABEL[hop.id]}</span>
      <span className="hop-subject">{subject ?? ''}</span>
      <span className={`hop-word word-${hop.light}`} aria-hidden="true">
        {word}
      </span>
      <p className={quiet ? 'hop-summary visually-hidden' : 'hop-summary'}>{hop.summary}</p>
    </li>
  );
}
