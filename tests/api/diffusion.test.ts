import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import type { GraphStore } from '../../server/store/store';
import { ingestSeedsAndFixtures } from '../helpers/fixtureCorpus';
import { gqlClient } from '../helpers/gql';
import { neo4jSkipReason, ScratchNeo4j } from '../helpers/neo4j';

// Places, adoptions, diffusion and citations with the seeds and the five fixture reports
// ingested, on the embedded store and on a Neo4j of this suite's own (it writes). Every year
// and place below is read from the texts: 台州 2019, 绍兴 and 北仑 2020, 嘉兴 2021, 景宁 and 杭州
// 2022, 吴兴 2023; the divisions from GB/T 2260.
const SLOW = 240_000;
const skip = neo4jSkipReason();
type Gql = ReturnType<typeof gqlClient>;

const ADOPTIONS = `query($id: ID!) { adoptions(id: $id) { agency { name } firstYear years status quote mention { start end quote report { text } } } }`;
const firstYears = async (gql: Gql, id: string) => {
  const r = await gql(ADOPTIONS, { id });
  expect(r.errors).toBeUndefined();
  for (const a of r.data.adoptions) expect(a.quote).toBe(a.mention.report.text.slice(a.mention.start, a.mention.end));
  return Object.fromEntries(r.data.adoptions.map((a: any) => [a.agency.name, `${a.firstYear}${a.status === 'planned' ? ' planned' : ''}`]));
};

const QUERIES = [
  '{ reports { title divisionCode province level citation citation_apa: citation(style: APA) agency { name divisionCode province prefecture county level place { name divisionCode level within { name divisionCode within { name } } } } } }',
  '{ search(text: "", types: [AGENCY], level: DISTRICT) { name } }',
  '{ search(text: "执法办案", province: "浙江", level: COUNTY, first: 50) { id } }',
  '{ neighborhood(id: "unit:执法办案管理中心", depth: 2, types: [AGENCY, MEASURE, UNIT], level: PREFECTURE, limit: 500) { nodes { id } edges { id } } }',
  '{ topics(level: DISTRICT) { id count counts { agency { name } year measures } } }',
  '{ indicatorSeries(id: "indicator:快办率", level: DISTRICT) { name year agency { name } } }',
  '{ adoptions(id: "unit:执法办案管理中心") { agency { name } firstYear years status quote mention { start end citation } } }',
  '{ diffusion(id: "unit:执法办案管理中心") { year adopters planned newAdopters { name } } }',
  '{ diffusion(id: "reform:一网通办", level: PREFECTURE) { year adopters planned newAdopters { name } } }',
  '{ relatedReforms(id: "reform:繁简分流", first: 20) { score reform { id } via { id } sharedWords } }',
];

