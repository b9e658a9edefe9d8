import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestReport } from '../../server/services/ingest';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import type { GraphStore } from '../../server/store/store';
import { gqlClient } from '../helpers/gql';
import { storeFactories } from '../helpers/stores';

// What two reforms share, as the GraphQL contract says (DESIGN.md section 6): `relatedReforms`
// ranks other reforms by the platforms, units, indicators, problems and principles they share
// (and the wording of their names), and `via` lists those shared nodes. An outside body a
// measure works with, a document it issues or another reform it implements is no such node.
const CONTEXT = ['PLATFORM', 'UNIT', 'INDICATOR', 'PROBLEM', 'PRINCIPLE'];
const RELATED = 'query($id: ID!) { relatedReforms(id: $id, first: 100) { score reform { id } via { id type } sharedWords } }';

type Gql = ReturnType<typeof gqlClient>;
const relatedTo = async (gql: Gql, id: string) => {
  const r = await gql(RELATED, { id });
  expect(r.errors).toBeUndefined();
  return r.data.relatedReforms as Array<{ score: number; reform: { id: string }; via: Array<{ id: string; type: string }>; sharedWords: string[] }>;
};

describe.each(storeFactories().map((f) => [f.name, f] as const))('related reforms share what the contract names, on the %s store', (_name, factory) => {
  let store: GraphStore;
  let gql: Gql;
  beforeAll(async () => {
    store = await factory.open();
    gql = gqlClient(store);
  });
  afterAll(async () => store.close());

  // 杭州 2022: "按照市委市政府的总体部署,持续打造公安执法规范化建设“金名片”" and "围绕市委市政府
  // “稳进提质”大局,…全面构建起线上“一网通办”、线下“一窗通办”政务服务格局": the city's party
  // committee and government is all the two sentences' reforms have in common, and their names
  // share no wording.
  it('does not relate two reforms through the outside body both sentences name (杭州市委市政府)', async () => {
    const related = (await relatedTo(gql, 'reform:执法规范化建设')).map((x) => x.reform.id);
    expect(related).not.toContain('reform:一网通办');
    expect(related).not.toContain('reform:一窗通办');
    const back = (await relatedTo(gql, 'reform:一网通办')).map((x) => x.reform.id);
    expect(back).not.toContain('reform:执法规范化建设');
  });

  // 杭州 2022: "高效运行“智慧法制平台”,…“四大行动”" and "线上迭代“智慧法制平台”,推广运行执法管理
  // 标准化体系": the platform both run relates them.
  it('relates two reforms through the platform both sentences run (智慧法制平台)', async () => {
    const related = await relatedTo(gql, 'reform:四大行动');
    const other = related.find((x) => x.reform.id === 'reform:执法管理标准化体系');
    expect(other?.via).toEqual([{ id: 'platform:智慧法制平台', type: 'PLATFORM' }]);
    expect(other!.score).toBeGreaterThan(0);
  });

  it('lists only platforms, units, indicators, problems and principles in via, for every reform', async () => {
    const reforms = (await gql('{ search(text: "", types: [REFORM], first: 200) { id } }')).data.search;
    expect(reforms.length).toBeGreaterThan(20);
    expect(reforms.length).toBeLessThan(200);
    let vias = 0;
    for (const { id } of reforms) {
      for (const x of await relatedTo(gql, id)) {
        for (const v of x.via) expect([id, x.reform.id, v.id, CONTEXT.includes(v.type)]).toEqual([id, x.reform.id, v.id, true]);
        vias += x.via.length;
      }
    }
    expect(vias).toBeGreaterThan(100);
  });
});

// Two fixture reports' reforms that share only an outside organisation or a 《》 document.
describe('related reforms of the fixture reports on the embedded store', () => {
  let store: MemoryStore;
  let gql: Gql;
  beforeAll(async () => {
    store = new MemoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-related-context-')));
    await store.init();
    const dir = path.join(__dirname, '../fixtures/reports');
    for (const f of ['jiaxing-psb-2021.txt', 'ningbo-beilun-psb-2020.html', 'taizhong-psb-2019-traditional.txt']) {
      await ingestReport(store, { text: fs.readFileSync(path.join(dir, f), 'utf8') });
    }
    gql = gqlClient(store);
  });
  afterAll(async () => store.close());

  // 北仑 2020: "会同区人民检察院、区人民法院、区司法局出台《北仑区刑事案件快速办理工作实施办法》,对危险
  // 驾驶、盗窃等轻罪案件实行“48小时全流程”快速办理"; 台州 2019: "推行「集約辦案」模式。…市人民檢察院
  // 在中心設立派駐檢察官辦公室". Both work with a procuratorate (检察院), and nothing else of theirs
  // is alike.
  it('does not relate two bureaus\' reforms through the procuratorate both work with', async () => {
    const related = await relatedTo(gql, 'reform:48小时全流程');
    expect(related.map((x) => x.reform.id)).not.toContain('reform:集约办案模式');
    for (const x of related) expect(x.via.map((v) => v.id)).not.toContain('organization:检察院');
    const back = await relatedTo(gql, 'reform:集约办案模式');
    expect(back.map((x) => x.reform.id)).not.toContain('reform:48小时全流程');
  });

  // 嘉兴 2021: "出台《嘉兴市公安局服务保障民营经济高质量发展十条措施》,建立涉企案件“绿色通道”,落实
  // 涉企案件经济影响评估制度": the measure issues a document and serves 最多跑一次 too (the section's
  // reform); the document is all the two reforms share.
  it('does not relate two reforms through the 《》 document one measure issues', async () => {
    const related = await relatedTo(gql, 'reform:涉企案件经济影响评估制度');
    expect(related.map((x) => x.reform.id)).not.toContain('reform:最多跑一次');
    for (const x of related) expect(x.via.map((v) => v.type)).not.toContain('POLICY_DOCUMENT');
  });

  // 北仑: "依托政法一体化办案平台实现公检法卷宗网上流转,单轨制办案率达93.6%" (单轨制办案, 政法一体化):
  // reforms of one measure still share its platform.
  it('relates the reforms of one measure through the platform it relies on', async () => {
    const related = await relatedTo(gql, 'reform:单轨制办案');
    const other = related.find((x) => x.reform.id === 'reform:政法一体化');
    expect(other?.via.map((v) => v.id)).toContain('platform:政法一体化办案平台');
  });
});
