import * as OpenCC from 'opencc-js';
import type { GraphNode, NodeType } from '../../server/model/types';
import { NODE_TYPES } from '../../server/model/types';
import type { MemoryStore } from '../../server/store/memory/memoryStore';
import type { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { gqlClient } from '../helpers/gql';
import { neo4jSkipReason, seededNeo4jStore } from '../helpers/neo4j';
import { seededMemoryStore } from '../helpers/seedStore';

// "Same behaviour" proven: the embedded store and the Neo4j store, both holding the seed graph,
// give equal answers, in the same order, to the API's queries and to every store call.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`memory vs Neo4j equivalence (skipped: ${skip})`, () => undefined);

suite('the Neo4j store answers exactly as the embedded store on the seed graph', () => {
  let memory: MemoryStore;
  let neo: Neo4jStore;
  let all: GraphNode[];
  beforeAll(async () => {
    memory = (await seededMemoryStore()).store;
    neo = await seededNeo4jStore();
    all = await memory.search('', undefined, 100000);
  });
  afterAll(async () => {
    await neo?.close();
    await memory?.close();
  });

  const QUERIES: Array<[string, string, Record<string, unknown>?]> = [
    ['stats', '{ stats { nodes edges reports byType { type count } } }'],
    ['reports', '{ reports { id title year publishedOn source agency { id name } } }'],
    ['node with mentions', '{ node(id: "unit:执法办案管理中心") { id type name aliases mentions { start end quote sentence report { id title } } } }'],
    ['node with typed relations', `{ node(id: "reform:最多跑一次") { id ... on Reform { platforms { id name } agencies { name } units { id }
      problems { id } observations { id value } measures { id name status year platforms { name } units { name } } } } }`],
    ['edges of a node', '{ node(id: "agency:杭州市公安局") { ... on Agency { edges(direction: BOTH) { id type source target year status mentions { start end } } degree } } }'],
  ];
  // Nested selections the Neo4j store answers in one prefetch statement (server/graphql/prefetch.ts):
  // named fragments, aliases, one field under two type conditions, multi-step and union walks,
  // single-node fields, walks to any type, and fields that still go through the batch loaders.
  QUERIES.push(
    ['prefetch: fragments, aliases, multi-step walks', `query($id: ID!) { node(id: $id) { id ...R ... on Agency { reforms { id name } measures(year: 2021) { id } place { name within { name } } } } }
      fragment R on Reform { a: measures { id name agency { id name reforms { id } } platforms { id name measures { id } } } b: measures { id units { name } }
        platforms { id name reforms { id } agencies { id } } units { id name } agencies { id } problems { id addressedBy { id type } } observations { id indicator { name family { id } } } }`,
      { id: 'reform:最多跑一次' }],
    ['prefetch: the same question from an agency', `query($id: ID!) { node(id: $id) { id ...R ... on Agency { reforms { id name } measures(status: "planned") { id } units { id } place { name within { name } } reports { id agency { id } } } } }
      fragment R on Reform { measures { id } }`, { id: 'agency:杭州市公安局' }],
    ['prefetch: nodes of several types, fields on two type conditions', `{ nodes(ids: ["reform:繁简分流", "platform:安心码", "x:none", "unit:派出所", "reform:繁简分流"]) {
      id ... on Reform { platforms { id measures { id } } measures { id mentions { quote } } } ... on Platform { measures { id agency { name } } reforms { id } agencies { id } }
      ... on Unit { measures { id } reforms { id } agencies { id } } } }`],
    ['prefetch: search with nested walks', `{ search(text: "", types: [REFORM, MEASURE, PROBLEM], first: 40) { id ... on Reform { problems { id } measures { id platforms { id } } }
      ... on Measure { agency { id } documents { id agencies { id } } problems { id } reforms { id } } ... on Problem { agencies { id } addressedBy { id } topics { id members(types: [REFORM]) { id } } } } }`],
    ['prefetch: topics and indicators', `{ search(text: "", types: [TOPIC, INDICATOR, OBSERVATION], first: 60) { id ... on Topic { members { id } count } ... on Indicator { variants { id } family { id } observations { id } }
      ... on Observation { evidences { id } indicator { id } agency { id } } } }`],
  );
  const SEARCHES: Array<[string, NodeType[] | null, number]> = [
    ['执法办案管理中心', null, 20], ['執法辦案管理中心', null, 20], ['集约化办案', null, 5], ['派出所', null, 50], ['码', null, 50],
    ['平台', ['PLATFORM'], 20], ['改革', null, 100], ['刑事', ['INDICATOR', 'MEASURE'], 30], ['AI', null, 10], ['reform', null, 20],
    ['“最多跑一次”', null, 10], ['  快办率 ', null, 10], ['', null, 20], ['', ['AGENCY', 'PLACE'], 20], ['', ['REFORM'], 500], ['', ['MEASURE', 'PROBLEM'], 7],
    ['不存在的名字', null, 20],
  ];
  SEARCHES.push(['case management centre', null, 5], ['run at most once', null, 5], ['Case Handling', ['REFORM', 'UNIT'], 10], ['rate of cases', null, 20]);
  for (const [text, types, first] of SEARCHES) {
    QUERIES.push([`search "${text}" ${types ?? ''} ${first}`, 'query($t: String!, $ty: [NodeType!], $f: Int) { search(text: $t, types: $ty, first: $f) { id type name aliases } }', { t: text, ty: types, f: first }]);
  }
  const NEIGHBOURHOODS: Array<[string, number, NodeType[] | null, number]> = [
    ['reform:最多跑一次', 1, null, 300], ['reform:最多跑一次', 1, ['PLATFORM'], 300], ['platform:安心码', 2, null, 40], ['agency:杭州市公安局', 1, null, 300],
    ['agency:杭州市公安局', 2, null, 300], ['agency:绍兴市公安局', 2, ['REFORM', 'PLATFORM', 'MEASURE', 'AGENCY'], 300], ['unit:派出所', 3, null, 100], ['indicator:快办率', 2, null, 25],
  ];
  for (const [id, depth, types, limit] of NEIGHBOURHOODS) {
    QUERIES.push([`neighborhood ${id} depth ${depth} ${types ?? ''} limit ${limit}`,
      'query($id: ID!, $d: Int, $ty: [NodeType!], $l: Int) { neighborhood(id: $id, depth: $d, types: $ty, limit: $l) { nodes { id type name } edges { id type source target } } }',
      { id, d: depth, ty: types, l: limit }]);
  }
  QUERIES.push(
    // Light (report ids, no mentions) and bare (neither) results, as Neo4jStore.search sends them.
    ['search with report ids', '{ search(text: "执法", first: 30) { id reportIds } }'],
    ['search bare, then a walk that reads mentions', '{ search(text: "执法", first: 30) { id name ... on Measure { agency { id reportIds } } } }'],
    ['search with topics', '{ search(text: "", types: [REFORM, AGENCY], topics: ["topic:services"], first: 100) { id } }'],
    ['search text with topics', '{ search(text: "执法", topics: ["topic:case-handling", "topic:digital"], first: 50) { id } }'],
    ['neighborhood with topics', '{ neighborhood(id: "agency:绍兴市公安局", depth: 2, topics: ["topic:epidemic"], limit: 300) { nodes { id } edges { id } } }'],
  );
  for (const id of ['reform:繁简分流', 'reform:集约办案', 'reform:最多跑一次']) {
    QUERIES.push([`relatedReforms ${id}`, 'query($id: ID!) { relatedReforms(id: $id, first: 10) { score reform { id name } via { id type } } }', { id }]);
  }

  it.each(QUERIES.map(([name, query, variables]) => [name, query, variables ?? {}] as const))('GraphQL %s: same data, same order', async (_name, query, variables) => {
    const [a, b] = await Promise.all([gqlClient(memory)(query, variables), gqlClient(neo)(query, variables)]);
    expect(a.errors).toBeUndefined();
    expect(b).toEqual(a);
  });

  it('holds the same nodes, edges (each direction, each type filter) and report texts', async () => {
    expect(await neo.search('', undefined, 100000)).toEqual(all);
    const ids = all.map((n) => n.id);
    for (const dir of ['out', 'in', 'both'] as const) {
      expect(await neo.edgesOf(ids, dir)).toEqual(await memory.edgesOf(ids, dir));
      expect(await neo.edgesOf(ids, dir, ['USES', 'IMPLEMENTS'])).toEqual(await memory.edgesOf(ids, dir, ['USES', 'IMPLEMENTS']));
    }
    const reports = await memory.reports();
    expect(await neo.reports()).toEqual(reports);
    const textIds = [...reports.map((r) => r.id), 'report:none', ids[5]];
    expect(await neo.reportTexts(textIds)).toEqual(await memory.reportTexts(textIds));
    expect(await neo.getNodes([...ids.slice(0, 50), 'x:none', ids[0]])).toEqual(await memory.getNodes([...ids.slice(0, 50), 'x:none', ids[0]]));
  });

  it('ranks every name, alias, Traditional spelling and two-character fragment the same', async () => {
    const t = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const texts = new Set<string>();
    for (const n of all) {
      for (const s of [n.name, ...n.aliases]) {
        texts.add(s);
        texts.add(t(s));
        if (s.length > 2) texts.add(s.slice(1, 3));
      }
    }
    const mismatches: string[] = [];
    for (const text of texts) {
      const [a, b] = await Promise.all([memory.search(text, undefined, 20), neo.search(text, undefined, 20)]);
      if (JSON.stringify(a.map((n) => n.id)) !== JSON.stringify(b.map((n) => n.id))) mismatches.push(`${text}: ${a.map((n) => n.id).join(",")} vs ${b.map((n) => n.id).join(",")}`);
    }
    expect(mismatches).toEqual([]);
    for (const type of NODE_TYPES) expect(await neo.search('', [type], 500)).toEqual(await memory.search('', [type], 500));
  });

  it('finds the same nodes by English words, and filters by every topic the same way', async () => {
    const mismatches: string[] = [];
    const compare = async (label: string, f: (s: MemoryStore | Neo4jStore) => Promise<GraphNode[]>) => {
      const [a, b] = await Promise.all([f(memory), f(neo)]);
      if (JSON.stringify(a.map((n) => n.id)) !== JSON.stringify(b.map((n) => n.id))) mismatches.push(label);
      return a;
    };
    for (const n of all) {
      if (typeof n.props.nameEn !== 'string') continue;
      const words = n.props.nameEn.split(/[^A-Za-z0-9]+/).filter(Boolean);
      for (const text of [n.props.nameEn, words.slice(0, 2).join(' '), words.slice(-2).map((w) => w.slice(0, 3)).join(' ')]) {
        await compare(`en "${text}"`, (s) => s.search(text, undefined, 20));
      }
    }
    const topics = all.filter((n) => n.type === 'TOPIC').map((n) => n.id);
    expect(topics.length).toBeGreaterThan(3);
    let filtered = 0;
    for (const t of [...topics.map((x) => [x]), topics.slice(0, 2)]) {
      filtered += (await compare(`topics ${t}`, (s) => s.search('', undefined, 1000, t))).length;
      await compare(`topics ${t} REFORM`, (s) => s.search('', ['REFORM', 'MEASURE'], 30, t));
      for (const text of ['执法', '平台', '率', 'case']) await compare(`topics ${t} "${text}"`, (s) => s.search(text, undefined, 30, t));
      for (const id of ['agency:杭州市公安局', 'agency:绍兴市公安局', 'reform:最多跑一次']) {
        const [a, b] = await Promise.all([memory.neighborhood(id, 2, undefined, 200, t), neo.neighborhood(id, 2, undefined, 200, t)]);
        expect({ id, t, sub: b }).toEqual({ id, t, sub: a });
      }
    }
    expect(filtered).toBeLessThan(topics.length * 1000);
    expect(mismatches).toEqual([]);
  });

  it('exports the same graph', async () => {
    const [a, b] = [await memory.exportGraph(), await neo.exportGraph()];
    const sorted = (x: typeof a) => ({ nodes: [...x.nodes].sort((p, q) => (p.id < q.id ? -1 : 1)), edges: [...x.edges].sort((p, q) => (p.id < q.id ? -1 : 1)), texts: [...x.texts].sort() });
    expect(sorted(b)).toEqual(sorted(a));
  });

  it('selects the same neighbourhood (same nodes in the same order) from every reform, platform, agency and unit', async () => {
    const starts = all.filter((n) => ['REFORM', 'PLATFORM', 'AGENCY', 'UNIT', 'INDICATOR'].includes(n.type)).map((n) => n.id);
    for (const id of starts) {
      for (const [depth, types, limit] of [[1, undefined, 300], [2, undefined, 60], [2, ['MEASURE', 'REFORM'], 300], [3, undefined, 150]] as const) {
        const [a, b] = await Promise.all([memory.neighborhood(id, depth, types, limit), neo.neighborhood(id, depth, types, limit)]);
        expect({ id, depth, types, limit, sub: b }).toEqual({ id, depth, types, limit, sub: a });
      }
    }
  });

  it('relates every reform to the same reforms, with the same scores and shared nodes', async () => {
    for (const r of all.filter((n) => n.type === 'REFORM')) {
      const [a, b] = await Promise.all([memory.relatedReforms(r.id, 20), neo.relatedReforms(r.id, 20)]);
      expect({ id: r.id, related: b }).toEqual({ id: r.id, related: a });
    }
    expect(await neo.relatedReforms('unit:派出所', 5)).toBeNull();
    expect(await neo.relatedReforms('reform:不存在', 5)).toBeNull();
  });
});
