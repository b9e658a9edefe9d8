import type { GraphNode, NodeType } from '../../../server/model/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readIndexFile, writeIndexFile } from '../../../server/store/memory/indexFiles';
import { keyHash } from '../../../server/store/memory/postings';
import { SearchIndex } from '../../../server/store/memory/searchIndex';
import { compareMatches, matchRank, nodeKey, queryWords } from '../../../server/store/search';

const node = (id: string, name: string, aliases: string[] = []): GraphNode => ({ id, type: 'PLATFORM', name, aliases, mentions: [], props: {} });

describe('search index', () => {
  it('finds a node by any piece of its names, best match first', () => {
    const ix = SearchIndex.build([node('platform:a', '执法办案管理中心'), node('platform:b', '智慧警务平台', ['警务云'])]);
    expect(ix.best('办案', null, 5)).toEqual(['platform:a']);
    expect(ix.best('警务', null, 5)).toEqual(['platform:b']);
    expect(ix.best('务云', null, 5)).toEqual(['platform:b']);
    expect(ix.best('执法中心', null, 5)).toEqual([]);
    expect(ix.best('刑侦', null, 5)).toEqual([]);
    expect(ix.best('平', null, 5)).toEqual(['platform:b']);
  });

  // A server that ingests and deletes reports all day re-indexes the shared nodes on every
  // write; the index must not grow with the number of writes (the load test's heap went
  // 31 → 35 MB over four runs before this). Postings are the build's; a node that changed is
  // found from its own keys until the next build.
  it('indexing nodes again adds no postings, and a node that gained a name is found by it', () => {
    const shared = node('agency:杭州市公安局', '杭州市公安局');
    const ix = SearchIndex.build([shared, node('platform:x', '公安警务平台')]);
    const once = ix.postings;
    for (let i = 0; i < 100; i++) ix.add(shared);
    expect(ix.changed).toBe(0);
    ix.add({ ...shared, aliases: ['杭州公安'] });
    ix.add(node('unit:new', '公安局法制大队'));
    expect(ix.postings).toBe(once);
    expect(ix.changed).toBe(2);
    expect(ix.best('杭州公安', null, 5)).toEqual(['agency:杭州市公安局']);
    expect(ix.best('公安', null, 5)).toEqual(['platform:x', 'unit:new', 'agency:杭州市公安局']);
    expect(ix.best('警务', null, 5)).toEqual(['platform:x']);
  });

  // The index ranks from its own arrays; the page must be what ranking every live node with
  // matchRank and sorting with compareMatches gives (the Neo4j store's way), filters included.
  describe('best', () => {
    const types: NodeType[] = ['REFORM', 'MEASURE', 'PLATFORM', 'UNIT', 'PROBLEM'];
    const parts = ['执法', '办案', '中心', '最多跑一次', '警务', '平台', '管理'];
    const english = ['case handling centre', 'police platform', 'law enforcement case', 'run at most once'];
    let seed = 11;
    // The high bits: a power-of-two LCG's low bits repeat with a short period.
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
    const made = (i: number): GraphNode => ({
      id: `n:${rnd(40)}-${i}`,
      type: types[rnd(types.length)],
      name: Array.from({ length: 1 + rnd(3) }, () => parts[rnd(parts.length)]).join(''),
      aliases: rnd(4) ? [] : [parts[rnd(parts.length)]],
      mentions: Array.from({ length: rnd(4) }, () => ({ reportId: 'r', start: 0, end: 1 })),
      props: rnd(3) ? {} : { nameEn: english[rnd(english.length)] },
    });

    function expected(nodes: GraphNode[], text: string, k: number, only?: NodeType[], accept?: (id: string) => boolean): string[] {
      const q = nodeKey(text);
      const words = queryWords(text);
      return nodes
        .filter((n) => (!only || only.includes(n.type)) && (!accept || accept(n.id)))
        .map((node) => ({ node, rank: matchRank(node, q, words) }))
        .filter((h): h is { node: GraphNode; rank: number } => h.rank !== null)
        .sort(compareMatches)
        .slice(0, k)
        .map((h) => h.node.id);
    }

    function check(ix: SearchIndex, nodes: GraphNode[]): void {
      const odd = (id: string) => id.length % 2 === 1;
      for (const text of ['执法', '办案中心', '最多跑一次', '执', '中心执法', '警务平台管理', 'case centre', 'run at most', '刑侦']) {
        const q = nodeKey(text);
        const words = queryWords(text);
        for (const k of [1, 20, 3000]) expect(ix.best(q, words, k)).toEqual(expected(nodes, text, k));
        expect(ix.best(q, words, 20, { types: ['UNIT', 'PROBLEM'] })).toEqual(expected(nodes, text, 20, ['UNIT', 'PROBLEM']));
        expect(ix.best(q, words, 20, { types: ['MEASURE'] })).toEqual(expected(nodes, text, 20, ['MEASURE']));
        expect(ix.best(q, words, 20, { accept: odd })).toEqual(expected(nodes, text, 20, undefined, odd));
      }
      expect(ix.best(nodeKey('执法'), null, 20).length).toBe(20);
    }

    /** Random writes on the index and on `live` alike: deletes, mention changes, renames, new aliases, new nodes. */
    function randomWrites(ix: SearchIndex, live: Map<string, GraphNode>, nodes: GraphNode[], n: number, added: number, next: number): void {
      for (let i = 0; i < n; i++) {
        const at = nodes[rnd(nodes.length)];
        const cur = live.get(at.id);
        if (!cur) continue;
        const what = rnd(4);
        if (what === 0) {
          live.delete(cur.id);
          ix.remove(cur.id);
          continue;
        }
        const changed: GraphNode = what === 1
          ? { ...cur, mentions: Array.from({ length: rnd(6) }, () => ({ reportId: 'r', start: 0, end: 1 })) }
          : what === 2 ? { ...cur, name: parts[rnd(parts.length)] + cur.name } : { ...cur, aliases: [...cur.aliases, parts[rnd(parts.length)]] };
        live.set(cur.id, changed);
        ix.add(changed);
      }
      for (let i = 0; i < added; i++) {
        const x = made(next + i);
        live.set(x.id, x);
        ix.add(x);
      }
    }

    it('gives the first k of ranking every node, with type and caller filters', () => {
      const nodes = Array.from({ length: 2000 }, (_, i) => made(i));
      check(SearchIndex.build(nodes), nodes);
      // Indexed one by one, nothing is in ranking order: every node is judged on its own.
      const one = new SearchIndex();
      for (const n of nodes) one.add(n);
      check(one, nodes);
    });

    // After the build, writes re-index shared nodes with more or fewer mentions, rename some,
    // add new ones and delete others: the page must be as if the index were built afresh.
    it('gives the same page after writes as a fresh build', () => {
      const nodes = Array.from({ length: 2000 }, (_, i) => made(i));
      const ix = SearchIndex.build(nodes);
      const live = new Map(nodes.map((n) => [n.id, n]));
      randomWrites(ix, live, nodes, 300, 200, 2000);
      expect(ix.changed).toBeGreaterThan(200);
      check(ix, [...live.values()]);
    });

    // search.idx holds the posting tables as they lie in memory and fills each node's names from
    // the snapshot only when first looked at: read back (after writes, some nodes gone), the
    // index must answer as the one saved and as a fresh build, and go on doing so under writes.
    it('read back from its file, answers as the index saved and as a fresh build, then under writes', () => {
      const nodes = Array.from({ length: 2000 }, (_, i) => made(i));
      const saved = SearchIndex.build(nodes);
      const live = new Map(nodes.map((n) => [n.id, n]));
      randomWrites(saved, live, nodes, 200, 60, 2000);
      expect(saved.changed).toBeGreaterThan(50);
      // The snapshot's order is not the index's: positions are looked up, not assumed.
      const snapshot = [...live.values()].reverse();
      const position = new Map(snapshot.map((n, i) => [n.id, i]));
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-searchidx-')), 'search.idx');
      const version = { seq: 7, crc: 1234 };
      writeIndexFile(file, 'search', version, saved.encode((id) => position.get(id))!);
      const read = readIndexFile(file, 'search', version);
      if (!('blocks' in read)) throw new Error(read.why);
      const ix = SearchIndex.decode(read.blocks, (p) => snapshot[p])!;
      expect([ix.size, ix.changed, ix.postings]).toEqual([saved.size, saved.changed, saved.postings]);
      check(ix, snapshot);
      for (const q of ['执法', '中心', '警务平台']) expect(ix.best(q, null, 50)).toEqual(saved.best(q, null, 50));
      randomWrites(ix, live, nodes, 300, 100, 3000);
      check(ix, [...live.values()]);
      // Not of this graph: another snapshot's version is refused, not decoded.
      expect(readIndexFile(file, 'search', { seq: 8, crc: 1234 })).toEqual({ why: expect.stringContaining('another graph') });
    });

    // At a start the index is read, not made: nothing per node (no id, name or key string, no
    // map of ids) until a search or a write looks at a node, and then only at that node and the
    // few a page or an id's hash brings. A write looking up one id must not fill every node.
    it('read back from its file, looks at the snapshot\'s nodes only as searches and writes need them', () => {
      const nodes = Array.from({ length: 20000 }, (_, i) => made(i));
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-searchidx-')), 'search.idx');
      const version = { seq: 3, crc: 99 };
      const position = new Map(nodes.map((n, i) => [n.id, i]));
      writeIndexFile(file, 'search', version, SearchIndex.build(nodes).encode((id) => position.get(id))!);
      const read = readIndexFile(file, 'search', version);
      if (!('blocks' in read)) throw new Error(read.why);
      const looked = new Set<number>();
      const ix = SearchIndex.decode(read.blocks, (p) => (looked.add(p), nodes[p]))!;
      expect(looked.size).toBe(0);
      // (Every node whose whole name is the query is looked at: a short common word would be most of these.)
      expect(ix.best(nodeKey('执法办案中心'), null, 20)).toEqual(expected(nodes, '执法办案中心', 20));
      expect(looked.size).toBeLessThan(200);
      const before = looked.size;
      const one = nodes[12345];
      ix.add({ ...one, mentions: [...one.mentions, { reportId: 'r2', start: 0, end: 1 }] });
      ix.remove(nodes[777].id);
      expect(looked.size - before).toBeLessThan(10);
      const live = nodes.map((n, i) => (i === 12345 ? { ...one, mentions: [...one.mentions, { reportId: 'r2', start: 0, end: 1 }] } : n)).filter((_, i) => i !== 777);
      check(ix, live);
    });

    // Its columns are views of the file's bytes, exactly as long as the nodes it had: a node
    // added after (even to an index of none) grows them.
    it('read back with no nodes or a few, takes new ones', () => {
      for (const nodes of [[], [node('platform:a', '执法平台')]]) {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-searchidx-')), 'search.idx');
        writeIndexFile(file, 'search', { seq: 1, crc: 1 }, SearchIndex.build(nodes).encode(() => 0)!);
        const read = readIndexFile(file, 'search', { seq: 1, crc: 1 });
        if (!('blocks' in read)) throw new Error(read.why);
        const ix = SearchIndex.decode(read.blocks, (p) => nodes[p])!;
        const added = Array.from({ length: 1500 }, (_, i) => node(`platform:n${i}`, `执法终端${i}`));
        for (const n of added) ix.add(n);
        expect(ix.best(nodeKey('执法终端1499'), null, 5)).toEqual(['platform:n1499']);
        expect(ix.best(nodeKey('执法'), null, 2000).length).toBe(nodes.length + added.length);
      }
    });

    it('follows a node losing mentions, and forgets a removed one', () => {
      const a = { ...node('platform:a', '执法平台'), mentions: [{ reportId: 'r1', start: 0, end: 4 }, { reportId: 'r2', start: 0, end: 4 }] };
      const b = { ...node('platform:b', '执法终端'), mentions: [{ reportId: 'r1', start: 5, end: 9 }] };
      const ix = SearchIndex.build([a, b]);
      // Same rank, type and name length: the one more reports mention comes first.
      expect(ix.best('执法', null, 5)).toEqual(['platform:a', 'platform:b']);
      ix.add({ ...a, mentions: [] });
      expect(ix.best('执法', null, 5)).toEqual(['platform:b', 'platform:a']);
      ix.remove('platform:b');
      expect(ix.best('执法', null, 5)).toEqual(['platform:a']);
    });
  });

  // Whole keys are found by a 26-bit hash: a name that only shares another's hash is not an
  // exact match of it, and both are still found by their own names.
  it('does not take a name that only shares a hash for an exact match', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const name = `平台${i}`;
      const h = keyHash(name);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, name];
      seen.set(h, name);
    }
    const [a, b] = pair;
    const ix = SearchIndex.build([node('platform:a', a), node('platform:b', b)]);
    expect(ix.best(a, null, 5)).toEqual(['platform:a']);
    expect(ix.best(b, null, 5)).toEqual(['platform:b']);
  });
});
