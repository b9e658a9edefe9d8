import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../../../server/model/types';
import { MemoryGraph } from '../../../server/store/memory/graph';
import { MemoryStore } from '../../../server/store/memory/memoryStore';
import { readSnapshot, VERSION, writeSnapshot } from '../../../server/store/memory/snapshot';
import { random } from '../../helpers/random';

/**
 * A graph read from a snapshot keeps most edges as numbers until they are read: these tests hold
 * it to answer, take writes and removals, and write a snapshot exactly as the same graph filled
 * write by write, over random graphs (edges that share an end's one mention, with properties, with
 * ids of their own, to a node that is not there, to themselves) and random changes.
 */

const NODE_TYPES: NodeType[] = ['REFORM', 'MEASURE', 'PLATFORM', 'TOPIC'] as NodeType[];
const EDGE_TYPES: EdgeType[] = ['USES', 'IN_TOPIC', 'IMPLEMENTS', 'RELATED_TO'] as EdgeType[];

interface World {
  rnd: () => number;
  pick: <T>(xs: readonly T[]) => T;
  reports: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function world(seed: number): World {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const reports = Array.from({ length: 6 }, (_, i) => `report:r${i}`);
  const mention = (): MentionRef => {
    const start = Math.floor(rnd() * 500);
    return { reportId: pick(reports), start, end: start + 1 + Math.floor(rnd() * 9) };
  };
  const nodes: GraphNode[] = Array.from({ length: 70 }, (_, i) => ({
    id: `${pick(['reform', 'measure', 'platform'])}:n${i}`, type: pick(NODE_TYPES), name: `名${i}`,
    aliases: rnd() < 0.2 ? [`别名${i}`] : [], props: rnd() < 0.2 ? { year: 2000 + i } : ({} as GraphNode["props"]),
    mentions: Array.from({ length: rnd() < 0.6 ? 1 : 1 + Math.floor(rnd() * 3) }, mention),
  }));
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  for (let k = 0; k < 260; k++) {
    const s = pick(nodes);
    const t = rnd() < 0.05 ? s : rnd() < 0.04 ? { id: `ghost:g${k % 5}`, mentions: [mention()] } : pick(nodes);
    const type = pick(EDGE_TYPES);
    const id = rnd() < 0.06 ? `custom:e${k}` : `${type}:${s.id}->${t.id}`;
    if (ids.has(id)) continue;
    ids.add(id);
    // Mostly the one mention of an end (shared when read back), else some of their own.
    const ms = rnd() < 0.75 ? [{ ...pick([s, t]).mentions[0] }] : Array.from({ length: 1 + Math.floor(rnd() * 2) }, mention);
    edges.push({ id, type, source: s.id, target: t.id, props: rnd() < 0.1 ? { score: k } : {}, mentions: ms });
  }
  return { rnd, pick, reports, nodes, edges };
}

function written(w: World): MemoryGraph {
  const g = new MemoryGraph();
  for (const n of w.nodes) g.mergeNode(n);
  for (const e of w.edges) g.mergeEdge(e);
  for (const r of w.reports) g.texts.set(r, `text of ${r}`);
  return g;
}

async function readBack(g: MemoryGraph, version?: number): Promise<MemoryGraph> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-loaded-')), 'graph.snap');
  writeSnapshot(file, g, 5, version);
  const back = new MemoryGraph();
  await back.load(() => {
    readSnapshot(file, back);
  });
  return back;
}

const edgeText = (e: GraphEdge) => `${e.id} ${e.type} ${e.source} ${e.target} ${JSON.stringify(e.props)} ${e.mentions.map((m) => `${m.reportId}@${m.start}-${m.end}`).join(',')}`;

