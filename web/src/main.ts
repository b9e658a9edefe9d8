// Entry point of the explorer bundle (esbuild → dist/web/app.js, styles → dist/web/app.css).
import './styles.css';
import type cytoscape from 'cytoscape';
import * as api from './api';
import { App } from './app';
import { foldablePanels } from './fold';
import { keepLabelsLegible } from './legibleLabels';
import { registerResearch } from './research';
import { registerUpload } from './upload';
import { registerViews } from './views';

declare global {
  interface Window {
    cy: cytoscape.Core;
    kg: App;
  }
}

const scriptStartMs = Math.round(performance.now());
// Ask for the overview before building anything: the request runs while the page is set up.
const overviewAskedMs = Math.round(performance.now());
const overview = api.overview();
overview.catch(() => undefined);

function boot(): void {
  const app = new App(overview, overviewAskedMs);
  app.timings.scriptStartMs = scriptStartMs;
  window.cy = app.cy;
  window.kg = app;
  const research = registerResearch(app);
  registerViews(app, research);
  registerUpload(app, research, overview);
  foldablePanels(document.getElementById('sidebar')!);
  keepLabelsLegible(app.cy);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
