import type { GraphStore } from '../../server/store/store';
import { gqlClient } from '../helpers/gql';
import { HTML_PAGE, JINHUA_2021, JINHUA_2021_CORRECTED } from '../helpers/sampleReports';
import { seededMemoryStore } from '../helpers/seedStore';
import { createApp } from '../../server/http/app';

const TOKEN = 'test-write-token-123';
const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) {
  created warnings counts { type count } report { id title year publishedOn text agency { name } } } }`;

async function client(store: GraphStore, writeToken?: string) {
  const { yoga } = createApp(store, { writeToken });
  return async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
  };
}

describe('ingestReport and deleteReport', () => {
  let store: GraphStore;
  let gql: Awaited<ReturnType<typeof client>>;
  const stats = async () => JSON.stringify(await store.stats());
  beforeEach(async () => {
    store = (await seededMemoryStore()).store;
    gql = await client(store, TOKEN);
  });

  it('refuses writes without the token, with a wrong token, and entirely while none is set', async () => {
    const before = await stats();
    const none = await gql(INGEST, { input: { text: JINHUA_2021 } });
    expect(none.errors?.[0].message).toMatch(/Authorization: Bearer/);
    const wrong = await gql(INGEST, { input: { text: JINHUA_2021 } }, 'nope');
    expect(wrong.errors?.[0].message).toBe('wrong write token');
    const unset = await (await client(store, undefined))(INGEST, { input: { text: JINHUA_2021 } }, TOKEN);
    expect(unset.errors?.[0].message).toMatch(/writes are disabled/);
    expect(await stats()).toBe(before);
  });

  it('ingests a report as text alone: agency, year and date from the text, linked to the seed nodes', async () => {
    const r = await gql(INGEST, { input: { text: JINHUA_2021 } }, TOKEN);
    expect(r.errors).toBeUndefined();
    const res = r.data.ingestReport;
    expect(res.created).toBe(true);
    expect(res.report).toMatchObject({ title: '金华市公安局2021年法治政府建设年度报告', year: 2021, publishedOn: '2022-02-18', agency: { name: '金华市公安局' } });
    expect(res.counts.find((c: any) => c.type === 'MEASURE').count).toBeGreaterThanOrEqual(3);
    // Shared concepts join the nodes the seeds made.
    for (const id of ['unit:执法办案管理中心', 'reform:繁简分流', 'reform:最多跑一次', 'reform:行政执法三项制度', 'principle:习近平法治思想', 'indicator:快办率']) {
      const n = (await store.getNodes([id]))[0]!;
      expect(new Set(n.mentions.map((m) => m.reportId)).has(res.report.id)).toBe(true);
      expect(new Set(n.mentions.map((m) => m.reportId)).size).toBeGreaterThanOrEqual(2);
    }
    const obs = await gql('{ node(id: "indicator:刑事案件快办率") { ... on Indicator { observations { value year agency { name } } } } }');
    expect(obs.data.node.observations).toContainEqual({ value: 35.2, year: 2021, agency: { name: '金华市公安局' } });
    const plan = await gql('{ node(id: "agency:金华市公安局") { ... on Agency { measures(status: "planned") { name year } problems { name admitted } } } }');
    expect(plan.data.node.measures).toEqual([{ name: '持续推进执法办案管理中心提档升级,提升派出所民警执法能力', year: 2022 }]);
    expect(plan.data.node.problems).toContainEqual({ name: '派出所执法力量不足,基层民警法律素养有待提升', admitted: true });
  });

  it('is a no-op for the same text again, and replaces an earlier version of the same report', async () => {
    const first = (await gql(INGEST, { input: { text: JINHUA_2021 } }, TOKEN)).data.ingestReport;
    const after = await stats();
    const again = (await gql(INGEST, { input: { text: JINHUA_2021 } }, TOKEN)).data.ingestReport;
    expect(again.created).toBe(false);
    expect(await stats()).toBe(after);
    const fixed = (await gql(INGEST, { input: { text: JINHUA_2021_CORRECTED } }, TOKEN)).data.ingestReport;
    expect(fixed.created).toBe(true);
    expect(fixed.warnings.join(' ')).toContain(`replaced the earlier version ${first.report.id}`);
    expect((await store.getNodes([first.report.id]))[0]).toBeNull();
    const reports = await gql('{ reports { agency { name } } }');
    expect(reports.data.reports.filter((x: any) => x.agency.name === '金华市公安局')).toHaveLength(1);
    const wangban = await gql('{ node(id: "indicator:网办率") { ... on Indicator { observations { value agency { name } } } } }');
    const jinhua = wangban.data.node.observations.filter((o: any) => o.agency.name === '金华市公安局').map((o: any) => o.value);
    expect(jinhua).toEqual([92.5]);
  });

  it('deletes a report with the nodes only it supported, keeping shared nodes', async () => {
    const before = await stats();
    const id = (await gql(INGEST, { input: { text: JINHUA_2021 } }, TOKEN)).data.ingestReport.report.id;
    expect((await store.getNodes(['platform:金华警务通APP', 'platform:金华警务通']))).not.toEqual([null, null]);
    const del = await gql('mutation($id: ID!) { deleteReport(id: $id) }', { id }, TOKEN);
    expect(del.data.deleteReport).toBe(true);
    expect(await stats()).toBe(before);
    expect((await store.getNodes(['agency:金华市公安局']))[0]).toBeNull();
    expect((await store.getNodes(['unit:执法办案管理中心']))[0]!.mentions.every((m) => m.reportId !== id)).toBe(true);
    expect((await gql('mutation($id: ID!) { deleteReport(id: $id) }', { id }, TOKEN)).data.deleteReport).toBe(false);
  });

  it('refuses bad input with a clear reason and changes nothing', async () => {
    const before = await stats();
    const cases: Array<[string, RegExp]> = [
      ['   \n ', /empty/],
      ['x'.repeat(2 * 1024 * 1024 + 1), /limit is 2 MB/],
      [JINHUA_2021.replace('公安局', '公安\ufffd局'), /not valid UTF-8/],
      ['今天天气很好,我们去公园散步。'.repeat(30), /not a report of this genre/],
    ];
    for (const [text, reason] of cases) {
      const r = await gql(INGEST, { input: { text } }, TOKEN);
      expect(r.errors?.[0].message).toMatch(reason);
    }
    expect(await stats()).toBe(before);
  });

  it('stores a saved HTML page as its text, scripts and markup gone, quotes exact', async () => {
    const r = (await gql(INGEST, { input: { text: HTML_PAGE } }, TOKEN)).data.ingestReport;
    expect(r.report).toMatchObject({ title: '衢州市公安局2020年法治政府建设年度报告', year: 2020, agency: { name: '衢州市公安局' } });
    expect(r.report.text).not.toMatch(/<|tracker|color:red/);
    expect(r.report.text).toContain('推行“一件事”改革');
    const n = await gql('{ node(id: "reform:一件事") { mentions { quote report { id text } start end } } }');
    const m = n.data.node.mentions.find((x: any) => x.report.id === r.report.id);
    expect(m.quote).toBe(m.report.text.slice(m.start, m.end));
  });
});
