import { useEffect, useRef } from 'react';
import { findingDocUrl } from '../../shared/finding-docs';
import { isFindingId } from '../../shared/finding-ids';
import type { Finding } from '../../shared/model';
import { fixSubjectId, usePopover } from '../store';
import { Disclosure } from './Disclosure';
import { FixAction } from './FixAction';
import { FixFeedback } from './FixFeedback';
import { MuteControl } from './MuteControl';
import { SeverityMark } from './SeverityMark';

export function FindingItem({ finding, cause }: { finding: Finding; cause: Finding | undefined }) {
  const isFixSubject = usePopover((state) => fixSubjectId(state) === finding.id);
  const focused = usePopover((state) => state.focusedFindingId === finding.id);
  const item = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (focused) item.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  return (
    <li
      ref={item}
      className={`finding${cause ? ' consequence' : ''}${finding.muted ? ' finding-muted' : ''}`}
      data-finding={finding.id}
      data-severity={finding.severity}
      data-muted={finding.muted ? 'true' : undefined}
    >
      <div className="finding-head">
        <SeverityMark severity={finding.severity} />
        <h3 className="finding-title">{finding.title}</h3>
        {finding.muted && <span className="badge badge-muted">Muted</span>}
      </div>
      <div className="finding-body">
        {cause && <p className="finding-cause">A consequence of: {cause.title}</p>}
        <p className="finding-detail">{finding.detail}</p>
        <Disclosure storeKey={`finding:${finding.id}`} label="Evidence" items={finding.evidence} />
        {finding.fix && <FixAction findingId={finding.id} fix={finding.fix} />}
        {isFixSubject && <FixFeedback placement="finding" />}
        {isFindingId(finding.id) && (
          // Opened by main's window-open handler, which hands only the allow-listed finding pages to the browser.
          <a className="finding-doc" href={findingDocUrl(finding.id)} target="_blank" rel="noreferrer">
            About this finding
          </a>
        )}
        <MuteControl finding={finding} />
      </div>
    </li>
  );
}
