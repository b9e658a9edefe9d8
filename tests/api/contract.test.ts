import type { GraphStore } from '../../server/store/store';
import { gqlClient } from '../helpers/gql';
import { storeFactories } from '../helpers/stores';

// One suite, every store: the same seed graph must give the same answers.
describe.each(storeFactories().map((f) => [f.name, f] as const))('GraphQL contract on the %s store', (_name, factory) => {
  let store: GraphStore;
  let gql: ReturnType<typeof gqlClient>;
  beforeAll(async () => {
    store = await factory.open();
    gql = gqlClient(store);
  });
  afterAll(async () => store.close());

  it('answers stats for the two seed reports', async () => {
    const r = await gql('{ stats { nodes edges reports byType { type count } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.stats.reports).toBe(2);
    const count = (t: string) => r.data.stats.byType.find((x: any) => x.type === t)?.count;
    expect(count('AGENCY')).toBe(2);
    expect(count('REPORT')).toBe(2);
    expect(r.data.stats.nodes).toBe(r.data.stats.byType.reduce((s: number, x: any) => s + x.count, 0));
  });

  it('searches names and aliases in Simplified or Traditional input, best match first', async () => {
    const q = 'query($t: String!) { search(text: $t, first: 5) { id type name } }';
    const simp = await gql(q, { t: '执法办案管理中心' });
    const trad = await gql(q, { t: '執法辦案管理中心' });
    expect(simp.data.search[0]).toEqual({ id: 'unit:执法办案管理中心', type: 'UNIT', name: '执法办案管理中心' });
    expect(trad.data.search).toEqual(simp.data.search);
    const alias = await gql(q, { t: '集约化办案' });
    expect(alias.data.search[0].id).toBe('reform:集约办案');
  });

  it('opens a node from an id typed in Traditional characters (a shared link), and only then', async () => {
    const one = await gql('{ node(id: "reform:柔性執法") { id name } }');
    expect(one.data.node).toEqual({ id: 'reform:柔性执法', name: '柔性执法' });
    const many = await gql('{ nodes(ids: ["unit:執法辦案管理中心", "reform:繁简分流", "reform:無此改革"]) { id } }');
    expect(many.data.nodes).toEqual([{ id: 'unit:执法办案管理中心' }, { id: 'reform:繁简分流' }, null]);
  });

  it('lists nodes of the given types in name order when the text is empty', async () => {
    const r = await gql('{ search(text: "", types: [AGENCY, PLACE]) { type name } }');
    expect(r.data.search).toEqual([
      { type: 'PLACE', name: '杭州市' }, { type: 'AGENCY', name: '杭州市公安局' }, { type: 'PLACE', name: '绍兴市' }, { type: 'AGENCY', name: '绍兴市公安局' },
      // The province of both bureaus, from GB/T 2260 (issue 18: every bureau placed in its division).
      { type: 'PLACE', name: '浙江省' },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it('gives every mention the exact quote of its report text', async () => {
    const r = await gql('{ node(id: "unit:执法办案管理中心") { id name mentions { start end quote sentence sentenceStart report { id title text } } } }');
    const mentions = r.data.node.mentions;
    expect(mentions.length).toBeGreaterThanOrEqual(4);
    for (const m of mentions) {
      expect(m.quote).toBe(m.report.text.slice(m.start, m.end));
      expect(m.sentence).toBe(m.report.text.slice(m.sentenceStart, m.sentenceStart + m.sentence.length));
      expect(m.sentence.slice(m.start - m.sentenceStart, m.end - m.sentenceStart)).toBe(m.quote);
    }
    expect(new Set(mentions.map((m: any) => m.report.title))).toEqual(new Set(['杭州市公安局2022年法治政府建设年度报告', '绍兴市公安局2020年法治政府建设年度报告']));
  });

  // Shaoxing: "……枫桥式交警中队“一月一评”,深化派出所、交警中队分类考评,……" names the unit twice in one
  // sentence; each mention says where in the sentence it is.
  it('places each of two mentions in one sentence where it is', async () => {
    const r = await gql('{ node(id: "unit:交警中队") { mentions { start end quote sentence sentenceStart } } }');
    const twice = r.data.node.mentions.filter((m: any) => m.quote === '交警中队' && m.sentence.includes('枫桥式交警中队“一月一评”'));
    expect(twice).toHaveLength(2);
    expect(twice[0].sentence).toBe(twice[1].sentence);
    const at = twice.map((m: any) => m.start - m.sentenceStart);
    expect(at[0]).toBe(twice[0].sentence.indexOf('交警中队'));
    expect(at[1]).toBe(twice[0].sentence.lastIndexOf('交警中队'));
  });

  it('walks typed relations in one query: which platforms support "最多跑一次"', async () => {
    const r = await gql('{ node(id: "reform:最多跑一次") { ... on Reform { platforms { name } agencies { name } measures { name platforms { name } } } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.node.platforms.map((p: any) => p.name)).toEqual(expect.arrayContaining(['安心码', '越警管家', 'AI智能客服']));
    expect(r.data.node.agencies).toEqual([{ name: '绍兴市公安局' }]);
  });

  it('answers which problems Hangzhou admits and which planned measures address them', async () => {
    const r = await gql(`{ node(id: "agency:杭州市公安局") { ... on Agency {
      problems { name admitted addressedBy { name ... on Measure { status year } } } } } }`);
    const admitted = r.data.node.problems.filter((p: any) => p.admitted);
    expect(admitted.map((p: any) => p.name).sort()).toEqual(['执法机制仍待优化', '法治基础仍待夯实', '法治理念仍待提升'].sort());
    const base = admitted.find((p: any) => p.name === '法治基础仍待夯实');
    expect(base.addressedBy).toContainEqual({ name: '持续夯实规范执法基础', status: 'planned', year: 2023 });
  });

  it('reports indicator values with the measures they evidence', async () => {
    const r = await gql('{ node(id: "indicator:快办率") { ... on Indicator { variants { name } observations { value unit year direction agency { name } evidences { name } } } } }');
    const obs = r.data.node.observations;
    expect(r.data.node.variants.map((v: any) => v.name)).toEqual(expect.arrayContaining(['刑事案件快办率', '行政案件快办率', '简案快办率']));
    expect(obs).toContainEqual(expect.objectContaining({ value: 76.7, unit: '%', year: 2022, agency: { name: '杭州市公安局' } }));
    expect(obs).toContainEqual(expect.objectContaining({ value: 23.92, year: 2020, direction: '同比上升', agency: { name: '绍兴市公安局' } }));
    expect(obs.every((o: any) => o.evidences.length > 0)).toBe(true);
  });

  it('ranks related reforms across cities with the shared nodes', async () => {
    const r = await gql('{ relatedReforms(id: "reform:繁简分流", first: 10) { score reform { id name agencies { name } } via { id type } } }');
    const related = r.data.relatedReforms;
    expect(related.length).toBeGreaterThan(2);
    expect(related[0].score).toBeGreaterThanOrEqual(related[related.length - 1].score);
    const hz = related.filter((x: any) => x.reform.agencies.some((a: any) => a.name === '杭州市公安局'));
    expect(hz.map((x: any) => x.reform.id)).toEqual(expect.arrayContaining(['reform:集约办案', 'reform:快慢分道']));
    const kuaiman = related.find((x: any) => x.reform.id === 'reform:快慢分道');
    expect(kuaiman.via.map((v: any) => v.id)).toContain('indicator:刑事案件快办率');
  });

  it('returns a neighbourhood with edges only among the returned nodes, honouring types and limit', async () => {
    const r = await gql('{ neighborhood(id: "platform:安心码", depth: 2, limit: 40) { nodes { id type } edges { type source target } } }');
    const ids = new Set(r.data.neighborhood.nodes.map((n: any) => n.id));
    expect(ids.has('platform:安心码')).toBe(true);
    expect(ids.size).toBeLessThanOrEqual(40);
    for (const e of r.data.neighborhood.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const typed = await gql('{ neighborhood(id: "reform:最多跑一次", depth: 1, types: [PLATFORM]) { nodes { type } } }');
    expect(new Set(typed.data.neighborhood.nodes.map((n: any) => n.type))).toEqual(new Set(['REFORM', 'PLATFORM']));
  });

  it('lists reports with agency, year, publication date and text', async () => {
    const r = await gql('{ reports { title year publishedOn agency { name } text } }');
    expect(r.data.reports.map((x: any) => [x.year, x.agency.name, x.publishedOn])).toEqual([[2020, '绍兴市公安局', '2021-02-26'], [2022, '杭州市公安局', '2023-02-24']]);
    expect(r.data.reports[1].text.startsWith('>> 阳光执法')).toBe(true);
  });

  it('fetches several nodes at once, in order, with the reports that state them', async () => {
    const r = await gql('{ nodes(ids: ["unit:派出所", "nope", "reform:最多跑一次"]) { id reportIds } }');
    expect(r.data.nodes[0].id).toBe('unit:派出所');
    expect(r.data.nodes[0].reportIds).toHaveLength(2);
    expect(r.data.nodes[1]).toBeNull();
    expect(r.data.nodes[2].reportIds).toHaveLength(1);
  });

  it('answers null for an unknown id and empty lists for unknown relations', async () => {
    const r = await gql('{ node(id: "unit:不存在") { id } relatedReforms(id: "reform:不存在") { score } neighborhood(id: "x") { nodes { id } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ node: null, relatedReforms: [], neighborhood: { nodes: [] } });
  });

  it('refuses bad arguments with a clear error and no internals', async () => {
    const bad = await gql('{ search(text: "派出所", first: -1) { id } }');
    expect(bad.errors?.[0].message).toBe('first must be an integer from 1 to 500, not -1');
    const deep = await gql('{ neighborhood(id: "unit:派出所", depth: 9) { nodes { id } } }');
    expect(deep.errors?.[0].message).toMatch(/depth must be an integer from 1 to 3/);
    const typo = await gql('{ search(text: 1) { id } }');
    expect(typo.errors?.[0].message).toMatch(/String cannot represent/);
    for (const e of [bad, deep, typo].flatMap((x) => x.errors ?? [])) expect(JSON.stringify(e)).not.toMatch(/stack|\/server\/|\.ts:/);
  });
});
