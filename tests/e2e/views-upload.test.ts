// Saved views and adding reports from the page, in Chromium on the real server (seed graph, a
// write token set). Every request to a host other than loopback is blocked and recorded, and
// the suite ends by asserting there was none. Screenshots go to test-artifacts/e2e/views-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { layOut, makeDocx, makePdf } from '../helpers/documents';
import { startServer as startServerProcess } from '../helpers/serverProcess';
import { describeE2E, ensureBuilt, expectNoExternal, gql, launch, openPage, ROOT, shot, tempDataDir, tearDown, unfoldSidebar, type Server, type Watched } from './harness';

const TOKEN = 'e2e-write-token-7f3a';
const UNIT = 'unit:执法办案管理中心';
const REPORT_FILE = path.join(ROOT, 'tests/fixtures/reports/jiaxing-psb-2021.txt');
// The report's own header line: 发布机构：嘉兴市公安局.
const NEW_AGENCY = 'agency:嘉兴市公安局';
// Two more fixture reports, as the Word file and the PDF a bureau publishes (made as tests/api/formats.test.ts makes them).
const WUXING = fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports/huzhou-wuxing-psb-2023.txt'), 'utf8');
const TAIZHOU = fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports/taizhong-psb-2019-traditional.txt'), 'utf8');

/** What a user sees of a view: the nodes, what is visible, filters, selection, language, places. */
interface Seen {
  nodes: string[];
  visible: string[];
  hidden: string[];
  topics: string[];
  selected: string | null;
  details: string | undefined;
  english: string | null;
  pos: Record<string, [number, number]>;
  extent: number[];
}

const seen = (page: Page): Promise<Seen> => page.evaluate(() => ({
  nodes: window.cy.nodes().map((n) => n.id()).sort(),
  visible: window.cy.nodes(':visible').map((n) => n.id()).sort(),
  hidden: [...document.querySelectorAll<HTMLInputElement>('#type-filters input[data-type]')].filter((b) => !b.checked).map((b) => b.dataset.type!),
  topics: [...document.querySelectorAll<HTMLInputElement>('#topic-filters input[data-topic]')].filter((b) => b.checked).map((b) => b.dataset.topic!),
  selected: window.kg.selected,
  details: document.querySelector<HTMLElement>('#details')!.dataset.node,
  english: document.querySelector('[data-testid="lang-en"]')!.getAttribute('aria-pressed'),
  pos: Object.fromEntries(window.cy.nodes().map((n) => [n.id(), [Math.round(n.position('x')) || 0, Math.round(n.position('y')) || 0]])) as Record<string, [number, number]>,
  extent: (({ x1, y1, x2, y2 }) => [x1, y1, x2, y2].map(Math.round))(window.cy.extent()),
}));

/** Waits until the address bar's view has stopped changing (it follows the view after a short pause). */
async function settledLink(page: Page): Promise<string> {
  await page.waitForFunction(() => location.hash.startsWith('#view=1.'));
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(600);
    const now = page.url();
    if (now === last) return now;
    last = now;
  }
  throw new Error('the view in the address bar never settled');
}

