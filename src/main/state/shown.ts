// What the tray shows is the diagnosis without the VMs the user hid (src/shared/vm-visibility.ts): a hidden VM
// never colours the light. The store keeps the whole diagnosis, so the popover can still offer to show it again.
import type { Diagnosis } from '../../shared/model';
import { visibleDiagnosis } from '../../shared/vm-visibility';
import type { MainState } from './store';

export function shownDiagnosis(state: Pick<MainState, 'diagnosis' | 'settings'>): Diagnosis | null {
  return state.diagnosis && visibleDiagnosis(state.diagnosis, state.settings.hiddenVms);
}
