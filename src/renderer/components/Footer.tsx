import { useEffect, useState } from 'react';
import { clearError, copyDiagnostics, usePopover } from '../store';

export function Footer() {
  const error = usePopover((state) => state.error);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  return (
    <footer className="footer">
      {error ? (
        <p className="footer-error" role="alert">
          {error}
          <button type="button" className="button button-link" onClick={clearError}>
            Dismiss
          </button>
        </p>
      ) : (
        <span className="footer-note" aria-live="polite">
          {copied ? 'Copied to the clipboard.' : ''}
        </span>
      )}
      <button type="button" className="button button-link" onClick={() => void copyDiagnostics().then(setCopied)}>
        Copy diagnostics
      </button>
    </footer>
  );
}
