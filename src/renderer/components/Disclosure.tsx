// A button that shows and hides a list; its open/closed state lives in the store so it survives re-renders
// caused by main's pushes (a new state must not collapse what the person just opened).
import { useId } from 'react';
import { toggleExpanded, usePopover } from '../store';

interface Props {
  storeKey: string;
  label: string;
  items: readonly string[];
}

export function Disclosure({ storeKey, label, items }: Props) {
  const id = useId();
  const open = usePopover((state) => state.expanded[storeKey] === true);
  if (items.length === 0) return null;
  return (
    <div className="disclosure">
      <button
        type="button"
        className="disclosure-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => toggleExpanded(storeKey)}
      >
        <svg className="chevron" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M6 4 L10 8 L6 12" />
        </svg>
        {label} ({items.length})
      </button>
      <ul className="evidence" id={id} hidden={!open}>
        {items.map((item, index) => (
          // Evidence lines can repeat verbatim; their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
