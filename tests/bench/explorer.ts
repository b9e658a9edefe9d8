// Section 7: the explorer in headless Chromium. The real server runs on a generated graph; the
// page opens on the biggest reform hub, the view is emptied, and the page's own expansion
// (window.kg.expand: GraphQL neighbourhood at depth 2 with the limit set to N, merge into
// Cytoscape, the page's layout for that size) is timed in the page from the call to the layout's
// stop plus two rendered frames.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { log, median, round, type Run, startServer, tempDir } from './lib';

export const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface ExplorerRun {
  nodes: number;
  edges: number;
  /** null when the view was not laid out within the cap. */
  ms: number | null;
  timedOut?: boolean;
  fetchMs?: number;
  addMs?: number;
  layoutMs?: number;
}

export interface ExplorerResult {
  chromium: string;
  capMs: number;
  bySize: Record<string, { medianMs: number | null; runs: ExplorerRun[]; note?: string }>;
  /** Navigation to the first graph drawn at `/`, on the seed graph (the page's own timings). */
  firstGraph?: { medianMs: number; runs: Array<{ ms: number; overviewFetchMs?: number }> } | { error: string };
}

/**
 * A run is stopped after capMs; a size whose run took more than `repeatUnderMs` (or was
 * stopped) is not run again: one such figure says enough and the suite must stay within time.
 */
export async function runExplorer(o: { dataDir: string; hub: string; sizes: number[]; runs: number; capMs: number; repeatUnderMs: number; allRuns: Run[] }): Promise<ExplorerResult> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set KG_CHROMIUM)`);
  const server = await startServer(o.dataDir, { env: { KG_LOG_LEVEL: 'silent' } });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const version = browser.version();
    const bySize: ExplorerResult['bySize'] = {};
    for (const n of o.sizes) {
      const runs: ExplorerRun[] = [];
      for (let i = 0; i < o.runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        try {
          await page.goto(`${server.url}/?node=${encodeURIComponent(o.hub)}`);
          await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
          await page.locator(`[data-testid="details"][data-node="${o.hub}"]`).waitFor({ timeout: 60000 });
          const r = await page.evaluate(async ({ hub, limit, cap }) => {
            // The expansion settings the details panel offers (a limit option for N is added).
            const depth = document.querySelector('[data-testid="expand-depth"]') as HTMLSelectElement;
            depth.value = '2';
            depth.dispatchEvent(new Event('change'));
            const sel = document.querySelector('[data-testid="expand-limit"]') as HTMLSelectElement;
            if (![...sel.options].some((x) => x.value === String(limit))) sel.add(new Option(`≤ ${limit}`, String(limit)));
            sel.value = String(limit);
            sel.dispatchEvent(new Event('change'));
            window.cy.elements().remove();
            await new Promise((res) => requestAnimationFrame(() => res(null)));
            const t0 = performance.now();
            const done = (async () => {
              await window.kg.expand(hub);
              await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res(null))));
              return { ms: performance.now() - t0, timedOut: false };
            })();
            const stop = new Promise<{ ms: number; timedOut: boolean }>((res) => setTimeout(() => res({ ms: performance.now() - t0, timedOut: true }), cap));
            const x = await Promise.race([done, stop]);
            return { ...x, nodes: window.cy.nodes().length, edges: window.cy.edges().length, expand: x.timedOut ? undefined : window.kg.timings.lastExpand };
          }, { hub: o.hub, limit: n, cap: o.capMs });
          if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);
          const run: ExplorerRun = { nodes: r.nodes, edges: r.edges, ms: r.timedOut ? null : round(r.ms), timedOut: r.timedOut || undefined, fetchMs: r.expand?.fetchMs, addMs: r.expand?.addMs, layoutMs: r.expand?.layoutMs };
          runs.push(run);
          o.allRuns.push({ section: 'explorer', name: `explorer ${n} nodes`, run: i + 1, capMs: o.capMs, ...run });
          log(r.timedOut
            ? `explorer ${n}: ${run.nodes} nodes, ${run.edges} edges: not laid out within ${o.capMs} ms (stopped)`
            : `explorer ${n}: ${run.nodes} nodes, ${run.edges} edges laid out and drawn in ${run.ms} ms (fetch ${run.fetchMs}, add ${run.addMs}, layout ${run.layoutMs})`);
          if (run.ms === null || run.ms > o.repeatUnderMs) break;
        } finally {
          await context.close();
        }
      }
      const done = runs.filter((r) => r.ms !== null).map((r) => r.ms as number);
      const note = runs.length < o.runs ? `${runs.length} run${runs.length > 1 ? 's' : ''} only: ${runs[runs.length - 1].ms === null ? `stopped after ${o.capMs} ms` : `took more than ${o.repeatUnderMs} ms`}` : undefined;
      bySize[String(n)] = { medianMs: done.length === runs.length ? round(median(done)) : null, runs, note };
    }
    return { chromium: version, capMs: o.capMs, bySize, firstGraph: await firstGraph(browser, o.runs + 2, o.allRuns) };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/**
 * What a reader of the README meets: `npm start` on the seeds, then http://…/ in a browser. Each
 * run is a fresh browser context (nothing cached); the page stamps the time from navigation
 * start to its first drawn graph (window.kg.timings).
 */
async function firstGraph(browser: Browser, runs: number, allRuns: Run[]): Promise<NonNullable<ExplorerResult['firstGraph']>> {
  const dir = tempDir('first-graph');
  const server = await startServer(dir, { env: { KG_LOG_LEVEL: 'silent' } });
  try {
    const out: Array<{ ms: number; overviewFetchMs?: number }> = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
        const t = await page.evaluate(() => window.kg.timings);
        if (typeof t.navigationToFirstGraphMs !== 'number') throw new Error('the page did not stamp navigationToFirstGraphMs');
        out.push({ ms: round(t.navigationToFirstGraphMs), overviewFetchMs: t.overviewFetchMs });
        allRuns.push({ section: 'explorer', name: 'first graph on screen, seed graph', run: i + 1, ...out[out.length - 1] });
      } finally {
        await context.close();
      }
    }
    const medianMs = round(median(out.map((r) => r.ms)));
    log(`explorer: first graph on screen after navigation (seed graph) median ${medianMs} ms (${out.map((r) => r.ms).join(', ')})`);
    return { medianMs, runs: out };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
