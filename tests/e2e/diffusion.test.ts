// Where a practice spread, in a real browser on a real server holding the seeds and the five
// fixture reports: the timeline (bureaus × years, first adoption marked, cells opening their
// quotes), the province map (a click keeps that province), a bureau click opening its profile,
// and copy-citation beside every quote. Requests to any host but loopback are refused and
// counted: the map is drawn from data the server ships. Screenshots: test-artifacts/e2e/diffusion-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { ingestSeedsAndFixtures } from '../helpers/fixtureCorpus';
import { blockExternal, describeE2E, ensureBuilt, expectNoExternal, launch, shot, startServer, tempDataDir, type Server, tearDown, unfoldSidebar } from './harness';

const CENTRE = 'unit:执法办案管理中心';
// First years read from the texts (tests/api/diffusion.test.ts says where).
const CENTRE_FIRST: Record<string, number> = {
  'agency:台州市公安局': 2019, 'agency:绍兴市公安局': 2020, 'agency:宁波市公安局北仑分局': 2020, 'agency:嘉兴市公安局': 2021,
  'agency:景宁畲族自治县公安局': 2022, 'agency:杭州市公安局': 2022, 'agency:湖州市公安局吴兴分局': 2023,
};

describeE2E('where practices spread (seeds and fixtures)', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const offHost: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    const dir = tempDataDir('diffusion');
    const store = new MemoryStore(dir);
    await store.init();
    await ingestSeedsAndFixtures(store);
    await store.close();
    [server, browser] = await Promise.all([startServer(dir), launch()]);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await blockExternal(context, offHost);
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 120000);

  afterAll(() => tearDown(browser, server));
  afterEach(() => {
    expect(problems).toEqual([]);
    expectNoExternal({ external: offHost });
  });

  const openSpread = async (id: string, extra = '') => {
    await page.goto(`${server.url}/?diffusion=${encodeURIComponent(id)}${extra}`);
    await page.waitForSelector('[data-testid="diffusion"][data-state="ready"]', { timeout: 30000 });
  };
  const rows = () => page.locator('[data-testid="diffusion-timeline"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    agency: (tr as HTMLElement).dataset.agency!,
    first: [...tr.querySelectorAll<HTMLElement>('[data-first="true"]')].map((c) => Number(c.dataset.year)),
    cells: [...tr.querySelectorAll<HTMLElement>('[data-testid="timeline-cell"]')].map((c) => Number(c.dataset.year)),
  })));

  test('the timeline lists every bureau that states it, marks its first year, and each cell opens its quote', async () => {
    await openSpread(CENTRE);
    const got = await rows();
    expect(Object.fromEntries(got.map((r) => [r.agency, r.first[0]]))).toEqual(CENTRE_FIRST);
    for (const r of got) expect(r.first).toHaveLength(1);
    // Earliest first.
    expect(got.map((r) => r.first[0])).toEqual([...got.map((r) => r.first[0])].sort());
    await page.locator('tr[data-agency="agency:嘉兴市公安局"] [data-testid="timeline-cell"][data-year="2021"]').click();
    const q = page.locator('[data-testid="diffusion-quote"]');
    await q.locator('blockquote mark').waitFor();
    // Its first mention is the heading that builds it (…管理中心建设 names the centre too).
    expect(await q.locator('blockquote').textContent()).toBe('(二)深化执法办案管理中心建设，推进集约化办案');
    expect(await q.locator('blockquote mark').textContent()).toBe('执法办案管理中心');
    expect(await q.locator('.source').textContent()).toBe('嘉兴市公安局2021年法治政府建设年度报告');
    await shot(page, 'diffusion-timeline');

    await openSpread('principle:习近平法治思想');
    const principle = await rows();
    expect(principle.map((r) => r.agency).sort()).toEqual(Object.keys(CENTRE_FIRST).filter((a) => a !== 'agency:台州市公安局').sort());
  });

  test('the map colours provinces by first adoption; a province click keeps its bureaus; a bureau click opens its profile', async () => {
    await openSpread(CENTRE);
    const map = page.locator('[data-testid="diffusion-map"]');
    expect(await map.locator('path.df-province').count()).toBeGreaterThanOrEqual(34);
    expect(await map.locator('path[data-province="浙江省"]').getAttribute('data-first-year')).toBe('2019');
    expect(await map.locator('path[data-province="浙江省"]').getAttribute('data-code')).toBe('330000');
    expect(await map.locator('path[data-province="广东省"]').getAttribute('data-first-year')).toBeNull();
    await shot(page, 'diffusion-map');
    await map.locator('path[data-province="广东省"]').dispatchEvent('click');
    await page.waitForSelector('[data-testid="diffusion"][data-state="ready"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('province') === '广东省');
    expect(await page.locator('[data-testid="diffusion-timeline"]').textContent()).toBe('No bureau in 广东省 states it.');
    await map.locator('path[data-province="浙江省"]').dispatchEvent('click');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="diffusion-timeline"] tbody tr').length === 7);
    expect(await map.locator('path.chosen').getAttribute('data-province')).toBe('浙江省');
    await page.locator('tr[data-agency="agency:景宁畲族自治县公安局"] [data-testid="timeline-bureau"]').click();
    await page.waitForSelector('[data-testid="bureau-profile"][data-state="ready"][data-agency="agency:景宁畲族自治县公安局"]');
  });

  test('the export menu downloads a tidy table', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#export-menu summary').click();
    await page.locator('[data-testid="table-pick"]').selectOption('observations-wide');
    await page.locator('[data-testid="table-format"]').selectOption('excel');
    const href = await page.locator('[data-testid="table-download"]').getAttribute('href');
    expect(href).toBe('/export?table=observations&format=csv&wide=1&bom=1');
    // text() drops a byte-order mark: read the bytes.
    const got = await page.evaluate(async (u) => {
      const b = new Uint8Array(await (await fetch(u)).arrayBuffer());
      return { bom: [...b.slice(0, 3)], head: new TextDecoder().decode(b).split('\r\n')[0] };
    }, href!);
    expect(got.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(got.head.startsWith('bureau,division_code,province,level,report_year,')).toBe(true);
  });

  test('copy citation beside a quote copies its GB/T 7714 reference', async () => {
    await page.goto(`${server.url}/?node=${encodeURIComponent('reform:柔性执法')}`);
    const mention = page.locator('[data-testid="details"] [data-testid="mention"][data-report]').filter({ hasText: '嘉兴市公安局2021年法治政府建设年度报告' }).first();
    await mention.locator('[data-testid="copy-citation"]').click();
    await page.waitForSelector('[data-testid="details"] [data-testid="copy-citation"][data-citation]');
    const { start, end } = await mention.evaluate((li) => ({ start: (li as HTMLElement).dataset.start, end: (li as HTMLElement).dataset.end }));
    const expected = `嘉兴市公安局. 嘉兴市公安局2021年法治政府建设年度报告[R]. 2022-02-28. 引文：“柔性执法”（第${start}–${end}字符）。`;
    expect(await mention.locator('[data-testid="copy-citation"]').getAttribute('data-citation')).toBe(expected);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    // In the timeline's quote too.
    await openSpread('reform:柔性执法');
    await page.locator('tr[data-agency="agency:嘉兴市公安局"] [data-testid="timeline-cell"][data-first="true"]').click();
    await page.locator('[data-testid="diffusion-quote"] [data-testid="copy-citation"]').click();
    await page.waitForSelector('[data-testid="diffusion-quote"] [data-testid="copy-citation"][data-citation]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  });

  test('the bureau filter by province and level keeps the bureaus of that kind and what they state', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    await unfoldSidebar(page);
    const shownBureaus = () => page.evaluate(() => window.cy.nodes('[type = "AGENCY"]:visible').map((n) => n.id()).sort());
    const ticked = () => page.locator('input[data-agency]').evaluateAll((bs) => bs.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).dataset.agency).sort());
    const before = await page.evaluate(() => window.cy.nodes(':visible').length);
    expect((await shownBureaus()).length).toBe(7);
    // The fixtures' two district branches (吴兴分局, 北仑分局); every report here is from 浙江.
    await page.locator('select[data-place="level"]').selectOption('DISTRICT');
    await page.waitForTimeout(200);
    const districts = ['agency:宁波市公安局北仑分局', 'agency:湖州市公安局吴兴分局'];
    expect(await ticked()).toEqual(districts);
    expect(await shownBureaus()).toEqual(districts);
    expect(await page.evaluate(() => window.cy.nodes(':visible').length)).toBeLessThan(before);
    await page.locator('select[data-place="province"]').selectOption('浙江省');
    await page.locator('select[data-place="level"]').selectOption('');
    await page.waitForTimeout(200);
    expect((await ticked()).length).toBe(7);
    expect(await page.evaluate(() => window.cy.nodes(':visible').length)).toBe(before);
  });
});