describeE2E('saved views and adding reports', () => {
  let server: Server;
  let browser: Browser;
  const pages: Watched[] = [];

  /** A page in its own browser context (its own storage), with every non-loopback request blocked and recorded. */
  async function open(url: string): Promise<Watched> {
    const w = await openPage(browser, url, { width: 1440, height: 900 });
    pages.push(w);
    return w;
  }

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([
      startServerProcess(tempDataDir('views'), { env: { KG_STORE: 'memory', KG_WRITE_TOKEN: TOKEN }, timeoutMs: 30000 }),
      launch(),
    ]);
  }, 90000);

  afterAll(async () => {
    await tearDown(browser, server);
  });

  afterEach(async () => {
    for (const w of pages.splice(0)) {
      // A refused token is answered 403, which Chromium logs as a failed resource: expected there.
      expect(w.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
      // No request left the machine.
      expectNoExternal(w);
      await w.context.close();
    }
  });

  test('a view reopened from its link shows the same nodes, places, filters, selection and language', async () => {
    const { page } = await open(`${server.url}/`);
    await unfoldSidebar(page);
    const before = await page.evaluate(() => window.cy.nodes().length);
    await page.evaluate((id) => window.kg.go(id), UNIT);
    await page.locator(`[data-testid="details"][data-node="${UNIT}"]`).waitFor();
    await page.locator('[data-testid="expand"]').click();
    await page.waitForFunction((n) => window.cy.nodes().length > n, before);
    await page.locator('#type-filters input[data-type="PLATFORM"]').uncheck();
    await page.locator('[data-testid="topic-filter"] input[data-topic="topic:digital"]').check();
    await page.locator('[data-testid="lang-en"]').click();
    const link = await settledLink(page);
    const a = await seen(page);
    expect(a.hidden).toEqual(['PLATFORM']);
    expect(a.topics).toEqual(['topic:digital']);
    expect(a.selected).toBe(UNIT);
    // The view holds more than the overview: the unit's expansion.
    expect(a.nodes.length).toBeGreaterThan(before);
    expect(link.length).toBeLessThan(60000);

    const other = await open(link);
    const b = other.page;
    await b.waitForFunction(() => document.querySelector<HTMLInputElement>('#topic-filters input[data-topic="topic:digital"]')?.checked === true);
    await b.locator(`[data-testid="details"][data-node="${UNIT}"]`).waitFor();
    const got = await seen(b);
    expect(got.nodes).toEqual(a.nodes);
    expect(got.visible).toEqual(a.visible);
    expect(got.hidden).toEqual(a.hidden);
    expect(got.topics).toEqual(a.topics);
    expect(got.selected).toBe(UNIT);
    expect(got.english).toBe('true');
    expect(got.pos).toEqual(a.pos);
    for (let i = 0; i < 4; i++) expect(Math.abs(got.extent[i] - a.extent[i])).toBeLessThanOrEqual(2);
    // English labels on the reopened view, and Collapse still undoes the unit's expansion there.
    expect(await b.evaluate((id) => window.cy.getElementById(id).data('label'), UNIT)).toMatch(/[A-Za-z]/);
    await page.evaluate((id) => window.kg.collapse(id), UNIT);
    await b.evaluate((id) => window.kg.collapse(id), UNIT);
    const left = (p: Page) => p.evaluate(() => window.cy.nodes().map((n) => n.id()).sort());
    expect(await left(b)).toEqual(await left(page));
    expect((await left(b)).length).toBeLessThan(a.nodes.length);
    await shot(b, 'views-reopened');
  }, 120000);

  test('a damaged view link says so and shows the overview', async () => {
    const { page } = await open(`${server.url}/#view=1.AAAAbroken`);
    await page.locator('#status', { hasText: 'Cannot open the view in this link' }).waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/Cannot open the view in this link: the view in this link is damaged .*Showing the overview instead/);
    expect(await page.evaluate(() => window.cy.nodes('[type = "AGENCY"]').length)).toBeGreaterThan(0);
    // The two new sections join the others' headings, all in sight at 1440×900 without scrolling.
    await page.waitForSelector('#sidebar [data-testid="topic-filter"] input', { state: 'attached' });
    await page.waitForTimeout(300);
    const heads = await page.evaluate(() => [...document.querySelectorAll('#sidebar > .panel .panel-head h2')].map((h) => ({ text: h.textContent, bottom: h.getBoundingClientRect().bottom })));
    expect(heads.map((x) => x.text)).toEqual(expect.arrayContaining(['Saved views', 'Add reports']));
    expect(heads.filter((x) => x.bottom > 900)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  }, 60000);

  test('a named view is saved, exported to a file, imported back and reopened; a bad file changes nothing', async () => {
    const { page } = await open(`${server.url}/`);
    await unfoldSidebar(page);
    await page.evaluate((id) => window.kg.go(id), UNIT);
    await page.locator('[data-testid="expand"]').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Expanded'));
    const saved = await seen(page);
    await page.locator('[data-testid="view-name"]').fill('Case centre and its measures');
    await page.locator('[data-testid="view-save"]').click();
    await page.locator('[data-testid="view-open"]', { hasText: 'Case centre and its measures' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="views-export"]').click()]);
    expect(download.suggestedFilename()).toBe('policing-reform-views.json');
    const file = path.join(os.tmpdir(), `kg-views-${process.pid}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(exported.kind).toBe('policing-reform-kg/views');
    expect(exported.views.map((v: { name: string }) => v.name)).toEqual(['Case centre and its measures']);
    expect([...exported.views[0].view.nodes].sort()).toEqual(saved.nodes);

    // Gone from the browser, back from the file.
    await page.locator('[data-testid="view-delete"]').click();
    await page.locator('[data-testid="view-open"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="views-file"]').setInputFiles(file);
    await page.locator('[data-testid="views-msg"]', { hasText: 'Imported 1 view' }).waitFor();

    // A file with one bad view is refused whole; storage and the list stay as they were.
    const bad = JSON.parse(JSON.stringify(exported));
    bad.views.push({ ...bad.views[0], name: 'broken' });
    bad.views[1].view = { ...bad.views[1].view, edges: [[0, 999999, 'USES']] };
    const badFile = path.join(os.tmpdir(), `kg-views-bad-${process.pid}.json`);
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const stored = await page.evaluate(() => localStorage.getItem('kg.views'));
    await page.locator('[data-testid="views-file"]').setInputFiles(badFile);
    const msg = page.locator('[data-testid="views-msg"]');
    await msg.filter({ hasText: 'Cannot import' }).waitFor();
    expect(await msg.textContent()).toMatch(/view 2 \(broken\): an edge must be .*Nothing was changed/);
    expect(await page.evaluate(() => localStorage.getItem('kg.views'))).toBe(stored);
    expect(await page.locator('[data-testid="view-open"]').count()).toBe(1);

    // Back to the overview, then the imported view reopens what was saved.
    await page.locator('#reset').click();
    await page.waitForFunction((id) => window.cy.getElementById(id).empty() || window.kg.selected === null, UNIT);
    await page.locator('[data-testid="view-open"]').click();
    await msg.filter({ hasText: 'Opened' }).waitFor();
    const back = await seen(page);
    expect(back.nodes).toEqual(saved.nodes);
    expect(back.pos).toEqual(saved.pos);
    expect(back.selected).toBe(UNIT);
    fs.rmSync(file, { force: true });
    fs.rmSync(badFile, { force: true });
  }, 120000);

  test('a report added by file pick with the token shows its result, and a second page refreshes live; a wrong token is refused', async () => {
    const watcher = await open(`${server.url}/`);
    const w = watcher.page;
    await w.evaluate(() => void ((window as unknown as { __sameDocument: number }).__sameDocument = 1));
    await w.waitForFunction(() => document.body.dataset.live === 'on');
    const reportsBefore = await w.locator('.report-list li').count();
    // What the watcher took out of its view stays out when the graph grows.
    const removed = await w.evaluate(() => {
      const id = window.cy.nodes('[type = "REFORM"]').first().id();
      window.kg.remove(id);
      return id;
    });
    const statsBefore = await gql<{ stats: { reports: number } }>(w, '{ stats { reports } }');

    const { page } = await open(`${server.url}/`);
    await unfoldSidebar(page);
    await page.locator('[data-testid="upload-token"]').fill('not-the-token');
    await page.locator('[data-testid="upload-token-use"]').click();
    await page.locator('[data-testid="upload-files"]').setInputFiles(REPORT_FILE);
    const item = page.locator('[data-testid="upload-item"]').first();
    await page.locator('[data-testid="upload-item"][data-state="refused"]').waitFor();
    expect(await item.textContent()).toContain('wrong write token');
    expect(await page.locator('#add-reports [role="alert"]').first().textContent()).toMatch(/refused the write token/);
    expect((await gql<{ stats: { reports: number } }>(page, '{ stats { reports } }')).stats.reports).toBe(statsBefore.stats.reports);
    await shot(page, 'views-upload-refused');

    // The right token: the waiting file goes, once; the token is kept for the session.
    await page.locator('[data-testid="upload-token"]').fill(TOKEN);
    await page.locator('[data-testid="upload-token-use"]').click();
    await page.locator('[data-testid="upload-item"][data-state="added"]').waitFor({ timeout: 30000 });
    expect(await page.evaluate(() => sessionStorage.getItem('kg.writeToken'))).toBe(TOKEN);
    const counts = await item.locator('[data-testid="upload-counts"]').textContent();
    const report = await gql<{ reports: Array<{ id: string; agency: { id: string } | null }> }>(page, '{ reports { id agency { id } } }');
    expect(report.reports.length).toBe(statsBefore.stats.reports + 1);
    const added = report.reports.find((r) => r.agency?.id === NEW_AGENCY)!;
    expect(added).toBeDefined();
    const reforms = await gql<{ node: { nodes: Array<{ id: string }> } }>(page, 'query($id: ID!) { node(id: $id) { ... on Report { nodes(types: [REFORM]) { id } } } }', { id: added.id });
    expect(reforms.node.nodes.length).toBeGreaterThan(0);
    expect(counts).toContain(`Reform ${reforms.node.nodes.length}`);
    expect(await item.textContent()).toContain('嘉兴市公安局');
    // The same report pasted as text: accepted with the session's token, and nothing changes.
    await page.locator('[data-testid="upload-paste"]').fill(fs.readFileSync(REPORT_FILE, 'utf8'));
    await page.locator('[data-testid="upload-paste-add"]').click();
    await page.locator('[data-testid="upload-item"][data-state="unchanged"]').waitFor({ timeout: 30000 });
    expect(await page.locator('[data-testid="upload-item"]').first().textContent()).toContain('already in the graph');

    // The other page: the new bureau in the graph, the bureau filter and the reports list, without a reload.
    await w.waitForFunction((id) => window.cy.getElementById(id).nonempty(), NEW_AGENCY, { timeout: 20000 });
    await w.locator('#scope-filters input[data-agency="agency:嘉兴市公安局"]').waitFor({ state: 'attached' });
    await w.waitForFunction((n) => document.querySelectorAll('.report-list li').length === n + 1, reportsBefore);
    await w.locator('[data-testid="research-bureau"] option[value="agency:嘉兴市公安局"]').waitFor({ state: 'attached' });
    expect(await w.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(1);
    expect(await w.evaluate((id) => window.cy.getElementById(id).empty(), removed)).toBe(true);
    const legend = await w.locator('#type-filters li[data-type="AGENCY"] .count').textContent();
    expect(legend).toMatch(/ \/ 3$/);
    await shot(w, 'views-live-refreshed');
  }, 120000);

  test('a Word file and a PDF picked together are both added and listed among the reports without a reload', async () => {
    const { page } = await open(`${server.url}/`);
    await unfoldSidebar(page);
    const before = await page.locator('.report-list li').count();
    await page.locator('[data-testid="upload-token"]').fill(TOKEN);
    await page.locator('[data-testid="upload-token-use"]').click();
    await page.locator('[data-testid="upload-files"]').setInputFiles([
      { name: 'wuxing-2023.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await makeDocx(WUXING) },
      { name: 'taizhou-2019.pdf', mimeType: 'application/pdf', buffer: makePdf(layOut(TAIZHOU, 38, 60)) },
    ]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="upload-item"][data-state="added"]').length === 2, undefined, { timeout: 60000 });
    await page.waitForFunction((n) => document.querySelectorAll('.report-list li').length === n + 2, before, { timeout: 20000 });
    const titles = await page.locator('.report-list .rtitle').allTextContents();
    // The titles are the reports' own first lines (the Taizhou one in Traditional characters).
    expect(titles.filter((t) => t.includes('湖州市公安局吴兴分局2023年'))).toHaveLength(1);
    expect(titles.filter((t) => t.includes('台州市公安局2019年'))).toHaveLength(1);
    const { reports } = await gql<{ reports: Array<{ title: string; format: string | null }> }>(page, '{ reports { title format } }');
    expect(reports.filter((r) => r.title.includes('吴兴分局2023')).map((r) => r.format)).toEqual(['docx']);
    expect(reports.filter((r) => r.title.includes('台州市公安局2019')).map((r) => r.format)).toEqual(['pdf']);
    await shot(page, 'views-upload-docx-pdf');
  }, 120000);
});
