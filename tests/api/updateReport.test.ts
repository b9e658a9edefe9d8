import type { GraphStore } from '../../server/store/store';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { seededMemoryStore } from '../helpers/seedStore';
import { createApp } from '../../server/http/app';
import { BRANCH_2024 } from '../helpers/sampleReports';

const TOKEN = 'test-write-token-123';
const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created warnings report { id title year agency { name } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateReportInput!) { updateReport(id: $id, input: $input) {
  created warnings report { id title year agency { name } } } }`;


async function client(store: GraphStore) {
  const { yoga } = createApp(store, { writeToken: TOKEN });
  return async (query: string, variables: Record<string, unknown> = {}, token: string | undefined = TOKEN) => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
  };
}

describe('a report whose writer is unknown, then updateReport', () => {
  let store: MemoryStore;
  let dir: string;
  let gql: Awaited<ReturnType<typeof client>>;
  beforeEach(async () => {
    ({ store, dir } = await seededMemoryStore());
    gql = await client(store);
  });

  it('is accepted with a warning, its facts on the report; updateReport sets the agency and moves them, keeping the id', async () => {
    const r = await gql(INGEST, { input: { text: BRANCH_2024 } });
    expect(r.errors).toBeUndefined();
    const { report, warnings } = r.data.ingestReport;
    expect(report.agency).toBeNull();
    expect(report.year).toBe(2024);
    expect(report.title).toBe('');
    expect(warnings.join('\n')).toMatch(/agency unknown/);
    expect(warnings.join('\n')).toMatch(/no title/);
    const id = report.id;
    const carried = (await store.edgesOf([id], 'out', ['CARRIES_OUT']))[0];
    expect(carried.length).toBeGreaterThan(0);
    // 区委 of an unknown district is this report's own node.
    expect((await store.getNodes([`organization:区委@${id.slice(7)}`]))[0]?.name).toBe('区委');

    const u = await gql(UPDATE, { id, input: { agency: '广州市公安局荔湾区分局' } });
    expect(u.errors).toBeUndefined();
    expect(u.data.updateReport.report).toMatchObject({ id, year: 2024, agency: { name: '广州市公安局荔湾区分局' } });
    expect(u.data.updateReport.warnings.join('\n')).not.toMatch(/agency unknown/);

    const a = await gql(`{ node(id: "agency:广州市公安局荔湾区分局") { ... on Agency { reports { id } measures { id } problems { name } observations { value agency { name } } } } }`);
    const agency = a.data.node;
    expect(agency.reports).toEqual([{ id }]);
    expect(agency.measures.map((m: any) => m.id).sort()).toEqual(carried.map((e) => e.target).sort());
    expect(agency.problems.length).toBeGreaterThan(0);
    expect(agency.observations).toContainEqual({ value: 35.2, agency: { name: '广州市公安局荔湾区分局' } });
    expect((await store.edgesOf([id], 'out', ['CARRIES_OUT']))[0]).toEqual([]);
    // Relative names now resolve to the district's real bodies; the report-keyed ones are gone.
    expect((await store.getNodes([`organization:区委@${id.slice(7)}`]))[0]).toBeNull();
    expect((await store.getNodes(['organization:荔湾区委']))[0]?.aliases).toContain('区委');
    expect((await store.reports()).filter((n) => n.id === id)).toHaveLength(1);

    // The year too; and the change survives a restart (the journal replays it).
    await gql(UPDATE, { id, input: { year: 2023, title: '广州市公安局荔湾区分局2023年法治政府建设年度报告' } });
    const again = new MemoryStore(dir);
    await again.init();
    const [stored] = await again.getNodes([id]);
    expect(stored?.props).toMatchObject({ agency: '广州市公安局荔湾区分局', year: 2023, title: '广州市公安局荔湾区分局2023年法治政府建设年度报告' });
    await again.close();
  });

  it('two writer-less reports of one year are not editions of each other', async () => {
    await gql(INGEST, { input: { text: BRANCH_2024 } });
    const other = BRANCH_2024.replace('全年受理案件1200起', '全年受理案件1300起');
    const r = await gql(INGEST, { input: { text: other } });
    expect(r.data.ingestReport.warnings.join('\n')).not.toMatch(/replaced/);
    expect((await store.reports()).filter((n) => n.props.agency === '')).toHaveLength(2);
  });

  it('needs the token and an existing report', async () => {
    const r = await gql(INGEST, { input: { text: BRANCH_2024 } });
    const id = r.data.ingestReport.report.id;
    expect((await gql(UPDATE, { id, input: { agency: 'x' } }, '')).errors?.[0].message).toMatch(/Authorization: Bearer/);
    const missing = await gql(UPDATE, { id: 'report:nope', input: { year: 2020 } });
    expect(missing.errors?.[0]).toMatchObject({ message: 'no report report:nope', extensions: { code: 'NOT_FOUND' } });
    expect((await gql(UPDATE, { id, input: { year: 20 } })).errors?.[0].extensions.code).toBe('BAD_METADATA');
  });
});
