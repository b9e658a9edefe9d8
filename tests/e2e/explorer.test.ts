// The explorer in a real browser against the real server on the seed graph: overview, search,
// details with quotes, the report reader, expand and undo, related reforms, compare, path, deep
// links, exports, narrow screens. Screenshots of each view go to test-artifacts/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pinyinRuns } from '../../server/eval/pinyinRuns';
import { NODE_TYPES } from '../../server/model/types';
import { ARTIFACTS, describeE2E, ensureBuilt, expectNoExternal, gql, launch, nodeCount, openPage, searchFor, shot, unfoldSidebar, startServer, tempDataDir, type Server, type Watched, tearDown } from './harness';

const UNIT = 'unit:执法办案管理中心';
const REFORM = 'reform:集约办案';

describeE2E('web explorer (seed graph)', () => {
  let server: Server;
  let browser: Browser;
  let w: Watched;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(tempDataDir('explorer')), launch()]);
    w = await openPage(browser, `${server.url}/`);
    page = w.page;
  }, 90000);

  afterAll(() => tearDown(browser, server));

  afterEach(() => {
    // CSP violations and uncaught errors show up as console errors: none allowed.
    expect(w.problems).toEqual([]);
    expectNoExternal(w);
  });

  test('the overview renders: bureaus, reforms, platforms and units, coloured by type', async () => {
    const types = await page.evaluate(() => [...new Set(window.cy.nodes().map((n) => n.data('type') as string))].sort());
    expect(types).toEqual(expect.arrayContaining(['AGENCY', 'PLATFORM', 'REFORM', 'UNIT']));
    expect(await nodeCount(page)).toBeGreaterThan(20);
    const colours = await page.evaluate(() => ({
      agency: window.cy.nodes('[type = "AGENCY"]').first().style('background-color'),
      reform: window.cy.nodes('[type = "REFORM"]').first().style('background-color'),
    }));
    expect(colours.agency).not.toEqual(colours.reform);
    // A small view is drawn in full: no lean flag (style.ts); every node has its label, drawn
    // unless it would be under 11 px at this zoom (legibleLabels.ts).
    await page.waitForTimeout(200);
    const labels = await page.evaluate(() => ({
      lean: window.cy.elements('[?lean]').length,
      unlabelled: window.cy.nodes().filter((n) => !n.data('label') || (n.style('label') !== n.data('label') && parseFloat(n.style('font-size')) * window.cy.zoom() >= 11)).length,
      wrap: window.cy.nodes().first().style('text-wrap'),
    }));
    expect(labels).toEqual({ lean: 0, unlabelled: 0, wrap: 'wrap' });
    // The legend lists every node type with counts.
    await expect(page.locator('#type-filters li').count()).resolves.toBe(NODE_TYPES.length);
    expect(await page.locator('#type-filters li[data-type="REFORM"] .count').textContent()).toMatch(/^\d+ \/ \d+$/);
    // The page stamps when its first graph was drawn. The 1.5 s budget is a benchmark row
    // (npm run bench: explorer), not a timed test; the figure is kept with the screenshots.
    const timings = await page.evaluate(() => window.kg.timings);
    expect(timings.navigationToFirstGraphMs).toBeGreaterThan(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'first-graph.json'), JSON.stringify({ timings }, null, 2));
    // The canvas actually drew something.
    const painted = await page.evaluate(() => {
      const c = document.querySelector('#cy canvas:last-of-type') as HTMLCanvasElement;
      return c.width > 0 && c.height > 0;
    });
    expect(painted).toBe(true);
    await shot(page, '01-overview');
  });

  test('start-up: the overview is asked for once, before the bundle runs; the research views ask theirs after the first graph', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const fresh = await context.newPage();
      const asked: string[] = [];
      fresh.on('request', (r) => {
        const name = /^\{"query":"query (\w+)/.exec(r.postData() ?? '')?.[1];
        if (name) asked.push(name);
      });
      await fresh.goto(`${server.url}/`);
      await fresh.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      // boot.js asks; the bundle takes that request over instead of asking again.
      expect(asked.filter((q) => q === 'Overview')).toEqual(['Overview']);
      expect(asked[0]).toBe('Overview');
      const t = await fresh.evaluate(() => window.kg.timings);
      expect(t.overviewAskedMs).toBeLessThan(t.scriptStartMs!);
      // What waited for the first graph still comes: the bureau picker and the policy areas.
      await fresh.waitForFunction(() => document.querySelectorAll('[data-testid="research-bureau"] option').length > 1);
      expect(asked).toEqual(expect.arrayContaining(['ResearchTopics', 'Agencies', 'Indicators']));
    } finally {
      await context.close();
    }
  });

  test('type filter hides a type and shows it again', async () => {
    const box = page.locator('#type-filters input[data-type="REFORM"]');
    await box.uncheck();
    expect(await page.evaluate(() => window.cy.nodes('[type = "REFORM"]:visible').length)).toBe(0);
    await box.check();
    expect(await page.evaluate(() => window.cy.nodes('[type = "REFORM"]:visible').length)).toBeGreaterThan(0);
  });

  test('bureau and year filters keep what the chosen reports state', async () => {
    // The filters sit in a sidebar section that folds to fit the screen: opened as a user would.
    await unfoldSidebar(page);
    const reports = await gql<{ reports: Array<{ id: string; year: number; agency: { id: string } }> }>(page, '{ reports { id year agency { id } } }');
    const hz = reports.reports.find((r) => r.agency.id === 'agency:杭州市公安局')!;
    const onlyIn = (ids: string[]) => page.evaluate((rs) => window.cy.nodes(':visible').filter((n) => {
      const mine: string[] = n.data('reports') ?? [];
      return mine.length > 0 && mine.every((r) => rs.includes(r));
    }).length, ids);
    expect(await onlyIn([hz.id])).toBeGreaterThan(0);
    await page.locator('#scope-filters input[data-agency="agency:杭州市公安局"]').uncheck();
    expect(await onlyIn([hz.id])).toBe(0);
    expect(await page.evaluate(() => window.cy.nodes(':visible').length)).toBeGreaterThan(10);
    await page.locator('#scope-filters input[data-agency="agency:杭州市公安局"]').check();
    await page.locator(`#scope-filters button[data-year="${hz.year}"]`).click();
    expect(await onlyIn([hz.id])).toBe(0);
    await page.locator(`#scope-filters button[data-year="${hz.year}"]`).click();
    expect(await onlyIn([hz.id])).toBeGreaterThan(0);
  });

  test('search (Simplified or Traditional) → select → details with quotes that occur in the report text', async () => {
    await searchFor(page, '執法辦案管理中心');
    const first = page.locator('[data-testid="search-result"]').first();
    expect(await page.locator('[data-testid="search-result"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toContain(UNIT);
    await searchFor(page, '执法办案管理中心');
    expect(await first.getAttribute('data-id')).toBe(UNIT);
    await shot(page, '02-search-suggestions');
    await page.locator('[data-testid="search"]').press('Enter');
    const details = page.locator('[data-testid="details"]');
    await details.locator('h2.dname', { hasText: '执法办案管理中心' }).waitFor();
    expect(await details.locator('.en').textContent()).toMatch(/Case-handling/);
    await page.waitForFunction((id) => window.cy.getElementById(id).hasClass('focus'), UNIT);
    expect(new URL(page.url()).searchParams.get('node')).toBe(UNIT);
    // Relations grouped by type.
    expect(await details.locator('.rel-group').count()).toBeGreaterThan(1);
    // Every mention's quote is the report text at its offsets.
    const mentions = await details.locator('[data-testid="mention"]').evaluateAll((els) => els.map((e) => ({
      report: (e as HTMLElement).dataset.report!, start: Number((e as HTMLElement).dataset.start), end: Number((e as HTMLElement).dataset.end), quote: e.querySelector('mark')!.textContent!,
      source: e.querySelector('.source')!.textContent!,
    })));
    expect(mentions.length).toBeGreaterThan(2);
    const { reports } = await gql<{ reports: Array<{ id: string; title: string; text: string }> }>(page, '{ reports { id title text } }');
    for (const m of mentions) {
      const r = reports.find((x) => x.id === m.report)!;
      expect(r.text.slice(m.start, m.end)).toBe(m.quote);
      expect(m.source).toContain(r.title);
    }
    await shot(page, '03-details');

    // "Show in report": the report text, scrolled to the quote, the span highlighted.
    await details.locator('[data-testid="mention"]').nth(1).locator('.show-in-report').click();
    const reader = page.locator('[data-testid="reader"]');
    const mark = reader.locator('[data-testid="reader-quote"]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(mentions[1].quote);
    expect(await mark.getAttribute('data-start')).toBe(String(mentions[1].start));
    const [box, frame] = await Promise.all([mark.boundingBox(), reader.locator('.report-text').boundingBox()]);
    expect(box!.y).toBeGreaterThanOrEqual(frame!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(frame!.y + frame!.height);
    const full = await reader.locator('.report-text').textContent();
    expect(full).toBe(reports.find((r) => r.id === mentions[1].report)!.text);
    await shot(page, '04-reader');
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'hidden' });
  });

  test('expand adds the neighbours (button and double-click), undo takes them away', async () => {
    const before = await nodeCount(page);
    await page.locator('[data-testid="expand"]').click();
    await page.waitForFunction((n) => window.cy.nodes().length > n, before);
    const after = await nodeCount(page);
    expect(await page.evaluate((id) => window.cy.getElementById(id).neighborhood().nodes().length, UNIT)).toBeGreaterThan(5);
    await page.waitForFunction(() => !document.body.classList.contains('busy'));
    await page.waitForTimeout(600);
    await shot(page, '05-expanded');
    await page.locator('[data-testid="undo"]').click();
    await page.waitForFunction((n) => window.cy.nodes().length === n, before);
    expect(after).toBeGreaterThan(before);

    // Double-click on a node in the canvas expands it too.
    const target = await page.evaluate((id) => {
      const n = window.cy.getElementById(id);
      const p = n.renderedPosition();
      const r = (document.querySelector('#cy') as HTMLElement).getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, UNIT);
    await page.mouse.dblclick(target.x, target.y);
    await page.waitForFunction((n) => window.cy.nodes().length > n, before);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => window.cy.nodes().length === n, before);
  });

  test('collapse takes away what expand added, and nothing that was there before', async () => {
    await searchFor(page, '执法办案管理中心');
    await page.locator('[data-testid="search"]').press('Enter');
    await page.locator(`[data-testid="details"][data-node="${UNIT}"]`).waitFor();
    const ids = () => page.evaluate(() => window.cy.nodes().map((n) => n.id()).sort());
    const before = await ids();
    const lastExpand = () => page.evaluate(() => JSON.stringify(window.kg.timings.lastExpand ?? null));
    const expandedBefore = await lastExpand();
    await page.locator('[data-testid="expand"]').click();
    await page.waitForFunction((n) => window.cy.nodes().length > n, before.length);
    // The expansion is over once its timings are written (its layout runs after the nodes arrive).
    await page.waitForFunction((b) => JSON.stringify(window.kg.timings.lastExpand ?? null) !== b, expandedBefore);
    await page.locator('[data-testid="collapse"]').click();
    await page.waitForFunction((n) => window.cy.nodes().length === n, before.length);
    expect(await ids()).toEqual(before);
    expect(await page.locator('#status').textContent()).toMatch(/Collapsed .*its expansion added/);
  });

  test('a reform lists related reforms with score and shared nodes; clicking one goes there', async () => {
    await searchFor(page, '集约办案');
    await page.locator(`[data-testid="search-result"][data-id="${REFORM}"]`).click();
    const related = page.locator('[data-testid="related"]');
    const items = related.locator('[data-testid="related-item"]');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(2);
    expect(await items.first().locator('.score').textContent()).toMatch(/^\d+\.\d\d$/);
    await shot(page, '06-related');
    const to = (await items.first().getAttribute('data-id'))!;
    await items.first().locator('.rel-name').click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="details"]')?.getAttribute('data-node') === id, to);
    expect(new URL(page.url()).searchParams.get('node')).toBe(to);
    expect(await page.evaluate(([a, b]) => window.cy.getElementById(`RELATED_TO:${a}->${b}`).nonempty(), [REFORM, to])).toBe(true);
  });

  test('compare view: two bureaus side by side, the shared practice in the middle', async () => {
    await page.locator('[data-testid="mode-compare"]').click();
    await page.locator('[data-testid="compare-shared"]').waitFor();
    const cols = await page.evaluate(() => ['col:a', 'col:shared', 'col:b'].map((id) => window.cy.getElementById(id).children().filter((c) => !c.hasClass('placeholder')).length));
    expect(cols[1]).toBeGreaterThan(0);
    expect(cols[0] + cols[2]).toBeGreaterThan(0);
    // The shared column sits between the two others.
    const xs = await page.evaluate(() => ['col:a', 'col:shared', 'col:b'].map((id) => window.cy.getElementById(id).position('x')));
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
    const url = new URL(page.url());
    expect(url.searchParams.get('mode')).toBe('compare');
    expect(url.searchParams.get('a')).toMatch(/^agency:/);
    await shot(page, '07-compare');
    // A shared node's details quote both reports.
    const shared = await page.evaluate(() => window.cy.getElementById('col:shared').children().map((c) => c.id()));
    await page.locator(`[data-testid="compare-shared"] .node-chip[data-id="${shared[0]}"]`).click();
    await page.locator(`[data-testid="details"][data-node="${shared[0]}"]`).waitFor();
    await page.locator('.back').click();
    await page.locator('[data-testid="compare-shared"]').waitFor();
    // Back to exploring restores the explore view.
    await page.locator('[data-mode="explore"]').click();
    await page.waitForFunction(() => window.cy.getElementById('col:shared').empty() && window.cy.nodes('[type = "AGENCY"]').length > 0);
  });

  /** Chooses one end of a path by searching for it in the path bar. */
  const pick = async (end: 'from' | 'to', text: string) => {
    const box = page.locator(`.modebar .search:has([data-testid="path-${end}"])`);
    await box.locator('input').fill(text);
    await box.locator('[data-testid="search-result"]').first().click();
  };

  test('path view: the shortest connection between two chosen nodes', async () => {
    await page.locator('[data-testid="mode-path"]').click();
    await pick('from', '安心码');
    await pick('to', '执法监督管理委员会');
    await page.locator('#path-result[data-length]').waitFor({ timeout: 20000 });
    const len = Number(await page.locator('#path-result').getAttribute('data-length'));
    expect(len).toBeGreaterThan(0);
    const onPath = await page.evaluate(() => window.cy.nodes('.path').length);
    expect(onPath).toBe(len + 1);
    expect(new URL(page.url()).searchParams.get('from')).toMatch(/安心码/);
    await page.waitForTimeout(500);
    await shot(page, '08-path');
    await page.locator('[data-mode="explore"]').click();
  });

  test('path view: a path between two practices does not run through a policy area unless asked', async () => {
    await page.locator('[data-testid="mode-path"]').click();
    const pathNodes = () => page.evaluate(() => window.cy.nodes('.path').map((n) => n.id()));
    await pick('from', '安心码');
    await pick('to', '越警管家');
    const ends = (all: boolean) => page.waitForFunction((all) => {
      const on = new Set(window.cy.nodes('.path').map((n) => n.id()));
      const kinds = document.querySelector('[data-testid="path-kinds"]')?.textContent ?? '';
      return on.has('platform:安心码') && on.has('platform:越警管家') && kinds.includes(all ? 'included' : 'left out');
    }, all, { timeout: 20000 });
    await ends(false);
    const direct = await pathNodes();
    // Both platforms are in the digital-policing area; a path through it says nothing about how they relate.
    expect(direct.filter((id) => id.startsWith('topic:'))).toEqual([]);
    expect(direct).toEqual(expect.arrayContaining(['platform:安心码', 'platform:越警管家']));
    // Asked for, the policy area is a shortcut.
    await page.locator('[data-testid="path-all"]').check();
    await ends(true);
    const through = await pathNodes();
    expect(through.some((id) => id.startsWith('topic:'))).toBe(true);
    expect(through.length).toBeLessThanOrEqual(direct.length);
    await page.locator('[data-mode="explore"]').click();
  });

  test('exports: a non-empty PNG, an SVG, the elements as JSON, the visible nodes with quotes as CSV', async () => {
    const save = async (testid: string) => {
      await page.locator('[data-testid="export"]').click();
      const [dl] = await Promise.all([
        page.waitForEvent('download', { timeout: 15000 }).catch(async (e) => {
          throw new Error(`${testid}: no download (status: ${await page.locator('#status').textContent()}): ${e}`);
        }),
        page.locator(`[data-testid="${testid}"]`).click(),
      ]);
      const file = path.join(ARTIFACTS, dl.suggestedFilename());
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await dl.saveAs(file);
      return fs.readFileSync(file);
    };
    // Zoomed in on one corner: the pictures are of the whole view all the same.
    const view = await page.evaluate(() => {
      window.cy.zoom({ level: 3, renderedPosition: { x: 60, y: 60 } });
      const bb = window.cy.elements(':visible').boundingBox({});
      // Whole labels: the screen shortens long names with …, a figure for a paper must not.
      const labels = window.cy.nodes(':visible').filter((n) => !n.isParent()).map((n) => {
        const l = String(n.data('label') || n.data('name'));
        return l.endsWith('…') ? String(n.data('name')) : l;
      });
      const offScreen = window.cy.nodes(':visible').filter((n) => {
        const p = n.renderedPosition();
        return p.x < 0 || p.y < 0 || p.x > window.cy.width() || p.y > window.cy.height();
      }).length;
      return { w: bb.w, labels, offScreen };
    });
    expect(view.offScreen).toBeGreaterThan(0);
    const png = await save('export-png');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR width: the whole view's width at the default 2× scale.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.floor(view.w * 2 * 0.95));
    const svg = (await save('export-svg')).toString('utf8');
    expect(svg).toMatch(/<svg/);
    const text = svg.replace(/<\/tspan><tspan[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'");
    expect(view.labels.filter((l) => !text.includes(l))).toEqual([]);
    await page.evaluate(() => void window.cy.fit(undefined, 30));
    const json = JSON.parse((await save('export-json')).toString('utf8'));
    expect(json.nodes.length).toBe(await nodeCount(page));
    expect(json.edges.length).toBeGreaterThan(0);
    const csv = (await save('export-csv')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^node_id,type,type_zh,name,name_en,report_id,report_title,bureau,year,start,end,quote,sentence$/);
    expect(lines.length).toBeGreaterThan(20);
    expect(csv).toContain('法治政府建设年度报告');
  });

  test('deep link /?node=<id> opens with the node selected and its details shown; the URL follows the selection', async () => {
    const p2 = await openPage(browser, `${server.url}/?node=${encodeURIComponent(REFORM)}`);
    try {
      const pg = p2.page;
      await pg.locator(`[data-testid="details"][data-node="${REFORM}"]`).waitFor();
      expect(await pg.locator('[data-testid="details"] h2.dname').textContent()).toBe('集约办案');
      expect(await pg.evaluate((id) => window.cy.getElementById(id).hasClass('focus'), REFORM)).toBe(true);
      await shot(pg, '09-deep-link');
      // Selecting another node moves the URL; Back returns to the first.
      await searchFor(pg, '安心码');
      await pg.locator('[data-testid="search"]').press('Enter');
      await pg.waitForFunction(() => new URL(location.href).searchParams.get('node') === 'platform:安心码');
      await pg.goBack();
      await pg.locator(`[data-testid="details"][data-node="${REFORM}"]`).waitFor();
      // A node that is not in the overview is fetched and added.
      await pg.goto(`${server.url}/?node=${encodeURIComponent('indicator:快办率')}`);
      await pg.waitForSelector('body[data-ready="true"]');
      const ok = await pg.evaluate(() => window.cy.getElementById('indicator:快办率').nonempty());
      expect(ok).toBe(true);
      // Shaoxing names 交警中队 twice in one sentence (枫桥式交警中队“一月一评”, then 深化派出所、交警中队分类考评):
      // each quote is marked where it stands, not both at the first.
      await pg.goto(`${server.url}/?node=${encodeURIComponent('unit:交警中队')}`);
      await pg.locator('[data-testid="details"][data-node="unit:交警中队"] [data-testid="mention"]').first().waitFor();
      const marked = await pg.locator('[data-testid="mention"]').evaluateAll((els) => els.map((el) => {
        const mark = el.querySelector('p.sentence mark')!;
        let before = 0;
        for (let n = mark.previousSibling; n; n = n.previousSibling) before += n.textContent?.length ?? 0;
        return { quote: mark.textContent, before, sentence: mark.parentElement!.textContent! };
      }));
      const twice = marked.filter((m) => m.quote === '交警中队' && m.sentence.includes('枫桥式交警中队“一月一评”'));
      expect(twice).toHaveLength(2);
      expect(twice.map((m) => m.before).sort((a, b) => a - b)).toEqual([twice[0].sentence.indexOf('交警中队'), twice[0].sentence.lastIndexOf('交警中队')]);
      // A link typed in Traditional characters opens the same node, and the address is corrected.
      await pg.goto(`${server.url}/?node=${encodeURIComponent('reform:柔性執法')}`);
      await pg.locator('[data-testid="details"][data-node="reform:柔性执法"]').waitFor();
      expect(new URL(pg.url()).searchParams.get('node')).toBe('reform:柔性执法');
      expect(p2.problems).toEqual([]);
      expectNoExternal(p2);
    } finally {
      await p2.context.close();
    }
  });

  test('keyboard: / focuses the search, arrows and Enter pick a suggestion, Escape clears', async () => {
    await page.locator('#cy').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await page.keyboard.type('派出所');
    await page.locator('[data-testid="search-result"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('node')?.includes('派出所'));
    // Typed and Enter at once, on a slow server: the lookup Enter starts is overtaken by the
    // one typing started, and whichever answers last must still open the first match.
    const slow = async (route: import('playwright-core').Route) => {
      await new Promise((r) => setTimeout(r, 400));
      // A request the page gave up on (it navigated) has nothing to continue.
      await route.continue().catch(() => undefined);
    };
    await page.route('**/graphql', slow);
    try {
      await page.locator('[data-testid="search"]').focus();
      await page.keyboard.type('集约办案');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('node') === 'reform:集约办案', undefined, { timeout: 10000 });
      await page.locator('[data-testid="details"] h2.dname', { hasText: '集约办案' }).waitFor();
    } finally {
      // Requests still held by the handler finish before the next test starts.
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  test('keyboard: arrows move a ring between the nodes on the canvas, Enter opens one, Shift+arrows pan', async () => {
    await page.focus('#cy');
    const ring = () => page.evaluate(() => window.cy.nodes('.kbd').map((n) => ({ id: n.id(), name: n.data('name') as string, x: n.position('x'), y: n.position('y') })));
    await page.keyboard.press('ArrowRight');
    const [first, ...more] = await ring();
    expect(more).toEqual([]);
    expect(await page.locator('#cy-announce').textContent()).toContain(first.name);
    // The ring has a colour of its own (the page's focus colour), not only a class.
    expect(await page.evaluate((id) => window.cy.getElementById(id).style('outline-width'), first.id)).toBe('3px');
    let key = 'ArrowRight';
    await page.keyboard.press(key);
    if ((await page.locator('#cy-announce').textContent())?.startsWith('Nothing further')) await page.keyboard.press((key = 'ArrowLeft'));
    const [second] = await ring();
    expect(second.id).not.toBe(first.id);
    expect(key === 'ArrowRight' ? second.x > first.x : second.x < first.x).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="details"][data-node="${second.id}"]`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cy');
    const pan = await page.evaluate(() => window.cy.pan());
    await page.keyboard.press('Shift+ArrowUp');
    expect((await page.evaluate(() => window.cy.pan())).y).toBeGreaterThan(pan.y);
    expect((await ring())[0].id).toBe(second.id);
    // Leaving the canvas takes the ring away.
    await page.keyboard.press('Tab');
    expect(await ring()).toEqual([]);
  });

  test('laptop screen (1440×900): every sidebar heading in sight without scrolling, sections fold, overview labels readable', async () => {
    const p4 = await openPage(browser, `${server.url}/`, { width: 1440, height: 900 });
    try {
      const pg = p4.page;
      await pg.waitForSelector('body[data-ready="true"]');
      await pg.waitForSelector('#sidebar [data-testid="topic-filter"] input', { state: 'attached' });
      await pg.waitForTimeout(300);
      const heads = await pg.evaluate(() => [...document.querySelectorAll('#sidebar > .panel .panel-head h2')].map((h) => {
        const r = h.getBoundingClientRect();
        return { text: h.textContent, bottom: r.bottom, visible: r.height > 0 };
      }));
      expect(heads.length).toBeGreaterThanOrEqual(5);
      expect(heads.filter((x) => !x.visible || x.bottom > 900)).toEqual([]);
      expect(await pg.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
      // A folded section opens from its heading, and says so to a screen reader.
      const name = await pg.locator('#sidebar > .panel.folded .panel-head h2').first().textContent();
      const heading = pg.locator('#sidebar > .panel .panel-head h2', { hasText: name! });
      expect(await heading.getAttribute('aria-expanded')).toBe('false');
      await heading.click();
      expect(await heading.getAttribute('aria-expanded')).toBe('true');
      // No node label is drawn under 11 px at the fitted zoom; the bureaus' names are drawn.
      await pg.waitForTimeout(200);
      const labels = await pg.evaluate(() => {
        const z = window.cy.zoom();
        const drawn = window.cy.nodes(':visible').filter((n) => !!n.style('label'));
        return {
          tooSmall: drawn.filter((n) => parseFloat(n.style('font-size')) * z < 11).map((n) => n.data('name')),
          bureaus: drawn.filter((n) => n.data('type') === 'AGENCY').length,
          drawn: drawn.length,
        };
      });
      expect(labels.tooSmall).toEqual([]);
      expect(labels.bureaus).toBe(2);
      // Zoomed in, every name comes back.
      await pg.evaluate(() => void window.cy.zoom({ level: 2, renderedPosition: { x: 400, y: 400 } }));
      await pg.waitForFunction((n) => window.cy.nodes(':visible').filter((x) => !!x.style('label')).length > n, labels.drawn);
      await shot(pg, '11-laptop-overview');
      expect(p4.problems).toEqual([]);
      expectNoExternal(p4);
    } finally {
      await p4.context.close();
    }
  });

  test('English overview (1440×900): labels hold no pinyin but their nodes\' marked proper nouns, and are cut between words', async () => {
    const p5 = await openPage(browser, `${server.url}/`, { width: 1440, height: 900 });
    try {
      const pg = p5.page;
      await pg.locator('[data-testid="lang-en"]').click();
      await pg.waitForFunction(() => document.body.classList.contains('lang-en'));
      const shown = await pg.evaluate(() => window.cy.nodes(':visible').filter((n) => !!n.data('nameEn')).map((n) => ({ id: n.id(), type: String(n.data('type')), label: String(n.data('label')) })));
      expect(shown.length).toBeGreaterThan(20);
      expect(shown.filter((n) => n.type === 'AGENCY').length).toBeGreaterThan(0);
      const { nodes } = await gql<{ nodes: Array<{ id: string; nameEn: string; nameEnProper: string[] }> }>(pg,
        'query($ids: [ID!]!) { nodes(ids: $ids) { id nameEn nameEnProper } }', { ids: shown.map((n) => n.id) });
      const byId = new Map(nodes.map((n) => [n.id, n]));
      // The measure of `npm run eval -- --english`, on what the screen shows. A label cut short
      // may keep only the first words of a proper noun, which are still that proper noun.
      const pinyin = shown.map((n) => {
        const proper = byId.get(n.id)!.nameEnProper;
        return { ...n, runs: pinyinRuns(n.label, [...proper, ...proper.flatMap((p) => p.split(' '))]) };
      }).filter((n) => n.runs.length);
      expect(pinyin).toEqual([]);
      // A shortened label ends on a whole word of the English name (or the PSB/PSD its bureau is written as).
      const midWord = shown.filter((n) => {
        const m = /([A-Za-z]+)[^A-Za-z]*…$/.exec(n.label);
        if (!m) return false;
        const words = new Set([...byId.get(n.id)!.nameEn.split(/[^A-Za-z]+/), 'PSB', 'PSD']);
        return !words.has(m[1]);
      });
      expect(midWord).toEqual([]);
      await shot(pg, '12-english-overview');
      expect(p5.problems).toEqual([]);
      expectNoExternal(p5);
    } finally {
      await p5.context.close();
    }
  });

  test('narrow screen: search, graph and details stacked and usable', async () => {
    const p3 = await openPage(browser, `${server.url}/?node=${encodeURIComponent(UNIT)}`, { width: 390, height: 844 });
    try {
      const pg = p3.page;
      await pg.locator(`[data-testid="details"][data-node="${UNIT}"]`).waitFor();
      const search = await pg.locator('[data-testid="search"]').boundingBox();
      const cy = await pg.locator('#cy').boundingBox();
      expect(search!.width).toBeGreaterThan(300);
      expect(cy!.width).toBeGreaterThan(350);
      expect(cy!.height).toBeGreaterThan(300);
      await shot(pg, '10-narrow');
      await pg.locator('#toggle-sidebar').click();
      expect(await pg.locator('#sidebar').isVisible()).toBe(true);
      expect(p3.problems).toEqual([]);
      expectNoExternal(p3);
    } finally {
      await p3.context.close();
    }
  });
});
