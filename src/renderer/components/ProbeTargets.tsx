import { type FormEvent, useId, useState } from 'react';
import type { Settings } from '../../shared/app-api';
import { isProbeTarget } from '../format';
import { updateSettings } from '../store';

export function ProbeTargets({ settings }: { settings: Settings }) {
  const inputId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const targets = settings.probeTargets;

  const add = async (event: FormEvent) => {
    // The CSP forbids form submission; the form is here for Enter-to-add and its semantics.
    event.preventDefault();
    const target = draft.trim();
    if (!isProbeTarget(target)) {
      setProblem('Use host:port, for example example.com:443.');
      return;
    }
    if (targets.includes(target)) {
      setProblem(`${target} is already in the list.`);
      return;
    }
    setProblem(null);
    if (await updateSettings({ probeTargets: [...targets, target] })) setDraft('');
  };

  return (
    <fieldset className="setting">
      <legend className="setting-title">Probe targets</legend>
      {targets.length === 0 ? (
        <p className="muted">None: only the route is checked, not the internet.</p>
      ) : (
        <ul className="setting-list">
          {targets.map((target) => (
            <li key={target} className="setting-item">
              <span className="mono">{target}</span>
              <button
                type="button"
                className="button button-link"
                aria-label={`Remove ${target}`}
                onClick={() => void updateSettings({ probeTargets: targets.filter((t) => t !== target) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <label htmlFor={inputId} className="visually-hidden">
          New probe target (host:port)
        </label>
        <input
          id={inputId}
          className="text-input mono"
          placeholder="host:port"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={draft}
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setProblem(null);
          }}
        />
        <button type="submit" className="button" disabled={draft.trim() === ''}>
          Add
        </button>
      </form>
      {problem && (
        <p className="field-error" id={errorId} role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
