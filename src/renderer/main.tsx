import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BridgelightApi } from '../shared/app-api';
import { App } from './components/App';
import { connect } from './store';
import './styles.css';

declare global {
  interface Window {
    /** The preload's one object (src/preload/index.ts); undefined when the preload did not run. */
    bridgelight: BridgelightApi | undefined;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// Without the preload there is no way to reach main: say so rather than show an endless blank popover.
if (typeof window.bridgelight === 'undefined') {
  root.textContent = 'Bridgelight could not connect to its main process (the preload script did not load).';
  root.className = 'fatal';
} else {
  connect(window.bridgelight);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
