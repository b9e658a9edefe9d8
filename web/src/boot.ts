// The page's first script (dist/web/boot.js, 2 kB, before app.js): asks for the overview at
// navigation, so the server answers while the browser loads, compiles and runs the bundle.
import { askOverview, type OverviewAnswer } from './api';

export interface Boot {
  /** ms since navigation when the overview was asked for. */
  askedMs: number;
  overview: Promise<OverviewAnswer>;
}

declare global {
  interface Window {
    kgBoot?: Boot;
  }
}

const boot: Boot = { askedMs: performance.now(), overview: askOverview() };
// main.ts takes the answer (and any error) over; until then a failure is not "unhandled".
boot.overview.catch(() => undefined);
window.kgBoot = boot;