function suiteOn(name: string, open: () => Promise<GraphStore>) {
  describe(`places and adoptions on the ${name} store`, () => {
    let store: GraphStore;
    let gql: Gql;
    beforeAll(async () => {
      store = await open();
      await ingestSeedsAndFixtures(store);
      gql = gqlClient(store);
    }, SLOW);
    afterAll(async () => store?.close());

    it('places every bureau in its GB/T 2260 division, province → prefecture → county', async () => {
      const r = await gql(QUERIES[0]);
      expect(r.errors).toBeUndefined();
      const by = Object.fromEntries(r.data.reports.map((x: any) => [x.agency.name, x.agency]));
      expect(Object.keys(by).sort()).toEqual(['台州市公安局', '嘉兴市公安局', '宁波市公安局北仑分局', '景宁畲族自治县公安局', '杭州市公安局', '湖州市公安局吴兴分局', '绍兴市公安局']);
      expect(by['杭州市公安局']).toMatchObject({ divisionCode: '330100', province: '浙江省', prefecture: '杭州市', county: null, level: 'PREFECTURE' });
      expect(by['景宁畲族自治县公安局']).toMatchObject({ divisionCode: '331127', prefecture: '丽水市', county: '景宁畲族自治县', level: 'COUNTY' });
      expect(by['宁波市公安局北仑分局']).toMatchObject({ divisionCode: '330206', county: '北仑区', level: 'DISTRICT' });
      expect(by['湖州市公安局吴兴分局'].place).toEqual({ name: '吴兴区', divisionCode: '330502', level: 'district', within: { name: '湖州市', divisionCode: '330500', within: { name: '浙江省' } } });
      expect(by['台州市公安局'].place.within).toEqual({ name: '浙江省', divisionCode: '330000', within: null });
      for (const x of r.data.reports) expect(x.divisionCode).toBe(x.agency.divisionCode);
    });

    it('cites the bureau\'s name in its report as the source of every LOCATED_IN step', async () => {
      const r = await gql('{ node(id: "agency:湖州市公安局吴兴分局") { edges(direction: OUT, types: ["LOCATED_IN"]) { targetNode { edges(direction: OUT, types: ["LOCATED_IN"]) { mentions { quote } } } mentions { quote } } } }');
      const [e] = r.data.node.edges;
      expect(e.mentions[0].quote).toBe('湖州市公安局吴兴分局');
      expect(e.targetNode.edges[0].mentions[0].quote).toBe('湖州市公安局吴兴分局');
    });

    it('filters search, reports, neighbourhoods, topics and indicator series by province and level', async () => {
      expect((await gql(QUERIES[1])).data.search).toEqual([{ name: '宁波市公安局北仑分局' }, { name: '湖州市公安局吴兴分局' }]);
      expect((await gql('{ reports(province: "浙江") { id } }')).data.reports).toHaveLength(7);
      expect((await gql('{ reports(province: "广东省") { id } }')).data.reports).toEqual([]);
      const bad = await gql('{ reports(province: "浙江市") { id } }');
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const county = (await gql('{ reports(level: COUNTY) { agency { name } } }')).data.reports;
      expect(county).toEqual([{ agency: { name: '景宁畲族自治县公安局' } }]);
      // 景宁 writes 执法办案中心; the county filter keeps what the county bureau states.
      const found = (await gql(QUERIES[2])).data.search.map((n: any) => n.id);
      expect(found).toContain('unit:执法办案管理中心');
      const nb = (await gql(QUERIES[3])).data.neighborhood.nodes.map((n: any) => n.id);
      expect(nb).toEqual(expect.arrayContaining(['agency:杭州市公安局', 'agency:嘉兴市公安局']));
      expect(nb).not.toContain('agency:湖州市公安局吴兴分局');
      const topics = (await gql(QUERIES[4])).data.topics;
      const agencies = new Set(topics.flatMap((t: any) => t.counts.map((c: any) => c.agency.name)));
      expect([...agencies].sort()).toEqual(['宁波市公安局北仑分局', '湖州市公安局吴兴分局']);
      const series = (await gql(QUERIES[5])).data.indicatorSeries;
      expect(series.length).toBeGreaterThan(0);
      for (const o of series) expect(['宁波市公安局北仑分局', '湖州市公安局吴兴分局']).toContain(o.agency.name);
    });

    it('gives the first-adoption year of each bureau for five practices, from the texts', async () => {
      expect(await firstYears(gql, 'unit:执法办案管理中心')).toEqual({
        台州市公安局: '2019', 绍兴市公安局: '2020', 宁波市公安局北仑分局: '2020', 嘉兴市公安局: '2021', 景宁畲族自治县公安局: '2022', 杭州市公安局: '2022', 湖州市公安局吴兴分局: '2023',
      });
      // Named from late 2020 on: the 2019 台州 report does not state it.
      expect(await firstYears(gql, 'principle:习近平法治思想')).toEqual({
        绍兴市公安局: '2020', 宁波市公安局北仑分局: '2020', 嘉兴市公安局: '2021', 景宁畲族自治县公安局: '2022', 杭州市公安局: '2022', 湖州市公安局吴兴分局: '2023',
      });
      // 台州 2019 names it only among its plans for 2020 (第三部分).
      expect(await firstYears(gql, 'reform:一网通办')).toMatchObject({ 台州市公安局: '2019 planned', 绍兴市公安局: '2020', 嘉兴市公安局: '2021', 杭州市公安局: '2022' });
      expect(await firstYears(gql, 'reform:刑侦体制改革')).toEqual({
        台州市公安局: '2019', 绍兴市公安局: '2020', 宁波市公安局北仑分局: '2020', 嘉兴市公安局: '2021', 景宁畲族自治县公安局: '2022',
      });
      expect(await firstYears(gql, 'reform:柔性执法')).toEqual({
        宁波市公安局北仑分局: '2020', 嘉兴市公安局: '2021', 景宁畲族自治县公安局: '2022', 杭州市公安局: '2022', 湖州市公安局吴兴分局: '2023',
      });
      const planned = await gql('{ adoptions(id: "reform:一网通办", status: "planned") { agency { name } quote } }');
      expect(planned.data.adoptions).toEqual([{ agency: { name: '台州市公安局' }, quote: '「一網通辦」' }]);
      const wrong = await gql('{ adoptions(id: "agency:杭州市公安局") { firstYear } }');
      expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('counts cumulative adopters by year', async () => {
      const r = await gql(QUERIES[7]);
      expect(r.data.diffusion.map((d: any) => [d.year, d.adopters, d.newAdopters.length])).toEqual([[2019, 1, 1], [2020, 3, 2], [2021, 4, 1], [2022, 6, 2], [2023, 7, 1]]);
      const city = await gql(QUERIES[8]);
      expect(city.data.diffusion.map((d: any) => [d.year, d.adopters, d.planned])).toEqual([[2019, 0, 1], [2020, 1, 1], [2021, 2, 1], [2022, 3, 1]]);
    });

    it('cites a report and a quote in GB/T 7714 and APA', async () => {
      const r = await gql('{ reports(province: "浙江", level: PREFECTURE) { title citation apa: citation(style: APA) } node(id: "reform:柔性执法") { mentions { quote start end citation report { title } } } }');
      const jx = r.data.reports.find((x: any) => x.title.startsWith('嘉兴'));
      expect(jx.citation).toBe('嘉兴市公安局. 嘉兴市公安局2021年法治政府建设年度报告[R]. 2022-02-28.');
      expect(jx.apa).toBe('嘉兴市公安局. (2022, February 28). 嘉兴市公安局2021年法治政府建设年度报告.');
      const m = r.data.node.mentions.find((x: any) => x.report.title.startsWith('嘉兴'));
      expect(m.citation).toBe(`${jx.citation} 引文：“柔性执法”（第${m.start}–${m.end}字符）。`);
    });

    it('says which words a reform related on wording alone shares', async () => {
      const r = await gql('{ relatedReforms(id: "reform:刑侦体制改革", first: 100) { reform { id } via { id } sharedWords } node(id: "reform:刑侦体制改革") { ... on Reform { related(first: 100) { reform { id } sharedWords } } } }');
      expect(r.data.relatedReforms.find((x: any) => x.reform.id === 'reform:派出所警务机制改革').sharedWords).toEqual(['制改革']);
      // Every reform related on wording alone (no shared node) says which words.
      const wordingOnly = r.data.relatedReforms.filter((x: any) => !x.via.length);
      expect(wordingOnly.length).toBeGreaterThan(0);
      for (const x of wordingOnly) expect(x.sharedWords.length).toBeGreaterThan(0);
      expect(r.data.node.related.find((x: any) => x.reform.id === 'reform:派出所警务机制改革').sharedWords).toEqual(['制改革']);
    });

    it('answers every query the same as the embedded store', async () => {
      const answers = await Promise.all(QUERIES.map((q) => gql(q)));
      expect(answers.every((a) => !a.errors)).toBe(true);
      (globalThis as any).__diffusionAnswers ??= {};
      (globalThis as any).__diffusionAnswers[name] = answers;
      const other = (globalThis as any).__diffusionAnswers[name === 'memory' ? 'neo4j' : 'memory'];
      if (other) expect(answers).toEqual(other);
    });
  });
}

suiteOn('memory', async () => {
  const s = new MemoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-diffusion-')));
  await s.init();
  return s;
});

if (skip) test.skip(`places and adoptions on Neo4j (skipped: ${skip})`, () => undefined);
else {
  let scratch: ScratchNeo4j;
  beforeAll(async () => {
    scratch = await ScratchNeo4j.create();
    await scratch.up();
  }, SLOW);
  afterAll(async () => scratch?.destroy(), SLOW);
  suiteOn('neo4j', async () => {
    const s = new Neo4jStore(scratch.config());
    await s.init();
    return s;
  });
}
