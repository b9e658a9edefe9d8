import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType } from '../../../server/model/types';
import { RELATED_INDEX, SEARCH_INDEX } from '../../../server/store/memory/indexFiles';
import { MemoryGraph as Graph } from '../../../server/store/memory/graph';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { loadGraph } from '../../../server/store/memory/persistence';
import { contextIds, endsFrom, indexReforms, reformContext, type ReformIndex } from '../../../server/store/related';
import { type Reading, updateForChange } from '../../../server/store/relatedUpkeep';

// A restart replays the journal's writes into the related-reform index read from related.idx.
// A write that reaches a hub (an indicator thousands of observations measure, given a family by
// a corrected edition) is followed back through the hub's edges by their ends and types only:
// the loaded edges stay numbers (at a million nodes the hubs' edge objects made to be read once
// cost a start a second and 150 MB), and the answers are those of an index built afresh.

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kg-related-replay-'));
type Internals = { g: Graph; indexes: { related?: unknown } };
const internals = (s: MemoryStore) => s as unknown as Internals;

async function open(dir: string): Promise<MemoryStore> {
  const s = new MemoryStore(dir, { compactSeconds: 0 });
  await s.init();
  return s;
}

/** A report of the given edges, each end a node the report mentions. */
function report(id: string, edges: Array<[string, EdgeType, string]>): Extraction {
  const mentions = () => [{ reportId: id, start: 0, end: 1 }];
  const nodes = new Map<string, GraphNode>();
  const node = (nid: string) => {
    const [type, name] = nid.split(':');
    if (!nodes.has(nid)) nodes.set(nid, { id: nid, type: type.toUpperCase() as NodeType, name, aliases: [], mentions: mentions(), props: {} });
  };
  node(id);
  const es: GraphEdge[] = [];
  for (const [s, type, t] of edges) {
    node(s);
    node(t);
    es.push({ id: `${type}:${s}->${t}`, type, source: s, target: t, mentions: mentions(), props: {} });
  }
  return { report: nodes.get(id)!, text: id, nodes: [...nodes.values()], edges: es, warnings: [] };
}

/** Every reform's related reforms (ids, scores, via), as the store answers. */
async function answers(s: MemoryStore): Promise<string[]> {
  const out: string[] = [];
  for (const r of await s.search('', ['REFORM'], 100000)) {
    for (const x of (await s.relatedReforms(r.id, 10)) ?? []) out.push(`${r.id} → ${x.reform.id} ${x.score} [${x.via.map((v) => v.id).join(' ')}]`);
  }
  return out;
}

