import { recheck, usePopover } from '../store';

export function RecheckButton({ primary = false }: { primary?: boolean }) {
  const checking = usePopover((state) => state.app.checking);
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={checking}
      aria-busy={checking}
      onClick={() => void recheck()}
    >
      {checking ? (
        <>
          <span className="spinner" aria-hidden="true" />
          Checking…
        </>
      ) : (
        'Re-check'
      )}
    </button>
  );
}
