import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { encodePage, layOut, makeDocx, makePage, makePdf } from './documents';

/**
 * A government site on loopback, serving real reports saved as it would: a GBK page (charset
 * only in its meta), a UTF-8 page (charset in the header), a Big5 page behind a 301, a PDF, a
 * .docx, a text that fails twice with 503 before it loads, a 404, a page that never answers in
 * time and a redirect loop. Pages honour If-Modified-Since (one fixed Last-Modified date).
 */
export interface PageServer {
  base: string;
  /** Each request: path, when it arrived, status sent (0: none, it hung). */
  log: Array<{ path: string; at: number; status: number }>;
  paths: string[];
  close(): Promise<void>;
}

const ROOT = path.join(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const LAST_MODIFIED = new Date('2024-03-01T00:00:00Z');

export async function startPageServer(): Promise<PageServer> {
  const seedMeta = (s: string) => JSON.parse(read(`seeds/reports/${s}.meta.json`));
  const hz = seedMeta('hangzhou-psb-2022');
  const pages: Record<string, { type: string; body: Buffer }> = {
    '/art/2022/2/28/jiaxing-2021.html': { type: 'text/html', body: encodePage(makePage('嘉兴市公安局2021年法治政府建设年度报告', read('tests/fixtures/reports/jiaxing-psb-2021.txt'), { site: '嘉兴市人民政府', charset: 'gbk', published: '2022-02-28' }), 'gbk') },
    '/zwgk/202302/t20230224_hangzhou.html': { type: 'text/html; charset=utf-8', body: encodePage(makePage(hz.title, read('seeds/reports/hangzhou-psb-2022.txt'), { site: '杭州市人民政府', charset: 'utf-8', published: hz.publishedOn }), 'utf-8') },
    '/tw/taizhou-2019.html': { type: 'text/html; charset=big5', body: encodePage(makePage('台州市公安局2019年法治政府建設年度報告', read('tests/fixtures/reports/taizhong-psb-2019-traditional.txt'), { site: '台州市政府', charset: 'big5', published: '2020-03-16' }), 'big5') },
    '/files/shaoxing-2020.pdf': { type: 'application/pdf', body: makePdf(layOut(read('seeds/reports/shaoxing-psb-2020.txt'))) },
    '/files/jingning-2022.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await makeDocx(read('tests/fixtures/reports/lishui-jingning-psb-2022.txt')) },
    '/flaky/wuxing-2023.txt': { type: 'text/plain; charset=utf-8', body: Buffer.from(read('tests/fixtures/reports/huzhou-wuxing-psb-2023.txt')) },
  };
  const log: PageServer['log'] = [];
  let flaky = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    const send = (status: number, headers: Record<string, string> = {}, body?: Buffer | string) => {
      log.push({ path: p, at: Date.now(), status });
      res.writeHead(status, headers).end(body);
    };
    if (p === '/slow/never.html') {
      // Answers long after any client's timeout (and is cut when the server closes).
      log.push({ path: p, at: Date.now(), status: 0 });
      timers.add(setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'), 30000));
      return;
    }
    if (p === '/moved/taizhou.html') return send(301, { location: '/tw/taizhou-2019.html' });
    if (p === '/loop/a') return send(302, { location: '/loop/b' });
    if (p === '/loop/b') return send(302, { location: '/loop/a' });
    if (p.startsWith('/flaky/') && flaky++ < 2) return send(503, {}, 'busy');
    const page = pages[p];
    if (!page) return send(404, { 'content-type': 'text/html' }, '<html><body>404 页面不存在</body></html>');
    const since = req.headers['if-modified-since'];
    if (since && new Date(since) >= LAST_MODIFIED) return send(304);
    send(200, { 'content-type': page.type, 'last-modified': LAST_MODIFIED.toUTCString(), 'content-length': String(page.body.length) }, page.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    log,
    paths: ['/art/2022/2/28/jiaxing-2021.html', '/zwgk/202302/t20230224_hangzhou.html', '/moved/taizhou.html', '/files/shaoxing-2020.pdf', '/files/jingning-2022.docx', '/flaky/wuxing-2023.txt', '/missing/2021.html', '/slow/never.html', '/loop/a'],
    close: () => new Promise<void>((r) => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}
