// Several VMs: one row each (its light, name and runtime), each opening its own path; the VMs the user hid are
// listed apart, greyed, with a way to show them again. Hiding goes to main (hideVm), which stops the VM from
// colouring the tray and notifying; the list here only mirrors main's settings.
import { useId } from 'react';
import { diagnosisOfVm } from '../../shared/diagnosis/multi';
import type { Diagnosis, VmDiagnosis } from '../../shared/model';
import { vmRuntime } from '../../shared/vm-visibility';
import { HOP_LIGHT_WORD } from '../format';
import { hideVm, showVm, toggleExpanded, usePopover } from '../store';
import { LightMark } from './LightMark';
import { HopList } from './PathView';

interface Props {
  diagnosis: Diagnosis;
  shown: readonly VmDiagnosis[];
  hidden: readonly VmDiagnosis[];
}

function VmRow({ diagnosis, vm }: { diagnosis: Diagnosis; vm: VmDiagnosis }) {
  const pathId = useId();
  const open = usePopover((state) => state.expanded[`vm:${vm.ref}`] === true);
  const word = HOP_LIGHT_WORD[vm.verdict];
  return (
    <li className="vm" data-vm={vm.ref} data-light={vm.verdict}>
      <div className="vm-line">
        <button
          type="button"
          className="vm-toggle"
          aria-expanded={open}
          aria-controls={pathId}
          // A long name or runtime is cut short on the row: the whole of both on hover.
          title={`${vm.name} (${vmRuntime(vm)})`}
          onClick={() => toggleExpanded(`vm:${vm.ref}`)}
        >
          <LightMark light={vm.verdict} label={`${vm.name}: ${word}`} />
          <span className="vm-name">{vm.name}</span>
          <span className="vm-runtime">{vmRuntime(vm)}</span>
          <span className={`vm-word word-${vm.verdict}`} aria-hidden="true">
            {word}
          </span>
        </button>
        <button
          type="button"
          className="button button-link vm-hide"
          aria-label={`Hide ${vm.name} (${vmRuntime(vm)})`}
          onClick={() => void hideVm(vm.ref)}
        >
          Hide
        </button>
      </div>
      <div className="vm-path" id={pathId} hidden={!open}>
        {open && <HopList diagnosis={diagnosisOfVm(diagnosis, vm)} />}
      </div>
    </li>
  );
}

function HiddenVm({ vm }: { vm: VmDiagnosis }) {
  return (
    <li className="vm vm-hidden" data-vm={vm.ref}>
      <div className="vm-line">
        <span className="vm-name">{vm.name}</span>
        <span className="vm-runtime">{vmRuntime(vm)}</span>
        <button
          type="button"
          className="button button-link vm-show"
          aria-label={`Show ${vm.name} (${vmRuntime(vm)}) again`}
          onClick={() => void showVm(vm.ref)}
        >
          Show
        </button>
      </div>
    </li>
  );
}

export function VmList({ diagnosis, shown, hidden }: Props) {
  return (
    <section className="section" aria-labelledby="vms-heading">
      <h2 className="section-heading" id="vms-heading">
        VMs
      </h2>
      {shown.length === 0 ? (
        <p className="muted">Every VM is hidden: the light has nothing to judge.</p>
      ) : (
        <ul className="vms">
          {shown.map((vm) => (
            <VmRow key={vm.ref} diagnosis={diagnosis} vm={vm} />
          ))}
        </ul>
      )}
      {hidden.length > 0 && (
        <>
          <h3 className="vms-hidden-heading">Hidden: not in the light or notifications</h3>
          <ul className="vms vms-hidden">
            {hidden.map((vm) => (
              <HiddenVm key={vm.ref} vm={vm} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
