// Data from documents is text, never markup: a node named `<img src=x onerror=…>`, a report
// title and a report text carrying markup are shown as written and run nothing.
import type { Browser } from 'playwright-core';
import { describeE2E, ensureBuilt, expectNoExternal, launch, openPage, searchFor, seededSnapshot, shot, startServer, writeSnapshot, type Server, tearDown } from './harness';

const EVIL = '<img src=x onerror=window.__xss=1>';
const EVIL_ID = `platform:${EVIL}`;

describeE2E('web explorer: hostile data', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    browser = await launch();
    const { dir, snap } = await seededSnapshot('hostile');
    const report = snap.nodes.find((n) => n.type === 'REPORT' && String(n.props.title ?? n.name).includes('杭州'))!;
    const tail = `\n<script>window.__xss=3</script>${EVIL}`;
    const text = snap.texts[report.id];
    snap.texts[report.id] = text + tail;
    const start = text.length + tail.indexOf(EVIL);
    const mention = { reportId: report.id, start, end: start + EVIL.length };
    report.props.title = `<img src=x onerror=window.__xss=2>${report.props.title ?? report.name}`;
    report.name = String(report.props.title);
    snap.nodes.push({ id: EVIL_ID, type: 'PLATFORM', name: EVIL, aliases: ['<b onmouseover=window.__xss=5>'], mentions: [mention], props: { nameEn: '<svg onload=window.__xss=6>' } });
    const reform = snap.nodes.find((n) => n.id === 'reform:集约办案')!;
    snap.edges.push({ id: `USES:${reform.id}->${EVIL_ID}`, type: 'USES', source: reform.id, target: EVIL_ID, mentions: [mention], props: {} });
    writeSnapshot(dir, snap);
    server = await startServer(dir);
  }, 90000);

  afterAll(() => tearDown(browser, server));

  test('a hostile node name, report title and report text are shown as text and never run', async () => {
    const { page, problems, context, external } = await openPage(browser, `${server.url}/`);
    try {
      // The welcome panel lists report titles: the hostile one among them, as text.
      await page.locator('.report-list .rtitle', { hasText: '<img src=x onerror=window.__xss=2>' }).waitFor();
      await searchFor(page, '<img');
      const result = page.locator(`[data-testid="search-result"][data-id="${EVIL_ID}"]`);
      expect(await result.locator('.zhname').textContent()).toBe(EVIL);
      await result.click();
      const details = page.locator(`[data-testid="details"][data-node="${EVIL_ID}"]`);
      await details.waitFor();
      expect(await details.locator('h2.dname').textContent()).toBe(EVIL);
      expect(await details.locator('.en').textContent()).toBe('<svg onload=window.__xss=6>');
      expect(await details.locator('[data-testid="mention"] mark').first().textContent()).toBe(EVIL);
      await shot(page, '11-hostile-details');
      await details.locator('.show-in-report').first().click();
      const reader = page.locator('[data-testid="reader"]');
      await reader.locator('[data-testid="reader-quote"]').waitFor();
      expect(await reader.locator('[data-testid="report-text"]').textContent()).toContain('<script>window.__xss=3</script>');
      await page.waitForTimeout(300);
      await shot(page, '12-hostile-reader');
      await page.keyboard.press('Escape');
      // Expanding and exporting the hostile node does not run it either.
      await page.locator('[data-testid="expand"]').click();
      await page.waitForFunction(() => window.cy.nodes().length > 1);
      const state = await page.evaluate(() => ({
        xss: window.__xss,
        // No element came from the data: none with an event-handler attribute, no <img src=x>.
        handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
        imgs: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
      }));
      expect(state).toEqual({ xss: undefined, handlers: 0, imgs: 0, scripts: ['boot.js', 'app.js'] });
      expect(problems).toEqual([]);
      expectNoExternal({ external });
    } finally {
      await context.close();
    }
  });
});
