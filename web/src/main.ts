// Entry point of the explorer bundle (esbuild → dist/web/app.js, styles → dist/web/app.css).
import './styles.css';
import type cytoscape from 'cytoscape';
import { App } from './app';

declare global {
  interface Window {
    cy: cytoscape.Core;
    kg: App;
  }
}

const scriptStartMs = Math.round(performance.now());

function boot(): void {
  const app = new App();
  app.timings.scriptStartMs = scriptStartMs;
  window.cy = app.cy;
  window.kg = app;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
