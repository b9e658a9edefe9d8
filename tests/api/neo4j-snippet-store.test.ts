import neo4j from 'neo4j-driver';
import type { Extraction } from '../../server/model/types';
import { extractReport } from '../../server/services/extract';
import { readSeedReports } from '../../server/services/seed';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { snippetOf } from '../../server/store/rules/sentences';
import { gqlClient } from '../helpers/gql';
import { neo4jSkipReason, withScratchNeo4j } from '../helpers/neo4j';

// Each node mention's snippet kept beside it in Neo4j (mSnippetAt, mSnippet), so the node query
// reads no report text: cut right when written, also in a text with characters outside the BMP,
// kept right when a report replaces another, and made for a graph written before snippets were
// kept (the node query answers right before, from the report texts, and in one statement after).
// The text outside the BMP is the Hangzhou seed with two characters added (a small edit, not a
// real report's wording): 👮 (U+1F46E) in its first sentence, 𠮷 (U+20BB7, CJK extension B)
// in the sentence of its first measure. Written as the Hangzhou 2022 report, it replaces the seed.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`Neo4j stored snippets (skipped: ${skip})`, () => undefined);

const SLOW = 240_000;

const NODE = `query($id: ID!) { node(id: $id) { id type name
  mentions { start end quote sentence sentenceStart report { id title } }
  edges { id sourceNode { id name } targetNode { id name } } } }`;

type Row = { id: string; mReport: string[]; mStart: number[]; mEnd: number[]; mSnippetAt: number[] | null; mSnippet: string[] | null };

suite('the snippets the Neo4j store keeps beside node mentions', () => {
  const env = withScratchNeo4j('snippets', SLOW);
  const seeds = readSeedReports();
  const hangzhou = seeds.find((s) => s.file.startsWith('hangzhou'))!;
  const edited = hangzhou.text.replace('2022年,市公安局坚持', '2022年,市公安局👮坚持').replace('切实履行推进法治建设第一责任人职责', '切实履行推进𠮷法治建设第一责任人职责');
  const xs: Extraction[] = [...seeds.map((s) => extractReport(s.text, s.meta)), extractReport(edited, hangzhou.meta)];
  const editedId = xs[xs.length - 1].report.id;
  let memory: MemoryStore;

  beforeAll(async () => {
    memory = new MemoryStore(env.tmp);
    await memory.init();
    for (const x of xs) await memory.writeReport(x);
  }, SLOW);
  afterAll(async () => {
    await memory?.close();
  });

  /** Every node's mentions and kept snippets, straight from the database. */
  async function rows(): Promise<Row[]> {
    const driver = neo4j.driver(env.scratch.uri, neo4j.auth.basic(env.scratch.config().user, env.scratch.config().password), { disableLosslessIntegers: true });
    try {
      const r = await driver.executeQuery('MATCH (n:Node) RETURN n {.id, .mReport, .mStart, .mEnd, .mSnippetAt, .mSnippet} AS n ORDER BY n.id');
      return r.records.map((x) => x.get('n') as Row);
    } finally {
      await driver.close();
    }
  }

  /** Every snippet is there, beside its mention, and is what snippetOf cuts from the report's text. */
  async function expectSnippetsRight(store: Neo4jStore): Promise<number> {
    const all = await rows();
    const reportIds = [...new Set(all.flatMap((r) => r.mReport))];
    const texts = new Map(reportIds.map((id, i) => [id, i]));
    const got = await store.reportTexts(reportIds);
    let n = 0;
    for (const r of all) {
      expect({ id: r.id, at: r.mSnippetAt?.length, text: r.mSnippet?.length }).toEqual({ id: r.id, at: r.mReport.length, text: r.mReport.length });
      r.mReport.forEach((rid, i) => {
        const want = snippetOf(got[texts.get(rid)!]!, r.mStart[i], r.mEnd[i]);
        expect({ id: r.id, i, at: r.mSnippetAt![i], text: r.mSnippet![i] }).toEqual({ id: r.id, i, at: want.at, text: want.text });
        n++;
      });
    }
    return n;
  }

  /** The node query on Neo4j, for every node of the edited report, against the embedded store; the statements it took. */
  async function expectSameNodeAnswers(store: Neo4jStore): Promise<number[]> {
    const ours = gqlClient(store);
    const expected = gqlClient(memory);
    const ids = (await memory.nodesOfReports([editedId]))[0].map((n) => n.id);
    expect(ids.length).toBeGreaterThan(20);
    const calls: number[] = [];
    for (const id of ids) {
      const before = store.calls.count;
      const got = await ours(NODE, { id });
      calls.push(store.calls.count - before);
      expect({ id, got }).toEqual({ id, got: await expected(NODE, { id }) });
    }
    return calls;
  }

  it('cuts each snippet from the text when writing, outside the BMP too, and keeps them right when a report replaces another', async () => {
    const store = new Neo4jStore(env.scratch.config());
    try {
      await store.init();
      for (const x of xs) await store.writeReport(x);
      expect(await store.reportTexts([editedId])).toEqual([edited]);
      // The Hangzhou seed was replaced by the edited text (same bureau and year).
      expect((await store.reports()).length).toBe(seeds.length);
      expect(await expectSnippetsRight(store)).toBeGreaterThan(100);
      // The measure whose sentence holds 𠮷, after 👮: its quote and sentence as from the whole text.
      const gql = gqlClient(store);
      const after = xs[xs.length - 1].nodes.find((n) => n.type === 'MEASURE' && edited.slice(n.mentions[0].start, n.mentions[0].end).includes('𠮷'))!;
      expect(after).toBeDefined();
      const m = after.mentions[0];
      const answer = await gql(NODE, { id: after.id });
      const mention = answer.data.node.mentions.find((x: { report: { id: string } }) => x.report.id === editedId);
      expect(mention.quote).toBe(edited.slice(m.start, m.end));
      expect(mention.sentence).toContain('切实履行推进𠮷法治建设第一责任人职责');
      expect(edited.slice(mention.sentenceStart, mention.sentenceStart + mention.sentence.length)).toBe(mention.sentence);
      expect(Math.max(...(await expectSameNodeAnswers(store)))).toBe(1);
    } finally {
      await store.close();
    }
  }, SLOW);

  it('answers right on a graph written before snippets were kept, and keeps them from the next start', async () => {
    const driver = neo4j.driver(env.scratch.uri, neo4j.auth.basic(env.scratch.config().user, env.scratch.config().password));
    try {
      // As the previous version left a graph: no snippet lists, derived properties at version 2.
      await driver.executeQuery("MATCH (n:Node) REMOVE n.mSnippetAt, n.mSnippet WITH count(*) AS c MATCH (m:StoreMeta {id: 'derived'}) SET m.version = 2");
    } finally {
      await driver.close();
    }
    expect((await rows()).every((r) => r.mSnippet === null)).toBe(true);
    const old = new Neo4jStore(env.scratch.config());
    try {
      // Not started yet: each node's quotes and sentences come from its reports' texts (one more statement).
      expect(Math.max(...(await expectSameNodeAnswers(old)))).toBe(2);
    } finally {
      await old.close();
    }
    const store = new Neo4jStore(env.scratch.config());
    try {
      await store.init();
      expect(await expectSnippetsRight(store)).toBeGreaterThan(100);
      expect(Math.max(...(await expectSameNodeAnswers(store)))).toBe(1);
      // Removing a report takes its mentions' snippets with them.
      expect(await store.deleteReport(editedId)).toBe(true);
      expect(await expectSnippetsRight(store)).toBeGreaterThan(10);
    } finally {
      await store.close();
    }
  }, SLOW);
});
