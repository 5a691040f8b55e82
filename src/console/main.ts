// The console's entry point: renders the frame (app.ts) into the page Nimbus serves at /_nimbus/.

import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app');
if (root) {
  // The static "Loading…" placeholder goes; Preact renders into an empty element.
  root.textContent = '';
  render(html`<${App} />`, root);
  // Tests and the curious read how long the first render took (time to interactive).
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
}
