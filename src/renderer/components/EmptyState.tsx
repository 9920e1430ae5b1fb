import { usePopover } from '../store';
import { RecheckButton } from './RecheckButton';

export function EmptyState() {
  const checking = usePopover((state) => state.app.checking);
  return (
    <div className="empty">
      {checking ? (
        <p className="empty-title" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Checking…
        </p>
      ) : (
        <>
          <p className="empty-title">No check yet</p>
          <p className="empty-detail">Bridgelight has not looked at the path from the VM to the internet yet.</p>
          <RecheckButton primary />
        </>
      )}
    </div>
  );
}
