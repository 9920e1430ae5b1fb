import type { Settings } from '../../shared/app-api';
import { updateSettings } from '../store';

export function IgnoredAddresses({ settings }: { settings: Settings }) {
  const addresses = settings.ignoredAddresses;
  return (
    <div className="setting">
      <h3 className="setting-title">Ignored addresses</h3>
      {addresses.length === 0 ? (
        <p className="muted">
          None. An ignored address never triggers a notification; the light and the findings still show it.
        </p>
      ) : (
        <ul className="setting-list">
          {addresses.map((address) => (
            <li key={address} className="setting-item">
              <span className="mono">{address}</span>
              <button
                type="button"
                className="button button-link"
                aria-label={`Stop ignoring ${address}`}
                onClick={() => void updateSettings({ ignoredAddresses: addresses.filter((a) => a !== address) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
