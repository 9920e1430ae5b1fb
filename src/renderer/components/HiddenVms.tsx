import type { Settings } from '../../shared/app-api';
import { showVm } from '../store';

/** Every hidden VM, including one not running now (the VM list shows only the VMs of the last check). */
export function HiddenVms({ settings }: { settings: Settings }) {
  const hidden = settings.hiddenVms;
  return (
    <div className="setting">
      <h3 className="setting-title">Hidden VMs</h3>
      {hidden.length === 0 ? (
        <p className="muted">None. A hidden VM neither colours the light nor notifies; Hide it from the VM list.</p>
      ) : (
        <ul className="setting-list">
          {hidden.map((vm) => (
            <li key={vm} className="setting-item">
              <span className="mono">{vm}</span>
              <button
                type="button"
                className="button button-link"
                aria-label={`Show ${vm} again`}
                onClick={() => void showVm(vm)}
              >
                Show
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