describe('a restart replaying a write that reaches a hub', () => {
  it('walks the hub by ends and types, making none of its edges, and answers as a fresh index', async () => {
    const reforms = Array.from({ length: 300 }, (_, i) => `reform:改革${i}`);
    const measured = (r: string, i: number): Array<[string, EdgeType, string]> => [
      [`measure:举措${i}`, 'IMPLEMENTS', r], [`observation:数据${i}`, 'EVIDENCES', `measure:举措${i}`],
      [`observation:数据${i}`, 'OF', 'indicator:刑事案件发案数'], [`measure:举措${i}`, 'USES', `platform:平台${i % 7}`],
    ];
    const dir = tmp();
    let s = await open(dir);
    await s.rebuild([...reforms.map((r, i) => report(`report:${i}`, measured(r, i))), report('report:2021', [['measure:举措0', 'INVOLVES', 'unit:派出所']])]);
    await s.close();
    // Loaded edges held as numbers right after a start with nothing to replay.
    s = await open(dir);
    const held = internals(s).g.edgesAsNumbers;
    expect(held).toBeGreaterThan(4 * 300 - 10);
    const before = await answers(s);
    // A corrected edition gives the hub indicator its family: every reform it measures gains it.
    const w = await s.writeReport(report('report:2021b', [['measure:举措0', 'INVOLVES', 'unit:派出所'], ['indicator:刑事案件发案数', 'PART_OF', 'indicator:刑事案件']]), { replace: 'report:2021' });
    expect(w.replaced).toBe('report:2021');
    const running = await answers(s);
    await s.close();
    expect(running).not.toEqual(before);

    s = await open(dir);
    // Replayed into the index read from the file, not built again ...
    expect(internals(s).indexes.related).toBeDefined();
    // ... without making the hub's edges (only a handful of the written report's own).
    expect(held - internals(s).g.edgesAsNumbers).toBeLessThan(12);
    const replayed = await answers(s);
    await s.close();
    expect(replayed).toEqual(running);
    expect(replayed.some((a) => a.includes('indicator:刑事案件]') || a.includes('indicator:刑事案件 '))).toBe(true);

    // An index built afresh over the same graph answers the same.
    const copy = tmp();
    for (const f of fs.readdirSync(dir)) if (![SEARCH_INDEX, RELATED_INDEX].includes(f) && !f.endsWith('.lock')) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
    s = await open(copy);
    expect(internals(s).indexes.related).toBeUndefined();
    expect(await answers(s)).toEqual(replayed);
    await s.close();
  });

  // What the walk reads: MemoryGraph.forEachEnd gives each edge's far end and type in edgesAt's
  // order, for nodes whose loaded list is not made yet, made, and changed by writes and removals.
  it('reads the same ends and types as the edge lists, before and after writes and removals', async () => {
    const dir = tmp();
    let s = await open(dir);
    const edges = (i: number): Array<[string, EdgeType, string]> => [
      [`measure:举措${i}`, 'IMPLEMENTS', `reform:改革${i % 5}`], [`observation:数据${i}`, 'EVIDENCES', `measure:举措${i}`],
      [`observation:数据${i}`, 'OF', `indicator:指标${i % 3}`], [`measure:举措${i}`, 'USES', `platform:平台${i % 4}`],
    ];
    await s.rebuild(Array.from({ length: 40 }, (_, i) => report(`report:${i}`, edges(i))));
    await s.close();
    s = await open(dir);
    const g = internals(s).g;
    const same = () => {
      for (const id of [...g.nodes.keys(), 'platform:没有的']) {
        for (const dir of ['in', 'out'] as const) {
          const read: string[] = [];
          g.forEachEnd(id, dir, (other, type) => {
            read.push(`${type} ${other}`);
          });
          expect([id, dir, read]).toEqual([id, dir, g.edgesAt(id, dir).map((e) => `${e.type} ${dir === 'out' ? e.target : e.source}`)]);
        }
      }
    };
    // Half the lists made first (by a read), half read from the loaded numbers.
    for (const id of [...g.nodes.keys()].filter((_, i) => i % 2)) g.edgesAt(id, 'in');
    same();
    await s.deleteReport('report:3');
    await s.writeReport(report('report:x', [['measure:举措5', 'USES', 'platform:平台0'], ['observation:数据9', 'OF', 'indicator:指标0']]));
    same();
    // A visit that answers true stops the walk.
    let seen = 0;
    g.forEachEnd('platform:平台0', 'in', () => ++seen === 2);
    expect(seen).toBe(2);
    await s.close();
  });

  // An indicator given a family: the reforms that bring it gain the family. When no indicator
  // has it as a family itself, those are all the reforms holding it (the index says which), and
  // the hub is not walked back to each of them.
  it('gives a family to the reforms holding an indicator without walking the indicator back to them', () => {
    const g = new Graph();
    const write = (x: Extraction) => {
      for (const n of x.nodes) g.mergeNode(n);
      for (const e of x.edges) g.mergeEdge(e);
      g.texts.set(x.report.id, x.text);
    };
    for (let i = 0; i < 300; i++) {
      write(report(`report:${i}`, [
        [`measure:举措${i}`, 'IMPLEMENTS', `reform:改革${i}`], [`observation:数据${i}`, 'EVIDENCES', `measure:举措${i}`],
        [`observation:数据${i}`, 'OF', 'indicator:刑事案件发案数'], [`measure:举措${i}`, 'USES', `platform:平台${i % 7}`],
      ]));
    }
    const edgesOf = (id: string, dir: 'in' | 'out') => g.edgesAt(id, dir);
    const nodeOf = (id: string) => g.nodes.get(id);
    const fresh = () => indexReforms([...g.nodes.values()].filter((n) => n.type === 'REFORM'), (id) => reformContext(id, endsFrom(edgesOf), nodeOf));
    const contexts = (ix: ReformIndex) => [...ix.reforms.keys()].sort().map((id) => `${id}: ${contextIds(ix, id)!.join(' ')}`);
    const ix = fresh();
    const x = report('report:2021', [['indicator:刑事案件发案数', 'PART_OF', 'indicator:刑事案件']]);
    const coming = g.arriving(x);
    write(x);
    let visits = 0;
    const read: Reading = {
      endsOf: (id, dir, visit) => g.forEachEnd(id, dir, (other, type) => (visits++, visit(other, type))),
      degree: (id, dir) => g.degree(id, dir),
    };
    updateForChange(ix, undefined, { ...coming, edges: coming.edges.map((e) => g.edgeFor(e) ?? e) }, read, nodeOf);
    expect(contexts(ix)).toEqual(contexts(fresh()));
    expect(contextIds(ix, 'reform:改革299')).toContain('indicator:刑事案件');
    // The indicator's 300 edges in are read once (for a family of its own), not followed back.
    expect(visits).toBeLessThan(400);
  });

  // The index files name nodes by their place in the snapshot: a start reads them through the
  // graph's loaded nodes (no copy of every node, no look at each), which are the snapshot's order.
  it('reads index positions through the loaded nodes, which are the snapshot order', async () => {
    const dir = tmp();
    const s = await open(dir);
    await s.rebuild(Array.from({ length: 12 }, (_, i) => report(`report:${i}`, [[`measure:举措${i}`, 'IMPLEMENTS', `reform:改革${i % 3}`], [`measure:举措${i}`, 'USES', `platform:平台${i % 4}`]])));
    // Filled by writes: no loaded nodes.
    expect(internals(s).g.loadedNodes).toBeUndefined();
    await s.close();
    const loaded = await loadGraph(dir);
    expect(loaded.graph.loadedNodes!.map((n) => n.id)).toEqual(loaded.snapshot!.order);
    expect(loaded.graph.loadedNodes!.every((n) => loaded.graph.nodes.get(n.id) === n)).toBe(true);
  });
});
