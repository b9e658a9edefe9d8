import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from '../../server/ingest/errors';
import { htmlToText } from '../../server/ingest/html';
import { extract } from '../../server/ingest/pipeline';
import { validateReportText } from '../../server/ingest/validate';

// 1,000 random and mutated report texts: the pipeline never crashes (a refusal is an
// IngestError), finishes each in bounded time, and whatever it extracts has valid provenance.
const ROOT = path.join(__dirname, '../..');
const corpus = [
  ...['hangzhou-psb-2022.txt', 'shaoxing-psb-2020.txt'].map((f) => fs.readFileSync(path.join(ROOT, 'seeds/reports', f), 'utf8')),
  ...fs.readdirSync(path.join(ROOT, 'tests/fixtures/reports')).map((f) => fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports', f), 'utf8')),
];

let seed = 20261122;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
const slice = (s: string, min: number, max: number) => {
  const len = min + Math.floor(rand() * (max - min));
  const at = Math.floor(rand() * Math.max(1, s.length - len));
  return s.slice(at, at + len);
};
const NOISE = ['“', '”', '《', '》', '(', ')', '（', '）', '「', '」', '"', "'", '【', '】', '一、', '(一)', '一是', '%', '达', '率', '同比上升', '\n', '、', '——', '\u0000', '\ufffd', '😀', '𠀋', '\ud800', 'ﬁ', '①'];
const SCRIPTS = ['Law enforcement reform ', 'реформа полиции ', 'إصلاح الشرطة ', '🚓🚨 ', 'ｆｕｌｌ　ｗｉｄｔｈ ', '執法辦案管理中心 ', '<img src=x onerror=alert(1)>', '&ldquo;'];

const mutators: Array<() => string> = [
  () => slice(pick(corpus), 50, 3000),
  () => {
    let s = slice(pick(corpus), 200, 2500);
    for (let i = 0; i < 40; i++) {
      const at = Math.floor(rand() * s.length);
      s = s.slice(0, at) + pick(NOISE) + s.slice(at);
    }
    return s;
  },
  () => Buffer.from(Array.from({ length: 200 + Math.floor(rand() * 3000) }, () => Math.floor(rand() * 256))).toString('utf8'),
  () => Array.from({ length: 100 }, () => pick(SCRIPTS) + slice(pick(corpus), 5, 60)).join(''),
  () => slice(pick(corpus), 100, 400).replace(/\n/g, '').repeat(1 + Math.floor(rand() * 60)),
  () => Array.from({ length: 200 }, () => `${pick(['快办率', '网办量', '比例', '占比', '同比上升', ''])}${pick(['达', '超', '分别达', '下降', ''])}${Math.floor(rand() * 1e6) / 100}${pick(['%', '万件', '人次', '、', ''])}${pick(['，', ',', '、', '(', ')', '。'])}`).join(''),
  () => htmlToText(`<html><body>${slice(pick(corpus), 100, 2000).split('，').map((p) => `<p>${p}</p>`).join('<div><script>x</script>')}</body></html>`),
  () => slice(pick(corpus), 100, 2000).split('').reverse().join(''),
];

describe('pipeline fuzz', () => {
  it('survives 1,000 random and mutated reports with valid provenance', () => {
    let refused = 0;
    let notGenre = 0;
    let extracted = 0;
    let slowest = 0;
    const bad: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const text = mutators[i % mutators.length]();
      const t0 = performance.now();
      try {
        try {
          validateReportText(text);
        } catch (e) {
          if (!(e instanceof IngestError)) throw e;
          notGenre++; // the API refuses these; the pipeline must still survive them
        }
        const x = extract(text, { agency: '测试市公安局', year: 2021 });
        extracted++;
        for (const item of [...x.nodes, ...x.edges]) {
          for (const m of item.mentions) {
            const q = text.slice(m.start, m.end);
            // In range, not empty, and never cutting a character in half.
            const ok = m.reportId === x.report.id && m.start >= 0 && m.end > m.start && m.end <= text.length && !/^[\udc00-\udfff]/.test(q) && !/[\ud800-\udbff]$/.test(q);
            if (!ok) bad.push(`input ${i}: ${item.id} [${m.start}, ${m.end})`);
          }
        }
      } catch (e) {
        if (!(e instanceof IngestError)) throw new Error(`input ${i} crashed the pipeline: ${(e as Error).stack}`);
        refused++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }
    expect(bad).toEqual([]);
    expect(extracted).toBeGreaterThan(500);
    expect(slowest).toBeLessThan(3000);
    console.log(`fuzz: 1000 inputs, ${notGenre} refused by validation, ${extracted} extracted, ${refused} refused by the pipeline, slowest ${Math.round(slowest)} ms`);
  });
});
