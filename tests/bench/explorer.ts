// Section 7: the explorer in headless Chromium. The real server runs on a generated graph; the
// page opens on the biggest reform hub, the view is emptied, and the page's own expansion
// (window.kg.expand: GraphQL neighbourhood at depth 2 with the limit set to N, merge into
// Cytoscape, the page's layout for that size) is timed in the page from the call to the layout's
// stop plus two rendered frames.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { log, median, round, type Run, startServer } from './lib';

export const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface ExplorerRun {
  nodes: number;
  edges: number;
  ms: number;
  fetchMs?: number;
  addMs?: number;
  layoutMs?: number;
}

export interface ExplorerResult {
  chromium: string;
  bySize: Record<string, { medianMs: number; runs: ExplorerRun[] }>;
}

export async function runExplorer(o: { dataDir: string; hub: string; sizes: number[]; runs: number; allRuns: Run[] }): Promise<ExplorerResult> {
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
          const r = await page.evaluate(async ({ hub, limit }) => {
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
            await window.kg.expand(hub);
            await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res(null))));
            const ms = performance.now() - t0;
            return { ms, nodes: window.cy.nodes().length, edges: window.cy.edges().length, expand: window.kg.timings.lastExpand };
          }, { hub: o.hub, limit: n });
          if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);
          const run: ExplorerRun = { nodes: r.nodes, edges: r.edges, ms: round(r.ms), fetchMs: r.expand?.fetchMs, addMs: r.expand?.addMs, layoutMs: r.expand?.layoutMs };
          runs.push(run);
          o.allRuns.push({ section: 'explorer', name: `explorer ${n} nodes`, run: i + 1, ...run });
          log(`explorer ${n}: ${run.nodes} nodes, ${run.edges} edges laid out and drawn in ${run.ms} ms (fetch ${run.fetchMs}, add ${run.addMs}, layout ${run.layoutMs})`);
        } finally {
          await context.close();
        }
      }
      bySize[String(n)] = { medianMs: round(median(runs.map((r) => r.ms))), runs };
    }
    return { chromium: version, bySize };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
