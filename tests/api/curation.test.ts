import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { Curation } from '../../server/services/curation';
import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';

const TOKEN = 'curator-token';
const RESULT = 'applied summary node { id name aliases history { op from fromName into who why } } affected { id }';

describe('curation: merge, rename, unmerge', () => {
  let store: GraphStore;
  let file: string;
  let gql: (q: string, v?: Record<string, unknown>, token?: string | null) => Promise<any>;
  beforeEach(async () => {
    store = (await seededMemoryStore()).store;
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-cur-')), 'decisions.json');
    // The token's name is what decisions record as who (the `who` argument is ignored).
    const { yoga } = createApp(store, { writeTokens: [{ name: 'tester', token: TOKEN }], curation: new Curation(store, file) });
    gql = async (query, variables = {}, token: string | null = TOKEN) => {
      const res = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    };
  });
  const node = async (id: string) => (await store.getNodes([id]))[0];
  const MERGE = `mutation($dry: Boolean) { mergeNodes(ids: ["reform:现代执法办案模式"], into: "reform:集约办案", why: "one practice, two wordings", who: "tester", dryRun: $dry) { ${RESULT} } }`;

  it('previews a merge in a dry run without changing anything', async () => {
    const before = JSON.stringify(await store.stats());
    const r = await gql(MERGE, { dry: true });
    expect(r.data.mergeNodes.applied).toBe(false);
    expect(r.data.mergeNodes.summary).toMatch(/^dry run: 现代执法办案模式 \(reform:现代执法办案模式\) → 集约办案 \(reform:集约办案\)/);
    expect(JSON.stringify(await store.stats())).toBe(before);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('merges nodes with their mentions and aliases, records who/when/why, and keeps the decision in the file', async () => {
    const gone = (await node('reform:现代执法办案模式'))!;
    const r = await gql(MERGE);
    expect(r.errors).toBeUndefined();
    const merged = r.data.mergeNodes.node;
    expect(merged.id).toBe('reform:集约办案');
    expect(merged.aliases).toContain('现代执法办案模式');
    expect(merged.history).toEqual([{ op: 'MERGED_INTO', from: 'reform:现代执法办案模式', fromName: '现代执法办案模式', into: 'reform:集约办案', who: 'tester', why: 'one practice, two wordings' }]);
    expect(await node('reform:现代执法办案模式')).toBeNull();
    const target = (await node('reform:集约办案'))!;
    for (const m of gone.mentions) expect(target.mentions).toContainEqual(m);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved.decisions).toEqual([expect.objectContaining({ op: 'merge', ids: ['reform:现代执法办案模式'], into: 'reform:集约办案', who: 'tester' })]);
    const listed = await gql('{ curation { op into why } }');
    expect(listed.data.curation).toEqual([{ op: 'merge', into: 'reform:集约办案', why: 'one practice, two wordings' }]);
  });

  it('re-applies decisions to reports ingested later', async () => {
    await gql(MERGE);
    const text = fs.readFileSync(path.join(__dirname, '../../seeds/reports/hangzhou-psb-2022.txt'), 'utf8').replace('2022年,市公安局', '2022年,湖州市公安局');
    const r = await gql('mutation($t: String!) { ingestReport(input: { text: $t, year: 2022 }) { created report { id } } }', { t: text });
    expect(r.data.ingestReport.created).toBe(true);
    expect(await node('reform:现代执法办案模式')).toBeNull();
    const target = (await node('reform:集约办案'))!;
    expect(target.mentions.some((m) => m.reportId === r.data.ingestReport.report.id && text.slice(m.start, m.end) === '现代执法办案模式')).toBe(true);
  });

  it('undoes a merge', async () => {
    await gql(MERGE);
    const r = await gql('mutation { unmergeNode(id: "reform:现代执法办案模式", why: "they differ after all") { applied summary node { id name history { op } } } }');
    expect(r.data.unmergeNode.applied).toBe(true);
    expect(r.data.unmergeNode.node).toEqual({ id: 'reform:现代执法办案模式', name: '现代执法办案模式', history: [] });
    expect((await node('reform:集约办案'))!.aliases).not.toContain('现代执法办案模式');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).decisions).toEqual([]);
  });

  it('renames a node, keeping the old name as an alias', async () => {
    const r = await gql('mutation { renameNode(id: "platform:AI智能客服", name: "AI智能客服系统", why: "its official name") { applied node { name aliases history { op from } } } }');
    expect(r.data.renameNode.node.name).toBe('AI智能客服系统');
    expect(r.data.renameNode.node.aliases).toContain('AI智能客服');
    expect(r.data.renameNode.node.history).toEqual([{ op: 'RENAMED', from: 'AI智能客服' }]);
    const found = await gql('{ search(text: "AI智能客服系统") { id } }');
    expect(found.data.search[0].id).toBe('platform:AI智能客服');
  });

  it('takes a node out of a topic and puts one into another, citing its own sentence', async () => {
    const out = await gql('mutation { unassignTopic(id: "platform:安心码", topic: "topic:digital", why: "testing a removal", who: "tester") { applied node { ... on Platform { topics { id } } history { op } } } }');
    expect(out.errors).toBeUndefined();
    expect(out.data.unassignTopic.node.topics.map((t: any) => t.id)).not.toContain("topic:digital");
    expect(out.data.unassignTopic.node.history).toEqual([{ op: 'TOPIC_REMOVED' }]);
    const inn = await gql('mutation { assignTopic(id: "reform:繁简分流", topic: "topic:justice-cooperation", why: "done with the procuratorate", who: "tester") { applied } }');
    expect(inn.data.assignTopic.applied).toBe(true);
    const e = (await store.edgesOf(['reform:繁简分流'], 'out', ['IN_TOPIC']))[0].find((x) => x.target === 'topic:justice-cooperation')!;
    expect(e.props).toMatchObject({ curated: true, who: 'tester', why: 'done with the procuratorate' });
    const n = (await node('reform:繁简分流'))!;
    expect(e.mentions[0]).toEqual(n.mentions[0]);
    const again = await gql('mutation { assignTopic(id: "reform:繁简分流", topic: "topic:justice-cooperation", why: "x") { applied } }');
    expect(again.errors?.[0].message).toBe('reform:繁简分流 is already in topic:justice-cooperation');
  });

  it('refuses bad decisions with a clear reason and changes nothing', async () => {
    const before = JSON.stringify(await store.stats());
    const cases: Array<[string, RegExp]> = [
      ['mutation { mergeNodes(ids: ["unit:派出所"], into: "reform:集约办案", why: "x") { applied } }', /nodes of one type only/],
      ['mutation { mergeNodes(ids: ["reform:不存在"], into: "reform:集约办案", why: "x") { applied } }', /no such node: reform:不存在/],
      ['mutation { mergeNodes(ids: ["reform:快慢分道"], into: "reform:集约办案", why: " ") { applied } }', /say why/],
      ['mutation { unmergeNode(id: "reform:快慢分道") { applied } }', /was not merged into anything/],
    ];
    for (const [q, reason] of cases) expect((await gql(q)).errors?.[0].message).toMatch(reason);
    expect((await gql(MERGE, {}, null)).errors?.[0].message).toMatch(/Authorization: Bearer/);
    expect(JSON.stringify(await store.stats())).toBe(before);
  });
});
