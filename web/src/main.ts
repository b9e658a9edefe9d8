// Entry point of the explorer bundle (esbuild → dist/web/app.js, an ES module whose lazy parts are in
// dist/web/chunks/; styles → dist/web/app.css).
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
// boot.js asked for the overview at navigation; without it (an older index.html), ask now,
// before building anything: the request runs while the page is set up.
const booted = window.kgBoot;
const overviewAskedMs = Math.round(booted?.askedMs ?? performance.now());
const overview = api.overview(booted?.overview);
overview.catch(() => undefined);

function boot(): void {
  const app = new App(overview, overviewAskedMs);
  app.timings.scriptStartMs = scriptStartMs;
  window.cy = app.cy;
  window.kg = app;
  const research = registerResearch(app);
  registerViews(app, research);
  registerUpload(app, research, overview);
  // Folding measures the page's layout, again after each change to the sidebar: not before the first graph is drawn.
  void app.firstGraph.then(() => foldablePanels(document.getElementById('sidebar')!));
  keepLabelsLegible(app.cy);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
// Not from this script's top level: a request made with it on the stack (the live /events
// connection) has DevTools, when attached (the browser tests, the bench), work out source
// positions for the whole bundle (then 880 kB), a second parse of it, before the request leaves.
else queueMicrotask(boot);
