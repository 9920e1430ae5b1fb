import { type FormEvent, useId, useState } from 'react';
import type { Settings } from '../../shared/app-api';
import { updateSettings } from '../store';

export function MinikubeProfile({ settings }: { settings: Settings }) {
  const inputId = useId();
  // null = not being edited: show main's value, so a change made elsewhere is not masked by a stale draft.
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? settings.minikubeProfile;
  const changed = draft !== null && draft.trim() !== '' && draft.trim() !== settings.minikubeProfile;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    if (await updateSettings({ minikubeProfile: value.trim() })) setDraft(null);
  };

  return (
    <div className="setting">
      <label htmlFor={inputId} className="setting-title">
        minikube profile
      </label>
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <input
          id={inputId}
          className="text-input mono"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={value}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" className="button" disabled={!changed}>
          Save
        </button>
      </form>
    </div>
  );
}
