// npm run screenshots: the real server on a fresh data folder (seeded from seeds/), Debian's
// Chromium at 1440×900, and four PNGs in docs/screenshots/: GraphiQL, a saved view reopened from
// its link, a second page after a live refresh (a report added on the first), and the overview
// in English. Requests to any host but loopback are blocked; the script lists any it saw.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.KG_CHROMIUM || '/usr/bin/chromium';
const REPORT = path.join(ROOT, 'tests/fixtures/reports/jiaxing-psb-2021.txt');
const UNIT = 'unit:执法办案管理中心';
const TOKEN = crypto.randomBytes(12).toString('hex');
const VIEWPORT = { width: 1440, height: 900 };
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function startServer(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', KG_DATA_DIR: dataDir, KG_STORE: 'memory', KG_WRITE_TOKEN: TOKEN, KG_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 60000);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    child.stdout.on('data', (b) => {
      out += b;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
  });
}

const external = [];
async function open(browser, url, ready = true) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.route((u) => !LOOPBACK.test(u.hostname), (route) => {
    external.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(url);
  if (ready) await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  return page;
}

async function save(page, name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

/** The address bar once its view has stopped changing. */
async function settledLink(page) {
  await page.waitForFunction(() => location.hash.startsWith('#view=1.'));
  let last = '';
  for (;;) {
    await page.waitForTimeout(700);
    if (page.url() === last) return last;
    last = page.url();
  }
}

const unfold = (page) => page.evaluate(() => document.querySelectorAll('#sidebar > .panel.folded .panel-head h2').forEach((h) => h.click()));
const unfoldOne = (page, id) => page.evaluate((sel) => document.querySelector(`${sel}.folded .panel-head h2`)?.click(), `#${id}`);

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set KG_CHROMIUM)`);
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-screenshots-'));
  const { url, child } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    // GraphiQL as it renders from this server alone.
    const gi = await open(browser, `${url}/graphql`, false);
    await gi.waitForSelector('.graphiql-container, .graphiql-editor', { timeout: 15000 }).catch(() => console.log('GraphiQL did not render within 15 s: taking the page as it is'));
    await gi.waitForTimeout(1500);
    await save(gi, 'graphiql.png');

    // The overview in English.
    const en = await open(browser, `${url}/`);
    await en.locator('[data-testid="lang-en"]').click();
    await en.waitForTimeout(800);
    await save(en, 'overview-en.png');

    // A view built on one page, reopened from its link on another.
    const a = await open(browser, `${url}/`);
    await a.evaluate((id) => window.kg.go(id), UNIT);
    await a.locator('[data-testid="expand"]').click();
    await a.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Expanded'));
    await unfold(a);
    await a.locator('#type-filters input[data-type="OBSERVATION"]').uncheck();
    await a.locator('[data-testid="view-name"]').fill('Case-handling centre');
    await a.locator('[data-testid="view-save"]').click();
    const link = await settledLink(a);
    const b = await open(browser, link);
    await b.locator(`[data-testid="details"][data-node="${UNIT}"]`).waitFor();
    await unfoldOne(b, 'saved-views');
    await b.evaluate(() => document.querySelector('#saved-views')?.scrollIntoView());
    await b.waitForTimeout(500);
    await save(b, 'saved-view.png');

    // A report added on one page; the other refreshes by itself.
    const watcher = await open(browser, `${url}/`);
    await watcher.waitForFunction(() => document.body.dataset.live === 'on');
    const up = await open(browser, `${url}/`);
    await unfoldOne(up, 'add-reports');
    await up.locator('[data-testid="upload-token"]').fill(TOKEN);
    await up.locator('[data-testid="upload-token-use"]').click();
    await up.locator('[data-testid="upload-files"]').setInputFiles(REPORT);
    await up.locator('[data-testid="upload-item"][data-state="added"]').waitFor({ timeout: 60000 });
    await watcher.waitForFunction(() => window.cy.getElementById('agency:嘉兴市公安局').nonempty(), null, { timeout: 30000 });
    await unfoldOne(watcher, 'scope-filters');
    await watcher.waitForTimeout(1500);
    await save(watcher, 'upload-live.png');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // Said, not fatal: GraphiQL asked a CDN until it was served from the project's own files.
  if (external.length) console.error(`warning: blocked requests to other hosts:\n${[...new Set(external)].join('\n')}`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
