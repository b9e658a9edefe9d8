import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { PageServer, startPageServer } from '../helpers/pageServer';

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/server/cli/ingest.js');

/** The CLI as a child process (the page server answers in this one meanwhile). */
function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run ingest -- --urls list.txt, against a site on loopback', () => {
  let site: PageServer;
  let dir: string;
  let list: string;
  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    site = await startPageServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-urls-'));
    list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, ['# a province\'s reports', ...site.paths.map((p) => site.base + p), ''].join('\n'));
  });
  afterAll(async () => {
    await site?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const args = () => ['--urls', list, '--rate', '5', '--timeout', '0.5', '--concurrency', '3'];
  const env = () => ({ KG_DATA_DIR: path.join(dir, 'data') });
  const rowOf = (out: string, p: string) => out.split('\n').find((l) => l.startsWith(site.base + p)) ?? '';

  it('fetches, decodes and ingests each page, says why each failure failed, and keeps where each report came from', async () => {
    const r = await run(args(), env());
    expect(r.status).toBe(1);
    expect(rowOf(r.stdout, '/art/2022/2/28/jiaxing-2021.html')).toMatch(/嘉兴市公安局\s+2021\s+added\s.*html$/);
    expect(rowOf(r.stdout, '/zwgk/202302/t20230224_hangzhou.html')).toMatch(/杭州市公安局\s+2022\s+added\s.*html$/);
    expect(rowOf(r.stdout, '/moved/taizhou.html')).toMatch(/台州市公安局\s+2019\s+added\s.*html$/);
    expect(rowOf(r.stdout, '/files/shaoxing-2020.pdf')).toMatch(/绍兴市公安局\s+2020\s+added\s.*pdf$/);
    expect(rowOf(r.stdout, '/files/jingning-2022.docx')).toMatch(/\s2022\s+added\s.*docx$/);
    expect(rowOf(r.stdout, '/flaky/wuxing-2023.txt')).toMatch(/\s2023\s+added\s.*txt$/);
    expect(r.stdout).toContain(`✗ ${site.base}/missing/2021.html: HTTP 404`);
    expect(r.stdout).toContain(`✗ ${site.base}/slow/never.html: timed out after 0.5 s (gave up after 4 tries)`);
    expect(r.stdout).toContain(`✗ ${site.base}/loop/a: redirect loop: ${site.base}/loop/a → ${site.base}/loop/b → ${site.base}/loop/a`);
    expect(r.stdout).toMatch(/9 files: 6 added, 0 unchanged, 3 failed/);
    // Retried: the 503s, then the page; the 404 and the loop were not retried.
    expect(site.log.filter((l) => l.path === '/flaky/wuxing-2023.txt').map((l) => l.status)).toEqual([503, 503, 200]);
    expect(site.log.filter((l) => l.path === '/missing/2021.html')).toHaveLength(1);
    expect(site.log.filter((l) => l.path === '/loop/a')).toHaveLength(1);
    expect(site.log.filter((l) => l.path === '/slow/never.html')).toHaveLength(4);
    // At most 5 requests a second to the one host. The client starts them 200 ms apart; one it
    // sent while busy extracting a report may arrive late, so a 1 s window may see a sixth.
    const starts = site.log.map((l) => l.at).sort((a, b) => a - b);
    expect(starts.length).toBeGreaterThanOrEqual(16);
    expect(Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length))).toBeLessThanOrEqual(6);
    expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(((starts.length - 1) / 5) * 1000 - 300);

    const store = new MemoryStore(path.join(dir, 'data'));
    await store.init();
    const reports = await store.reports();
    const pdf = reports.find((n) => n.props.source === `${site.base}/files/shaoxing-2020.pdf`)!;
    expect(pdf.props).toMatchObject({ format: 'pdf', originalName: 'shaoxing-2020.pdf', originalType: 'application/pdf' });
    expect(Date.parse(String(pdf.props.retrievedAt))).toBeGreaterThan(Date.now() - 120000);
    const moved = reports.find((n) => n.props.source === `${site.base}/moved/taizhou.html`)!;
    expect(moved.props).toMatchObject({ format: 'html', charset: 'big5', publishedOn: '2020-03-16' });
    const gbk = reports.find((n) => n.props.source === `${site.base}/art/2022/2/28/jiaxing-2021.html`)!;
    expect(gbk.props).toMatchObject({ charset: 'gb18030', title: '嘉兴市公安局2021年法治政府建设年度报告', publishedOn: '2022-02-28' });
    await store.close();
  }, 120000);

  it('can be run again: pages not modified since are skipped, failures are tried again', async () => {
    const before = site.log.length;
    const r = await run(args(), env());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/9 files: 0 added, 0 unchanged, 6 skipped \(not modified\), 3 failed/);
    expect(rowOf(r.stdout, '/files/shaoxing-2020.pdf')).toMatch(/\sskipped$/);
    const again = site.log.slice(before);
    // Each stored page was asked with If-Modified-Since and answered 304, without its body.
    expect(again.filter((l) => l.status === 304).map((l) => l.path).sort()).toEqual(['/art/2022/2/28/jiaxing-2021.html', '/files/jingning-2022.docx', '/files/shaoxing-2020.pdf', '/moved/taizhou.html', '/tw/taizhou-2019.html', '/zwgk/202302/t20230224_hangzhou.html', '/flaky/wuxing-2023.txt'].filter((p) => p !== '/moved/taizhou.html').sort());
    expect(again.filter((l) => l.status === 404)).toHaveLength(1);
  }, 120000);
});
