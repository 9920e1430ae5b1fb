import { useId } from 'react';
import type { Settings } from '../../shared/app-api';
import { updateSettings } from '../store';

const STATUS_NOTE: Partial<Record<NonNullable<Settings['launchAtLoginStatus']>, string>> = {
  'requires-approval':
    'macOS is waiting for your approval: allow Bridgelight in System Settings → General → Login Items.',
  'not-supported': 'This build cannot start at login.',
  'not-found':
    'macOS could not register Bridgelight where it runs from: move it to Applications, open it from there, and try again.',
};

export function LaunchAtLogin({ settings }: { settings: Settings }) {
  const noteId = useId();
  const status = settings.launchAtLoginStatus;
  const note = status ? STATUS_NOTE[status] : undefined;
  return (
    <div className="setting">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.launchAtLogin}
          disabled={status === 'not-supported'}
          aria-describedby={note ? noteId : undefined}
          onChange={(event) => void updateSettings({ launchAtLogin: event.currentTarget.checked })}
        />
        Launch at login
      </label>
      {note && (
        <p className="setting-note" id={noteId} data-status={status}>
          {note}
        </p>
      )}
    </div>
  );
}