/** What a reader sees, without making the map of edge ids: nodes, each node's edges every way with degrees, and the edge count. */
function answers(g: MemoryGraph, ends: readonly string[]): string[] {
  const out: string[] = [`edges ${g.edgeCount}`];
  for (const n of [...g.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) out.push(`${n.id} ${n.type} ${n.name} ${n.aliases.join('|')} ${JSON.stringify(n.props)} ${n.mentions.map((m) => `${m.reportId}@${m.start}-${m.end}`).join(',')}`);
  for (const id of ends) {
    for (const dir of ['out', 'in', 'both'] as const) out.push(`${id} ${dir} ${dir === 'both' ? '' : g.degree(id, dir)}: ${g.edgesOf(id, dir).map(edgeText).join(' ; ')}`);
    out.push(`${id} near ${[...g.neighbours(id)].join(' ')}`);
    out.push(`${id} at ${g.edgesAt(id, 'out').map((e) => e.id).sort().join(' ')} / ${g.edgesAt(id, 'in').map((e) => e.id).sort().join(' ')}`);
  }
  return out;
}

/** Everything, the map of edge ids included (in its order). */
function whole(g: MemoryGraph): string[] {
  return [...[...g.edges.values()].map(edgeText), ...[...g.texts].map(([k, v]) => `${k}=${v}`)];
}

/** A random change, the same for both graphs: a report removed, a node or an edge stated again or anew. */
function change(w: World, k: number): { say: string; run: (g: MemoryGraph) => void } {
  const r = w.rnd();
  const report = w.pick(w.reports);
  const start = 600 + k * 10;
  const m = { reportId: report, start, end: start + 3 };
  if (r < 0.2) return { say: `remove ${report}`, run: (g) => g.removeReport(report) };
  if (r < 0.45) {
    const n = w.pick(w.nodes);
    const aliases = w.rnd() < 0.5 ? [`又名${k}`] : [];
    return { say: `node ${n.id}`, run: (g) => g.mergeNode({ ...n, aliases, props: {}, mentions: [m] }) };
  }
  if (r < 0.75) {
    const e = w.pick(w.edges);
    return { say: `edge ${e.id}`, run: (g) => g.mergeEdge({ ...e, props: {}, mentions: [m] }) };
  }
  const s = w.pick(w.nodes);
  const t = w.pick(w.nodes);
  const type = w.pick(EDGE_TYPES);
  const id = `${type}:${s.id}->${t.id}`;
  return { say: `new ${id}`, run: (g) => {
    if (!g.nodes.has(s.id)) g.mergeNode({ ...s, aliases: [], props: {}, mentions: [m] });
    g.mergeEdge({ id, type, source: s.id, target: t.id, props: {}, mentions: [m] });
  } };
}

describe('a graph read from a snapshot (edges kept as numbers until read)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`answers, takes writes and removals, and writes a snapshot as the graph filled write by write (seed ${seed})`, async () => {
      const w = world(seed);
      const byWrites = written(w);
      const back = await readBack(byWrites);
      const ends = [...new Set([...w.nodes.map((n) => n.id), ...w.edges.map((e) => e.target)])].sort();
      expect(back.edgeIdsMapped).toBe(false);
      expect(back.edgesAsNumbers).toBeGreaterThan(byWrites.edgeCount / 3);
      expect(answers(back, ends)).toEqual(answers(byWrites, ends));
      const fresh = await readBack(byWrites);
      for (let k = 0; k < 40; k++) {
        const c = change(w, k);
        const [leaving, leavingWant] = [fresh, byWrites].map((g) => (c.say.startsWith('remove') ? g.leaving(c.say.slice(7)) : [[], []]));
        expect([leaving[0].map((e) => e.id).sort(), [...leaving[1]].sort()]).toEqual([leavingWant[0].map((e) => e.id).sort(), [...leavingWant[1]].sort()]);
        for (const g of [fresh, byWrites, back]) c.run(g);
        expect([c.say, ...answers(back, ends)]).toEqual([c.say, ...answers(byWrites, ends)]);
      }
      // The graph changed before anything read it (a journal replayed at start): only now read.
      expect(answers(fresh, ends)).toEqual(answers(byWrites, ends));
      // (The map's order is not the written graph's: edges with ids of their own come after the others read.)
      expect(whole(back).sort()).toEqual(whole(byWrites).sort());
      expect(back.edgeCount).toBe(byWrites.edges.size);
      // Written anew and read again (a compaction, then a restart).
      const again = await readBack(fresh);
      expect(answers(again, ends)).toEqual(answers(byWrites, ends));
      expect(whole(again).sort()).toEqual(whole(byWrites).sort());
    });
  }

  it('makes an edge’s object when it is read, one object whichever end reads it', async () => {
    const w = world(9);
    const back = await readBack(written(w));
    const held = back.edgesAsNumbers;
    const e = w.edges.find((x) => x.source !== x.target && back.nodes.has(x.target))!;
    expect(held).toBeGreaterThan(0);
    const out = back.edgesAt(e.source, 'out');
    expect(back.edgesAt(e.target, 'in').find((x) => x.id === e.id)).toBe(out.find((x) => x.id === e.id));
    expect(back.edgeById(e.id)).toBe(out.find((x) => x.id === e.id));
    // Every loaded edge is in its source's out-list, but those to or from no node.
    for (const id of back.nodes.keys()) back.edgesAt(id, 'out');
    expect(back.edgesAsNumbers).toBe(0);
    expect(back.edgeIdsMapped).toBe(false);
  });

  it('a store on a version 4 snapshot opens it, answers as the written graph, and writes it anew in the current version', async () => {
    const w = world(13);
    const byWrites = written(w);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-loaded-store-'));
    writeSnapshot(path.join(dir, 'graph.snap'), byWrites, 0, 4);
    const store = new MemoryStore(dir, { compactSeconds: 0 });
    await store.init();
    try {
      const ids = w.nodes.map((n) => n.id);
      const text = (es: readonly GraphEdge[][]) => es.map((l) => l.map(edgeText).join(' ; '));
      expect(text(await store.edgesOf(ids, 'both'))).toEqual(ids.map((id) => byWrites.edgesOf(id, 'both').map(edgeText).join(' ; ')));
      expect((await store.health()).edges).toBe(byWrites.edgeCount);
    } finally {
      await store.close();
    }
    const again = new MemoryGraph();
    let version = 0;
    await again.load(() => {
      version = readSnapshot(path.join(dir, 'graph.snap'), again).version;
    });
    expect(version).toBe(VERSION);
    expect(whole(again).sort()).toEqual(whole(byWrites).sort());
  });

  it('keeps edges with properties as numbers too, one frozen object per distinct properties, and a write to one edge changes only it', async () => {
    const m = (start: number): MentionRef => ({ reportId: 'report:r0', start, end: start + 5 });
    const node = (id: string, type: NodeType, mentions: MentionRef[], props = {}): GraphNode => ({ id, type, name: id, aliases: [], props, mentions });
    const nodes = [node('agency:a', 'AGENCY' as NodeType, [m(0), m(1)]), ...[1, 2, 3, 4, 5, 6].map((i) => node(`measure:m${i}`, 'MEASURE' as NodeType, [m(10 * i)], { status: 'done', year: 2019, section: `s${i}` }))];
    const props: Array<Record<string, PropValue>> = [{ status: 'done', year: 2019 }, { status: 'done', year: 2019 }, { status: 'done', year: '2019' }, { year: 2019, status: 'done' }, { status: null, year: 2019 }, {}];
    const edges: GraphEdge[] = props.map((p, k) => ({ id: `CARRIES_OUT:agency:a->measure:m${k + 1}`, type: 'CARRIES_OUT' as EdgeType, source: 'agency:a', target: `measure:m${k + 1}`, props: p, mentions: [m(10 * (k + 1))] }));
    const byWrites = new MemoryGraph();
    for (const n of nodes) byWrites.mergeNode(n);
    for (const e of edges) byWrites.mergeEdge(e);
    const back = await readBack(byWrites);
    const ends = nodes.map((n) => n.id);
    expect(back.edgesAsNumbers).toBe(6);
    expect(answers(back, ends)).toEqual(answers(byWrites, ends));
    const got = edges.map((e) => back.edgeById(e.id)!);
    expect(got.map((e) => JSON.stringify(e.props))).toEqual(props.map((p) => JSON.stringify(p)));
    expect(got[0].props).toBe(got[1].props);
    expect(new Set(got.map((e) => e.props)).size).toBe(5);
    // A write that fills a property of one edge leaves the others that shared its properties as they were.
    for (const g of [back, byWrites]) {
      g.mergeEdge({ ...edges[0], props: { note: 'x', status: 'other' }, mentions: [m(100)] });
      g.mergeEdge({ ...edges[4], props: { status: 'later' }, mentions: [m(101)] });
    }
    expect(JSON.stringify(back.edgeById(edges[0].id)!.props)).toBe('{"status":"done","year":2019,"note":"x"}');
    expect(JSON.stringify(back.edgeById(edges[1].id)!.props)).toBe('{"status":"done","year":2019}');
    expect(JSON.stringify(back.edgeById(edges[4].id)!.props)).toBe('{"status":"later","year":2019}');
    expect(answers(back, ends)).toEqual(answers(byWrites, ends));
    expect(whole(back).sort()).toEqual(whole(byWrites).sort());
    const again = await readBack(back);
    expect(whole(again).sort()).toEqual(whole(byWrites).sort());
  });

  it('shares one object among nodes of a type with the same properties, and a write to one node changes only it', async () => {
    const m = (start: number): MentionRef => ({ reportId: 'report:r0', start, end: start + 5 });
    const same = { status: 'done', year: 2019, section: '一、' };
    const props: Array<Record<string, PropValue>> = [same, { ...same }, { ...same, year: '2019' }, { ...same }, { year: 2019, status: 'done', section: '一、' }, { ...same }];
    const nodes: GraphNode[] = props.map((p, i) => ({ id: `measure:m${i}`, type: 'MEASURE', name: `m${i}`, aliases: [], props: p, mentions: [m(10 * i)] }));
    // A node of another type with the same properties between them does not share them.
    nodes.splice(4, 0, { id: 'reform:r', type: 'REFORM', name: 'r', aliases: [], props: { ...same }, mentions: [m(99)] });
    const byWrites = new MemoryGraph();
    for (const n of nodes) byWrites.mergeNode(n);
    const back = await readBack(byWrites);
    const ends = nodes.map((n) => n.id);
    expect(answers(back, ends)).toEqual(answers(byWrites, ends));
    const p = (id: string) => back.nodes.get(id)!.props;
    expect(p('measure:m1')).toBe(p('measure:m0'));
    expect(p('measure:m2')).not.toBe(p('measure:m1'));
    expect(p('measure:m3')).not.toBe(p('measure:m1'));
    expect(p('reform:r')).not.toBe(p('measure:m3'));
    expect(p('measure:m5')).not.toBe(p('measure:m3'));
    for (const g of [back, byWrites]) g.mergeNode({ ...nodes[0], props: { note: 'x', status: 'other' }, mentions: [m(100)] });
    expect(JSON.stringify(p('measure:m0'))).toBe('{"status":"done","year":2019,"section":"一、","note":"x"}');
    expect(JSON.stringify(p('measure:m1'))).toBe('{"status":"done","year":2019,"section":"一、"}');
    expect(answers(back, ends)).toEqual(answers(byWrites, ends));
    expect(answers(await readBack(back), ends)).toEqual(answers(byWrites, ends));
  });

  for (const [version, what] of [[4, 'names, not places, for ends'], [5, 'every edge item by item, not in columns']] as const) {
    it(`reads a version ${version} snapshot the same (${what})`, async () => {
      const w = world(11);
      const byWrites = written(w);
      const back = await readBack(byWrites, version);
      const ends = [...new Set(w.edges.map((e) => e.source))].sort();
      expect(answers(back, ends)).toEqual(answers(byWrites, ends));
      expect(whole(back).sort()).toEqual(whole(byWrites).sort());
    });
  }
});
