import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createApp } from '../../server/http/app';
import { ingestReport, IngestInput } from '../../server/services/ingest';
import { updateReport } from '../../server/services/update';
import type { GraphStore } from '../../server/store/store';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { encodePage, layOut, makeDocx, makePage, makePdf } from '../helpers/documents';

// Report files made from the seeds' and the fixtures' real texts, in the formats bureaus publish.
const ROOT = path.join(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const JIAXING = read('tests/fixtures/reports/jiaxing-psb-2021.txt');
const LISHUI = read('tests/fixtures/reports/lishui-jingning-psb-2022.txt');
const TAIZHOU = read('tests/fixtures/reports/taizhong-psb-2019-traditional.txt');
const lines = (t: string) => t.split('\n').map((l) => l.trim()).filter(Boolean);
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const TOKEN = 'test-write-token-formats';
const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) {
  created warnings report { id title year publishedOn source retrievedAt format original { name type bytes sha256 } text
    nodes { id type mentions { start end quote page endPage report { id } } } } } }`;

async function fresh(): Promise<{ store: MemoryStore; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-formats-'));
  const store = new MemoryStore(dir);
  await store.init();
  return { store, dir };
}

function client(store: GraphStore) {
  const { yoga } = createApp(store, { writeToken: TOKEN });
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
  };
}

const file = (bytes: Buffer, filename: string): IngestInput => ({ content: bytes.toString('base64'), filename });

/** Every mention of every node cites its own report's stored text exactly. */
function expectQuotesMatch(report: { id: string; text: string; nodes: Array<{ mentions: Array<{ start: number; end: number; quote: string; report: { id: string } }> }> }) {
  let n = 0;
  for (const node of report.nodes) for (const m of node.mentions) {
    if (m.report.id !== report.id) continue;
    expect(m.quote).toBe(report.text.slice(m.start, m.end));
    n++;
  }
  expect(n).toBeGreaterThan(20);
}

describe('report files in every format, through ingestReport', () => {
  let store: MemoryStore;
  let gql: ReturnType<typeof client>;
  beforeEach(async () => {
    store = (await fresh()).store;
    gql = client(store);
  });
  afterEach(() => store.close());

  it('reads a GBK page as its reader sees it: the article with its table rows, no site chrome, the title without the site', async () => {
    // Two of the report's own sentences with figures, set as a table the way sites show them.
    const figures = lines(JIAXING).filter((l) => /\d+(件|起|人|次)/.test(l)).slice(0, 2).map((l) => l.split(/[。，,]/)[0]);
    const html = makePage('嘉兴市公安局2021年法治政府建设年度报告', JIAXING, { site: '嘉兴市人民政府', charset: 'gbk', published: '2022-02-28', table: [['事项', '情况'], ...figures.map((f, i) => [`第${i + 1}项`, f])] });
    const bytes = encodePage(html, 'gbk');
    expect(bytes.includes(Buffer.from('嘉兴', 'utf8'))).toBe(false); // really GBK bytes
    const r = await gql(INGEST, { input: { ...file(bytes, 'jiaxing-2021.htm'), source: 'http://www.jiaxing.gov.cn/art/2022/2/28/art_1229_5.html' } });
    expect(r.errors).toBeUndefined();
    const rep = r.data.ingestReport.report;
    expect(rep.title).toBe('嘉兴市公安局2021年法治政府建设年度报告');
    expect(rep.publishedOn).toBe('2022-02-28');
    expect(rep.format).toBe('html');
    expect(rep.original).toEqual({ name: 'jiaxing-2021.htm', type: 'text/html', bytes: bytes.length, sha256: sha256(bytes) });
    const text: string = rep.text;
    expect(text.split('\n')[0]).toBe('嘉兴市公安局2021年法治政府建设年度报告');
    expect(text).toContain('\n事项 情况\n');
    expect(text).toContain(`\n第1项 ${figures[0]}\n`);
    for (const chrome of ['版权所有', 'ICP备', '网站标识码', '打印本页', '分享到', '浏览次数', '当前位置', '通知公告', '嘉兴市人民政府']) expect(text).not.toContain(chrome);
    // The report's own paragraphs are all there.
    for (const l of lines(JIAXING).filter((x) => !/浏览次数|分享/.test(x))) expect(text.split('\n')).toContain(l);
    expect(rep.nodes.some((n: { id: string }) => /标识码|ICP/.test(n.id))).toBe(false);
    expectQuotesMatch(rep);
  });

  it('reads a Big5 page, by its meta charset and, without one, by detection', async () => {
    const html = makePage('台州市公安局2019年法治政府建設年度報告', TAIZHOU, { site: '台州市政府', charset: 'big5', published: '2020-03-16' });
    const bytes = encodePage(html, 'big5');
    const declared = await ingestReport(store, file(bytes, 'taizhou.html'));
    expect(declared.extraction.report.props.charset).toBe('big5');
    const undeclared = encodePage(html.replace(/<meta[^>]*>/, ''), 'big5');
    const detected = await ingestReport((await fresh()).store, file(undeclared, 'taizhou.html'));
    expect(detected.extraction.text).toBe(declared.extraction.text);
    expect(detected.extraction.report.props.charset).toBe('big5');
    expect(declared.extraction.text).toContain('2019年，台州市公安局在市委、市政府和省公安廳的堅強領導下');
    expect(declared.extraction.text).not.toMatch(/打印|關閉|發佈日期/);
    expect(declared.extraction.report.props.publishedOn).toBe('2020-03-16');
  });

  it('reads a two-page PDF: one quote runs over the page break, every quote matches the text, each has its pages', async () => {
    // 38 characters a line, 60 lines a page: page 1 ends inside the sentence on 首违免罚.
    const pages = layOut(JIAXING, 38, 60);
    expect(pages.length).toBe(2);
    const pdf = makePdf(pages);
    const r = await gql(INGEST, { input: file(pdf, '嘉兴市公安局2021年法治政府建设年度报告.pdf') });
    expect(r.errors).toBeUndefined();
    const rep = r.data.ingestReport.report;
    expect(rep.format).toBe('pdf');
    expect(rep.original).toEqual({ name: '嘉兴市公安局2021年法治政府建设年度报告.pdf', type: 'application/pdf', bytes: pdf.length, sha256: sha256(pdf) });
    // Wrapped lines joined again: each paragraph of the report is one line of the stored text.
    // (spaces where a line wraps are not on the page, so they are compared without spaces).
    const bare = (l: string) => l.replace(/[\s\u3000]/g, '');
    expect(rep.text.split('\n').map(bare)).toEqual(lines(JIAXING).map(bare));
    expectQuotesMatch(rep);
    const mentions = rep.nodes.flatMap((n: any) => n.mentions).filter((m: any) => m.report.id === rep.id);
    expect(new Set(mentions.map((m: any) => m.page))).toEqual(new Set([1, 2]));
    const firstOfPage2 = pages[1][0].trim();
    const crossing = mentions.filter((m: any) => m.page === 1 && m.endPage === 2);
    expect(crossing.length).toBeGreaterThan(0);
    // The crossing quote holds the last words of page 1 and the first of page 2.
    expect(crossing.some((m: any) => m.quote.includes(pages[0][pages[0].length - 1].slice(-4)) && m.quote.includes(firstOfPage2.slice(0, 4)))).toBe(true);
  });

  it('reads a .docx: its paragraphs are the stored text', async () => {
    const docx = await makeDocx(LISHUI);
    const r = await gql(INGEST, { input: file(docx, 'jingning-2022.docx') });
    expect(r.errors).toBeUndefined();
    const rep = r.data.ingestReport.report;
    expect(rep.format).toBe('docx');
    expect(rep.original.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(rep.text).toBe(lines(LISHUI).join('\n'));
    expectQuotesMatch(rep);
  });

  describe('refuses, with its reason, and changes nothing', () => {
    const refusals: Array<[string, () => Promise<IngestInput>, string, RegExp]> = [
      ['a scanned PDF with no text layer', async () => file(makePdf(layOut(JIAXING, 38, 60), { scanned: true }), 'scan.pdf'), 'NO_TEXT_LAYER', /scan\.pdf has no text layer \(2 pages of images/],
      ['a truncated PDF', async () => { const pdf = makePdf(layOut(JIAXING, 38, 60)); return file(pdf.subarray(0, Math.floor(pdf.length * 0.6)), 'cut.pdf'); }, 'TRUNCATED', /cut\.pdf is truncated: it has no %%EOF/],
      ['a legacy .doc', async () => file(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), iconv.encode(JIAXING, 'utf16le')]), 'jiaxing.doc'), 'UNSUPPORTED_FORMAT', /jiaxing\.doc is a legacy Word 97–2003 \.doc file.*save it as \.docx or PDF/],
      ['a GBK page with a broken byte', async () => {
        const bytes = encodePage(makePage('嘉兴市公安局2021年法治政府建设年度报告', JIAXING, { site: '嘉兴市人民政府', charset: 'gbk' }), 'gbk');
        bytes[1500] = 0xff;
        return file(bytes, 'broken.html');
      }, 'UNDECODABLE', /broken\.html is not valid GB18030: undecodable bytes at byte offset 1500 \(0xff/],
      ['undeclared bytes no charset reads', async () => file(Buffer.from([...iconv.encode(JIAXING.slice(0, 300), 'gbk'), 0xff, 0xff, 0x80]), 'x.txt'), 'UNDECODABLE', /x\.txt is not valid UTF-8, GBK\/GB18030 or Big5: undecodable bytes at byte offset \d+/],
      ['both text and content', async () => ({ text: JIAXING, ...file(Buffer.from(JIAXING), 'a.txt') }), 'BAD_USER_INPUT', /either as text or as content/],
      ['neither text nor content', async () => ({ title: 'x' }), 'BAD_USER_INPUT', /give the report as text, or as content/],
      ['content that is not base64', async () => ({ content: '这不是base64', filename: 'a.pdf' }), 'BAD_USER_INPUT', /content is not base64/],
    ];
    it.each(refusals)('%s', async (_name, make, code, message) => {
      const before = JSON.stringify(await store.stats());
      const r = await gql(INGEST, { input: await make() });
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(r.errors?.[0].message).toMatch(message);
      expect(JSON.stringify(await store.stats())).toBe(before);
    });
  });

  it('keeps provenance when the store is reopened and when updateReport re-reads the report', async () => {
    const { store: s, dir } = await fresh();
    const pdf = makePdf(layOut(JIAXING, 38, 60));
    const r = await ingestReport(s, { ...file(pdf, 'jx.pdf'), source: '/reports/jx.pdf', retrievedAt: '2024-05-01T08:00:00.000Z' });
    const id = r.extraction.report.id;
    await updateReport(s, id, { year: 2021, agency: '嘉兴市公安局' });
    await s.close();
    const again = new MemoryStore(dir);
    await again.init();
    const [node] = await again.getNodes([id]);
    expect(node?.props).toMatchObject({ format: 'pdf', originalName: 'jx.pdf', originalBytes: pdf.length, originalSha256: sha256(pdf), source: '/reports/jx.pdf', retrievedAt: '2024-05-01T08:00:00.000Z' });
    expect(String(node?.props.pageStarts).split(',')).toHaveLength(2);
    await again.close();
  });
});

describe('the seed reports as GBK pages, PDFs and Word files give the graph their .txt gives', () => {
  const CONCEPTS = ['AGENCY', 'PLACE', 'REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'PROBLEM', 'POLICY_DOCUMENT', 'PRINCIPLE'];
  for (const seed of ['hangzhou-psb-2022', 'shaoxing-psb-2020']) {
    it(seed, async () => {
      const text = read(`seeds/reports/${seed}.txt`);
      const meta = JSON.parse(read(`seeds/reports/${seed}.meta.json`));
      const files: Array<[string, IngestInput]> = [
        ['txt', { text, ...meta }],
        ['gbk html', { ...file(encodePage(makePage(meta.title, text, { site: `${meta.agency.replace('公安局', '人民政府')}`, charset: 'gbk', published: meta.publishedOn }), 'gbk'), `${seed}.html`), ...meta }],
        ['pdf', { ...file(makePdf(layOut(text)), `${seed}.pdf`), ...meta }],
        ['docx', { ...file(await makeDocx(text), `${seed}.docx`), ...meta }],
      ];
      const graphs = [];
      for (const [format, input] of files) {
        const { store } = await fresh();
        const r = await ingestReport(store, input);
        const x = r.extraction;
        for (const n of x.nodes) for (const m of n.mentions) expect(m.end).toBeLessThanOrEqual(x.text.length);
        graphs.push({ format, concepts: x.nodes.filter((n) => CONCEPTS.includes(n.type)).map((n) => n.id).sort(), counts: r.counts });
        await store.close();
      }
      const [txt, ...others] = graphs;
      expect(txt.concepts.length).toBeGreaterThan(40);
      for (const g of others) expect({ format: g.format, concepts: g.concepts, counts: g.counts }).toEqual({ format: g.format, concepts: txt.concepts, counts: txt.counts });
    });
  }
});
