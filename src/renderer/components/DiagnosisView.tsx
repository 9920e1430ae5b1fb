import { useMemo } from 'react';
import type { Diagnosis } from '../../shared/model';
import { rootCauseFirst } from '../../shared/presentation';
import { hiddenVmsOf, visibleDiagnosis } from '../../shared/vm-visibility';
import { sortFindings } from '../format';
import { usePopover } from '../store';
import { AddressList } from './AddressList';
import { FindingList } from './FindingList';
import { LeadFinding, leadFinding } from './LeadFinding';
import { PathView } from './PathView';
import { VmList } from './VmList';

const NONE: readonly string[] = [];

/**
 * The answer first (a finding's fix), then the path (one VM's, or the list of VMs, each opening its own), then the
 * findings, which say what is wrong and what to do, then the addresses, which are the detail.
 */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const hiddenVms = usePopover((state) => state.app.settings?.hiddenVms ?? NONE);
  const { visible, hidden } = useMemo(
    () => ({ visible: visibleDiagnosis(diagnosis, hiddenVms), hidden: hiddenVmsOf(diagnosis, hiddenVms) }),
    [diagnosis, hiddenVms],
  );
  const ordered = useMemo(() => rootCauseFirst(sortFindings(visible.findings)), [visible]);
  // With only green VMs shown (the others hidden) the popover has no problem to lead with; the fix stays listed.
  const lead = visible.verdict === 'green' ? null : leadFinding(ordered);
  const several = (diagnosis.vms?.length ?? 0) > 1 || hidden.length > 0;
  return (
    <>
      {lead && <LeadFinding finding={lead} />}
      {several ? (
        <VmList diagnosis={diagnosis} shown={visible.vms ?? []} hidden={hidden} />
      ) : (
        <PathView diagnosis={diagnosis} />
      )}
      <FindingList ordered={ordered} leadId={lead?.id ?? null} />
      {diagnosis.egress && <AddressList egress={diagnosis.egress} />}
    </>
  );
}
