// The answer text of compiled queries (server/graphql/answerJson.ts): JSON.stringify's to the
// byte, with the long id lists the server keeps written once and reused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createYoga } from 'graphql-yoga';
import { answerJson, isKeptList, keepListText, KEPT_TEXT } from '../../../server/graphql/answerJson';
import { budgetPlugin } from '../../../server/graphql/budget';
import { createContext } from '../../../server/graphql/context';
import { jitPlugin } from '../../../server/graphql/jit';
import { buildSchema } from '../../../server/graphql/schema';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { generateGraph } from '../../bench/generate';

const ids = (n: number, tag = 'r') => Array.from({ length: n }, (_, i) => `report:${tag}${i}`);

test('plain answers are written as JSON.stringify writes them', () => {
  const nullProto = Object.assign(Object.create(null), { b: 1, a: '甲' });
  const values: unknown[] = [
    { data: null },
    { data: { a: 'x', b: 1.5, c: -0, d: NaN, e: Infinity, f: true, g: false, h: null, i: undefined, j: () => 1, k: Symbol('s') } },
    { data: { list: [1, undefined, () => 1, Symbol('s'), null, 'y', [], {}], empty: [], nested: [[[{ z: [] }]]] } },
    { data: { '2': 'two', '1': 'one', b: 'b', a: 'a', 'é': 'ü', '"q"': 'quote' } },
    { data: { s: 'line\nbreak\t"quoted"\\ \u0001 \u2028 \ud800 lone \udc00 pair 😀 公安局' } },
    { data: { n: nullProto, big: 1e21, small: 1e-7, neg: -12.25 } },
    { data: { x: 1 }, stringify: () => 'not me' },
  ];
  for (const v of values) expect(answerJson(v)).toBe(JSON.stringify(v));
});

test('what only JSON.stringify writes exactly (toJSON, class instances, errors) is left to it', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const withToJson = { toJSON: (key: string) => `key:${key}` };
  const values: unknown[] = [
    { data: { when: new Date(0) } },
    { data: { p: new Point(1) } },
    { data: { t: withToJson, list: [withToJson] } },
    { data: null, errors: [{ message: 'm', toJSON: () => ({ message: 'masked' }) }] },
    { data: { a: 1 }, extensions: { cost: 3 } },
  ];
  for (const v of values) expect(answerJson(v)).toBe(JSON.stringify(v));
  expect(() => answerJson({ data: { n: BigInt(1) } })).toThrow(TypeError);
});

test('a kept list is written once and its text reused; a list that grew is written again', () => {
  const list = ids(KEPT_TEXT + 8);
  const short = ids(KEPT_TEXT - 1, 's');
  keepListText(list);
  keepListText(short);
  expect(isKeptList(short)).toBe(false);
  const answer = { data: { a: { reportIds: list }, b: { reportIds: list }, c: { reportIds: short } } };
  expect(answerJson(answer)).toBe(JSON.stringify(answer));
  expect(isKeptList(list)).toBe(true);
  const text = JSON.stringify(answer);
  const spy = jest.spyOn(JSON, 'stringify');
  try {
    expect(answerJson(answer)).toBe(text);
    // The kept list is not asked for again (the short one is written afresh).
    expect(spy.mock.calls.some(([v]) => v === list)).toBe(false);
  } finally {
    spy.mockRestore();
  }
  list.push('report:late');
  expect(isKeptList(list)).toBe(false);
  expect(answerJson(answer)).toBe(JSON.stringify(answer));
});

test('compiled neighbourhoods with hubs of many reports answer as graphql-js does, to the byte, again and again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-answer-json-'));
  const store = new MemoryStore(dir);
  await store.init();
  const { extractions, info } = generateGraph({ nodes: 10_000, seed: 7 });
  try {
    await store.rebuild(extractions);
    const schema = buildSchema();
    const yoga = createYoga({ schema, plugins: [jitPlugin(schema), budgetPlugin(60_000, 1e6)], context: () => createContext(store), logging: false });
    const ask = async (id: string) => {
      const res = await yoga.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query H($id: ID!) { neighborhood(id: $id, depth: 2, limit: 300) { nodes { id type name nameEn reportIds } edges { id source target } } }', variables: { id } }),
      });
      return { text: await res.text(), length: res.headers.get('content-length') };
    };
    const targets = [info.concepts.REFORM.top[0].id, ...info.sample.slice(0, 30)];
    // The first two runs are graphql-js's, then the query is compiled when idle.
    const plain = [];
    for (const id of targets.slice(0, 2)) plain.push(await ask(id));
    await new Promise((r) => setImmediate(r));
    const first = await ask(targets[2]);
    let longest = 0;
    const spy = jest.spyOn(JSON, 'stringify');
    for (let round = 0; round < 2; round++) {
      spy.mockClear();
      for (let i = 0; i < targets.length; i++) {
        const got = await ask(targets[i]);
        if (i < 2) expect(got).toEqual(plain[i]);
        if (i === 2) expect(got).toEqual(first);
        const nodes = JSON.parse(got.text).data.neighborhood.nodes as Array<{ reportIds: string[] }>;
        longest = Math.max(longest, ...nodes.map((n) => n.reportIds.length));
        expect(Number(got.length)).toBe(Buffer.byteLength(got.text));
      }
      // The answers are written by answerJson: no whole answer, and in the second round no long list of ids, goes to JSON.stringify.
      const calls = spy.mock.calls.map(([v]) => v);
      expect(calls.some((v) => v !== null && typeof v === 'object' && 'data' in v)).toBe(false);
      const idList = (v: unknown) => Array.isArray(v) && v.length >= KEPT_TEXT && v.every((x) => typeof x === 'string');
      if (round === 1) expect(calls.some(idList)).toBe(false);
    }
    spy.mockRestore();
    // The graph's hubs have lists long enough to be kept.
    expect(longest).toBeGreaterThanOrEqual(KEPT_TEXT);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
