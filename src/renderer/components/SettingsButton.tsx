import { setSettingsOpen, usePopover } from '../store';

/** Only there when main sent settings: a state without them has nothing to edit. */
export function SettingsButton() {
  const hasSettings = usePopover((state) => state.app.settings !== undefined);
  const open = usePopover((state) => state.settingsOpen);
  if (!hasSettings) return null;
  return (
    <button
      type="button"
      className="button button-icon"
      aria-pressed={open}
      aria-label={open ? 'Close settings' : 'Settings'}
      title={open ? 'Close settings' : 'Settings'}
      onClick={() => setSettingsOpen(!open)}
    >
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
        {open ? (
          <path d="M4 4 L12 12 M12 4 L4 12" />
        ) : (
          <>
            <path d="M2.5 4.5 H13.5 M2.5 8 H13.5 M2.5 11.5 H13.5" />
            <circle cx="5.5" cy="4.5" r="1.6" />
            <circle cx="10.5" cy="8" r="1.6" />
            <circle cx="6.5" cy="11.5" r="1.6" />
          </>
        )}
      </svg>
    </button>
  );
}
