import type { Diagnosis } from '../../shared/model';
import { AddressList } from './AddressList';
import { FindingList } from './FindingList';
import { PathView } from './PathView';

/** Findings come before the addresses: they say what is wrong and what to do; the addresses are the detail. */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <>
      <PathView diagnosis={diagnosis} />
      <FindingList findings={diagnosis.findings} />
      {diagnosis.egress && <AddressList egress={diagnosis.egress} />}
    </>
  );
}
