// Research views in a real browser on the seed graph: the policy-area filter, the 中文/English
// switch, the indicator chart (points link to their quotes), the bureau profile (deep link too)
// and the exports for analysis tools (GraphML read back with graphology). Screenshots go to
// test-artifacts/e2e/research-*.png.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeE2E, ensureBuilt, expectNoExternal, gql, launch, openPage, searchFor, unfoldSidebar, shot, startServer, tempDataDir, type Server, type Watched, tearDown } from './harness';

const UNIT = 'unit:执法办案管理中心';
const INDICATOR = 'indicator:快办率';
const SHAOXING = 'agency:绍兴市公安局';
const TOPICAL = ['REFORM', 'MEASURE', 'PROBLEM', 'PLATFORM'];

describeE2E('research views (seed graph)', () => {
  let server: Server;
  let browser: Browser;
  let w: Watched;
  let page: Page;
  const extra: Watched[] = [];

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(tempDataDir('research')), launch()]);
    w = await openPage(browser, `${server.url}/`, { width: 1400, height: 860 });
    page = w.page;
    await unfoldSidebar(page);
  }, 90000);

  afterAll(() => tearDown(browser, server));

  afterEach(() => {
    expect(w.problems).toEqual([]);
    for (const x of extra) expect(x.problems).toEqual([]);
    expectNoExternal(w, ...extra);
  });

  test('the policy-area filter keeps only the chosen areas\' reforms, measures, problems and platforms', async () => {
    await page.locator('[data-testid="topic-filter"] input[data-topic="topic:digital"]').waitFor();
    const d = await gql<{ topics: Array<{ id: string; members: Array<{ id: string }> }> }>(page, '{ topics { id members { id } } }');
    const members = new Set(d.topics.find((t) => t.id === 'topic:digital')!.members.map((m) => m.id));
    const visibleTopical = () => page.evaluate((types) => window.cy.nodes(':visible').filter((n) => types.includes(n.data('type'))).map((n) => n.id()), TOPICAL);
    const before = await visibleTopical();
    const othersBefore = await page.evaluate((types) => window.cy.nodes(':visible').filter((n) => !types.includes(n.data('type'))).length, TOPICAL);
    await page.locator('[data-testid="topic-filter"] input[data-topic="topic:digital"]').check();
    const after = await visibleTopical();
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    expect(after.filter((id) => !members.has(id))).toEqual([]);
    // Every member that was in view is still there; bureaus and units stay.
    expect(before.filter((id) => members.has(id)).sort()).toEqual([...after].sort());
    const othersAfter = await page.evaluate((types) => window.cy.nodes(':visible').filter((n) => !types.includes(n.data('type'))).length, TOPICAL);
    expect(othersAfter).toBe(othersBefore);
    expect(await page.locator('[data-testid="topic-summary"]').textContent()).toContain('Digital policing');
    // Every count on screen describes what is visible: the status bar and the legend.
    const shown = await page.evaluate(() => ({
      nodes: window.cy.nodes(':visible').length,
      edges: window.cy.edges(':visible').length,
      reforms: window.cy.nodes('[type = "REFORM"]:visible').length,
    }));
    expect(await page.locator('#status').textContent()).toContain(`${shown.nodes} nodes · ${shown.edges} relations in view`);
    expect(await page.locator('#type-filters li[data-type="REFORM"] .count').textContent()).toMatch(new RegExp(`^${shown.reforms} / `));
    await page.evaluate(() => void window.cy.fit(window.cy.elements(':visible'), 30)); // void: the core itself would be serialised back, for minutes
    await shot(page, 'research-topic-filter');
    await page.locator('[data-testid="topic-clear"]').click();
    expect((await visibleTopical()).length).toBe(before.length);
  });

  test('the language switch puts English labels on the graph and the English name first in the details; quotes stay Chinese', async () => {
    await page.evaluate((id) => window.kg.go(id), UNIT);
    await page.waitForSelector(`#details[data-node="${UNIT}"]`);
    expect(await page.evaluate((id) => window.cy.getElementById(id).data('label'), UNIT)).toBe('执法办案管理中心');
    await page.locator('[data-testid="lang-en"]').click();
    expect(await page.evaluate((id) => window.cy.getElementById(id).data('label'), UNIT)).toBe('Case-handling management centre');
    expect(await page.locator('[data-testid="lang-en"]').getAttribute('aria-pressed')).toBe('true');
    // The English name leads the header (bigger than the Chinese one).
    const sizes = await page.evaluate(() => ({
      en: parseFloat(getComputedStyle(document.querySelector('#details .dhead .en')!).fontSize),
      zh: parseFloat(getComputedStyle(document.querySelector('#details .dhead .dname')!).fontSize),
    }));
    expect(sizes.en).toBeGreaterThan(sizes.zh);
    // Quotes are the report's Chinese words, with the English name beside them.
    const quote = await page.locator('#details [data-testid="mention"] mark').first().textContent();
    expect(quote).toMatch(/[\u4e00-\u9fff]/);
    await expect(page.locator('#details [data-testid="mention"] .en-beside').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('#details [data-testid="mention"] .en-beside').first().textContent()).toBe('Case-handling management centre');
    // Nodes added later come in English too.
    await page.evaluate((id) => window.kg.expand(id), UNIT);
    // A name the glossary can only gloss keeps its Chinese beside the English gloss; none is Chinese alone.
    const chinese = await page.evaluate(() => window.cy.nodes().filter((n) => !!n.data('nameEn') && /[\u4e00-\u9fff]/.test(n.data('label')) && !/[A-Za-z]/.test(n.data('label'))).length);
    expect(chinese).toBe(0);
    await shot(page, 'research-english');
    await page.locator('[data-testid="lang-zh"]').click();
    expect(await page.evaluate((id) => window.cy.getElementById(id).data('label'), UNIT)).toBe('执法办案管理中心');
  });

  test(`the indicator chart draws ${INDICATOR} across bureaus and years; a point shows its quote from the report`, async () => {
    await page.evaluate((id) => window.kg.go(id), INDICATOR);
    await page.locator('[data-testid="open-indicator-chart"]').click();
    await page.waitForSelector('[data-testid="indicator-view"][data-state="ready"]');
    const chart = page.locator('[data-testid="indicator-chart"]');
    await chart.waitFor();
    // The canvas has ink on it.
    const inked = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="indicator-chart"] canvas') as HTMLCanvasElement;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return { n, w: c.width, h: c.height };
    });
    expect(inked.w).toBeGreaterThan(300);
    expect(inked.n).toBeGreaterThan(2000);
    const points = await page.evaluate(() => window.kgResearch!.indicator.points());
    const hz = points.find((p) => p.agency === '杭州市公安局' && p.year === 2022);
    const sx = points.find((p) => p.agency === '绍兴市公安局' && p.year === 2020);
    expect(hz).toBeDefined();
    expect(sx).toBeDefined();
    // One series per bureau.
    expect(await page.evaluate(() => (document.querySelector('[data-testid="indicator-chart"] canvas') ? new Set(window.kgResearch!.indicator.points().map((p) => p.agency)).size : 0))).toBe(2);
    // Click the Hangzhou 2022 point on the canvas itself.
    const box = (await page.locator('[data-testid="indicator-chart"] canvas').boundingBox())!;
    await page.mouse.click(box.x + hz!.x, box.y + hz!.y);
    const q = page.locator('[data-testid="indicator-quote"] [data-testid="indicator-quote-text"]').first();
    await q.waitFor();
    const text = (await q.textContent())!;
    const reportId = (await q.getAttribute('data-report'))!;
    expect(await page.locator('[data-testid="indicator-quote"]').textContent()).toContain('杭州市公安局');
    expect(await page.locator('[data-testid="indicator-quote-report"]').first().textContent()).toContain('杭州市公安局2022');
    const r = await gql<{ node: { text: string } }>(page, 'query($id: ID!) { node(id: $id) { ... on Report { text } } }', { id: reportId });
    expect(text.length).toBeGreaterThan(3);
    expect(r.node.text).toContain(text);
    const start = Number(await q.getAttribute('data-start'));
    expect(r.node.text.slice(start, start + text.length)).toBe(text);
    await shot(page, 'research-indicator-chart');
    // The table row for Shaoxing 2020 does the same from the keyboard.
    const row = page.locator(`[data-testid="indicator-table"] tr[data-agency="${SHAOXING}"][data-year="2020"] button`).first();
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="indicator-quote"]').textContent()).resolves.toContain('绍兴市公安局');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid="indicator-view"]').isVisible()).toBe(false);
  });

  test('the bureau profile lists the report, the reforms under their policy areas and the indicator values (deep link and button)', async () => {
    const x = await openPage(browser, `${server.url}/?profile=${encodeURIComponent(SHAOXING)}`, { width: 1400, height: 900 });
    extra.push(x);
    const p = x.page;
    await p.waitForSelector('[data-testid="bureau-profile"][data-state="ready"]', { timeout: 15000 });
    const prof = p.locator('[data-testid="bureau-profile"]');
    expect(await prof.locator('[data-testid="profile-reports"]').textContent()).toContain('绍兴市公安局2020年法治政府建设年度报告');
    const d = await gql<{ node: { reforms: Array<{ id: string; topics: Array<{ id: string }> }>; observations: Array<{ id: string }> } }>(p,
      'query($id: ID!) { node(id: $id) { ... on Agency { reforms { id topics { id } } observations { id } } } }', { id: SHAOXING });
    const topicIds = [...new Set(d.node.reforms.flatMap((r) => r.topics.map((t) => t.id)))];
    const sections = await prof.locator('[data-testid="profile-topic"]').evaluateAll((els) => els.map((e) => ({ topic: (e as HTMLElement).dataset.topic, reforms: [...e.querySelectorAll<HTMLElement>('.pf-reform')].map((b) => b.dataset.id) })));
    expect(sections.filter((s) => s.topic).map((s) => s.topic).sort()).toEqual(topicIds.sort());
    // Each reform sits under each of its topics.
    for (const r of d.node.reforms) for (const t of r.topics) expect(sections.find((s) => s.topic === t.id)!.reforms).toContain(r.id);
    expect(await prof.locator('[data-testid="profile-indicators"] tbody tr').count()).toBe(d.node.observations.length);
    expect(await prof.locator('[data-testid="profile-indicators"] .quote-btn').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot(p, 'research-bureau-profile');
    // Clicking a quote opens it in the report.
    await prof.locator('[data-testid="profile-indicators"] .quote-btn').first().click();
    await p.locator('[data-testid="research-reader"] [data-testid="reader-quote"]').waitFor();
    await p.keyboard.press('Escape');
    await p.keyboard.press('Escape');
    await x.context.close();
    // From the details panel of the bureau.
    await page.evaluate((id) => window.kg.go(id), SHAOXING);
    await page.locator('[data-testid="open-profile"]').click();
    await page.waitForSelector(`[data-testid="bureau-profile"][data-state="ready"][data-agency="${SHAOXING}"]`);
    expect(page.url()).toContain('profile=');
    await page.keyboard.press('Escape');
    expect(page.url()).not.toContain('profile=');
  });

  test('GraphML export downloads and reads back into graphology with every node and relation; the filtered links carry types and topics', async () => {
    await page.locator('[data-testid="export"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-graphml"]').click()]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Graph = require('graphology');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { parse } = require('graphology-graphml');
    const g = parse(Graph, text);
    const s = await gql<{ stats: { nodes: number; edges: number } }>(page, '{ stats { nodes edges } }');
    expect(g.order).toBe(s.stats.nodes);
    expect(g.size).toBe(s.stats.edges);
    expect(download.suggestedFilename()).toMatch(/\.graphml$/);
    // The current filter: one type off, one area on.
    await page.keyboard.press('Escape');
    await page.locator('#type-filters input[data-type="MEASURE"]').uncheck();
    await page.locator('[data-testid="topic-filter"] input[data-topic="topic:digital"]').check();
    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-scope-view"]').check();
    const href = (await page.locator('[data-testid="export-gexf"]').getAttribute('href'))!;
    const u = new URL(href, server.url);
    expect(u.searchParams.get('format')).toBe('gexf');
    expect(u.searchParams.get('topics')).toBe('topic:digital');
    expect(u.searchParams.get('types')!.split(',')).not.toContain('MEASURE');
    await shot(page, 'research-export-menu');
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv-nodes"]').click()]);
    const csv = fs.readFileSync(await dl2.path(), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(2);
    expect(csv).not.toMatch(/,MEASURE,/);
    await page.locator('#type-filters input[data-type="MEASURE"]').check();
    await page.locator('[data-testid="topic-clear"]').click();
  });

  test('search still works with the research panel in the sidebar', async () => {
    await searchFor(page, '快办率');
    expect(await page.locator('[data-testid="search-result"]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="search"]').fill('');
  });
});
