// Shared by the browser suites: builds dist/ when sources are newer, starts the real server on a
// fresh KG_DATA_DIR with PORT=0, and drives Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { startServer as startServerProcess, type ServerProc } from '../helpers/serverProcess';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
export const SKIP = process.env.KG_SKIP_E2E === '1';

/** `describe` that skips (saying so) under KG_SKIP_E2E=1 and fails loudly when Chromium is missing. */
export function describeE2E(name: string, body: () => void): void {
  if (SKIP) {
    describe.skip(name, body);
    process.stderr.write(`KG_SKIP_E2E=1: skipping the browser suite "${name}"\n`);
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    describe(name, () => {
      test('needs Chromium', () => {
        throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk  (or set KG_SKIP_E2E=1 to skip the browser suites)`);
      });
    });
    return;
  }
  describe(name, body);
}

/** dist/ up to date (scripts/build.mjs --if-stale: built once across parallel jest workers). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}

export type Server = ServerProc;

export function tempDataDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kg-e2e-${tag}-`));
}

/** The real server on the embedded store (whatever the environment selects otherwise). */
export function startServer(dataDir: string): Promise<Server> {
  return startServerProcess(dataDir, { env: { KG_STORE: 'memory' }, timeoutMs: 30000 });
}

/** A suite's end: the browser closed, the server stopped, its data removed (each only if it started). */
export async function tearDown(browser: Browser | undefined, server: Server | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions (a CSP violation is one). */
  problems: string[];
  /** Every request this page made to a host other than loopback (blocked, so the suite runs offline). */
  external: string[];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Aborts every request from `context` to a non-loopback host and records its URL in `into`: the explorer promises to fetch nothing at run time. */
export async function blockExternal(context: BrowserContext, into: string[]): Promise<void> {
  await context.route((u) => /^(https?|wss?):$/.test(u.protocol) && !LOOPBACK.test(u.hostname), (route) => {
    into.push(route.request().url());
    return route.abort('internetdisconnected');
  });
}

/** The suite's pages stayed on loopback: nothing was requested from another host. */
export function expectNoExternal(...pages: Array<Pick<Watched, 'external'>>): void {
  for (const w of pages) expect(w.external).toEqual([]);
}

/** Non-loopback requests are always blocked and recorded in `w.external` (and in `o.external` when given, to pool several pages). */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }, o: { external?: string[] } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, deviceScaleFactor: 1 });
  const external = o.external ?? [];
  await blockExternal(context, external);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { context, page, problems, external };
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a GraphQL query from the page (same origin, same CSP as the explorer). */
export async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(async ([q, v]) => {
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables: v }) });
    const body = await r.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }, [query, variables] as const) as Promise<T>;
}

export const nodeCount = (page: Page): Promise<number> => page.evaluate(() => window.cy.nodes().length);

/** Types into the search box and waits for the suggestions of that text. */
/** Opens every folded sidebar section (they fold to fit the screen; a test reaching into one opens it as a user would). */
export async function unfoldSidebar(page: Page): Promise<void> {
  await page.waitForSelector('#sidebar [data-testid="topic-filter"] input', { state: 'attached' });
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('#sidebar > .panel.folded .panel-head h2').forEach((h) => h.click()));
}

export async function searchFor(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-testid="search"]');
  await input.fill('');
  await input.fill(text);
  // The suggestions for this text, not those still shown for the last one.
  const list = await input.getAttribute('aria-controls');
  await page.locator(`#${list}[data-query=${JSON.stringify(text)}] [data-testid="search-result"]`).first().waitFor({ timeout: 10000 });
}

/** The explorer's graph snapshot under a data dir, for suites that plant data in it. */
export interface Snapshot {
  version: number;
  nodes: Array<{ id: string; type: string; name: string; aliases: string[]; mentions: Array<{ reportId: string; start: number; end: number }>; props: Record<string, unknown> }>;
  edges: Array<{ id: string; type: string; source: string; target: string; mentions: Array<{ reportId: string; start: number; end: number }>; props: Record<string, unknown> }>;
  texts: Record<string, string>;
}

/**
 * Starts a server once on a fresh dir (which seeds it), stops it, reads what it stored through
 * the embedded store itself (exportGraph), and returns a new empty dir with the graph in hand. Write it back with
 * writeSnapshot (the single-file graph.json the embedded store also reads) after planting data.
 */
export async function seededSnapshot(tag: string): Promise<{ dir: string; snap: Snapshot }> {
  const seeded = tempDataDir(`${tag}-seed`);
  const s = await startServer(seeded);
  await s.stop();
  const store = new MemoryStore(seeded);
  await store.init();
  const graph = await store.exportGraph();
  await store.close();
  fs.rmSync(seeded, { recursive: true, force: true });
  const snap: Snapshot = { version: 1, nodes: graph.nodes, edges: graph.edges, texts: Object.fromEntries(graph.texts) };
  return { dir: tempDataDir(tag), snap: JSON.parse(JSON.stringify(snap)) as Snapshot };
}

export function writeSnapshot(dir: string, snap: Snapshot): void {
  fs.writeFileSync(path.join(dir, 'graph.json'), JSON.stringify(snap));
}

// window.cy and window.kg are declared by web/src/main.ts (same TypeScript program).
declare global {
  interface Window {
    __xss?: unknown;
  }
}
