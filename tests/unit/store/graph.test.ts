import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../../server/ingest/pipeline';
import { extractSeeds } from '../../../server/services/seed';
import { MemoryGraph } from '../../../server/store/memory/graph';
import type { Extraction } from '../../../server/model/types';
import os from 'node:os';
import { readSnapshot, writeSnapshot } from '../../../server/store/memory/snapshot';

const FIXTURES = path.join(__dirname, '../../fixtures/reports');
const [hangzhou, shaoxing] = extractSeeds();
const jiaxing = extract(fs.readFileSync(path.join(FIXTURES, 'jiaxing-psb-2021.txt'), 'utf8'), {});

function graphOf(...xs: Extraction[]): MemoryGraph {
  const g = new MemoryGraph();
  for (const x of xs) {
    for (const n of x.nodes) g.mergeNode(n);
    for (const e of x.edges) g.mergeEdge(e);
    g.texts.set(x.report.id, x.text);
  }
  return g;
}

/**
 * What the graph holds: items with their mentions and properties, and every node's edges each
 * way. Aliases are left out: a removed report's aliases stay on the nodes other reports keep
 * (the graph does not record which report gave which alias; the README says so under Adding reports).
 */
function view(g: MemoryGraph): string[] {
  const out: string[] = [];
  for (const n of [...g.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    out.push(`${n.id} ${n.name} ${JSON.stringify(n.props)} ${n.mentions.map((m) => `${m.reportId}@${m.start}`).sort().join(',')}`);
    for (const dir of ['out', 'in', 'both'] as const) out.push(`  ${dir} ${g.edgesOf(n.id, dir).map((e) => e.id).join(' ')} (${dir === 'both' ? '' : g.degree(n.id, dir)})`);
  }
  for (const e of [...g.edges.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) out.push(`${e.id} ${JSON.stringify(e.props)} ${e.mentions.map((m) => `${m.reportId}@${m.start}`).sort().join(',')}`);
  return out;
}

/** The graph written as a snapshot and read back, as a restart reads it. */
async function readBack(g: MemoryGraph): Promise<MemoryGraph> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-graph-')), 'graph.snap');
  writeSnapshot(file, g, 3);
  const back = new MemoryGraph();
  await back.load(() => {
    readSnapshot(file, back);
  });
  return back;
}

describe('the embedded graph', () => {
  it('after a report is removed, is the graph of the others: items, mentions and every node’s edges', () => {
    const all = graphOf(hangzhou, jiaxing, shaoxing);
    // The three bureaus share nodes (the province, topics, common reforms): removal must keep
    // those and their other reports' edges, and drop what only the removed report states.
    const shared = [...all.nodes.values()].filter((n) => new Set(n.mentions.map((m) => m.reportId)).size === 3);
    expect(shared.length).toBeGreaterThan(3);
    all.removeReport(jiaxing.report.id);
    expect(view(all)).toEqual(view(graphOf(hangzhou, shaoxing)));
    all.removeReport(hangzhou.report.id);
    all.removeReport(shaoxing.report.id);
    expect([all.nodes.size, all.edges.size, all.byReport.size]).toEqual([0, 0, 0]);
  });

  it('holds a report given twice (the same file twice in a rebuild) once: no mention doubled, and its removal leaves the others', () => {
    const twice = graphOf(hangzhou, jiaxing, shaoxing, jiaxing);
    expect(view(twice)).toEqual(view(graphOf(hangzhou, jiaxing, shaoxing)));
    twice.removeReport(jiaxing.report.id);
    expect(view(twice)).toEqual(view(graphOf(hangzhou, shaoxing)));
  });

  it('read back item by item (as a snapshot is read) is the same graph, and so is a removal from it', () => {
    const all = graphOf(hangzhou, jiaxing, shaoxing);
    const back = new MemoryGraph();
    const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    for (const n of all.nodes.values()) back.putNode(copy(n));
    for (const e of all.edges.values()) back.putEdge(copy(e));
    expect(view(back)).toEqual(view(all));
    back.removeReport(jiaxing.report.id);
    expect(view(back)).toEqual(view(graphOf(hangzhou, shaoxing)));
  });

  it('filled in one go (a rebuild, a snapshot read) is the graph filled write by write, before and after a removal', async () => {
    const byWrites = graphOf(hangzhou, jiaxing, shaoxing);
    const inOneGo = new MemoryGraph();
    await inOneGo.load(() => {
      for (const x of [hangzhou, jiaxing, shaoxing]) {
        for (const n of x.nodes) inOneGo.mergeNode(n);
        for (const e of x.edges) inOneGo.mergeEdge(e);
      }
    });
    expect(view(inOneGo)).toEqual(view(byWrites));
    inOneGo.removeReport(jiaxing.report.id);
    byWrites.removeReport(jiaxing.report.id);
    expect(view(inOneGo)).toEqual(view(byWrites));
  });

  it('lists an edge from a node to itself once among the node’s edges both ways', () => {
    const g = graphOf(hangzhou);
    const n = [...g.nodes.values()].find((x) => x.type === 'REFORM')!;
    const before = g.edgesOf(n.id, 'both').length;
    const loop = `RELATED_TO:${n.id}->${n.id}`;
    g.mergeEdge({ id: loop, type: 'RELATED_TO', source: n.id, target: n.id, mentions: n.mentions.slice(0, 1), props: {} });
    expect(g.edgesOf(n.id, 'both').map((e) => e.id).filter((id) => id === loop)).toEqual([loop]);
    expect(g.edgesOf(n.id, 'both')).toHaveLength(before + 1);
  });

  it('an alias or property merged into one item reaches no other item', () => {
    const g = graphOf(hangzhou);
    const bare = [...g.nodes.values()].filter((n) => !n.aliases.length);
    const bareEdges = [...g.edges.values()].filter((e) => !Object.keys(e.props).length);
    expect(bare.length).toBeGreaterThan(2);
    expect(bareEdges.length).toBeGreaterThan(2);
    const [n, other] = bare;
    g.mergeNode({ ...n, name: `${n.name}（别称）`, aliases: [], mentions: [], props: {} });
    expect(g.nodes.get(n.id)!.aliases).toEqual([`${n.name}（别称）`]);
    expect(g.nodes.get(other.id)!.aliases).toEqual([]);
    expect(bare.slice(1).every((x) => !x.aliases.length)).toBe(true);
    const [e, otherEdge] = bareEdges;
    g.mergeEdge({ ...e, mentions: [], props: { weight: 2 } });
    expect(g.edges.get(e.id)!.props).toEqual({ weight: 2 });
    expect(g.edges.get(otherEdge.id)!.props).toEqual({});
    expect(bareEdges.slice(1).every((x) => !Object.keys(x.props).length)).toBe(true);
  });

  it('written as a snapshot and read back (either version) is the same graph, an edge whose end is no node included', async () => {
    const all = graphOf(hangzhou, jiaxing);
    const n = [...all.nodes.values()].find((x) => x.type === 'REFORM')!;
    // An end that is no node (the graph does not forbid one); and, filled in one go, an edge given before its end's node.
    all.putEdge({ id: `USES:${n.id}->platform:无此平台`, type: 'USES', source: n.id, target: 'platform:无此平台', mentions: n.mentions.slice(0, 1), props: {} });
    const early = new MemoryGraph();
    await early.load(() => {
      const [e] = jiaxing.edges;
      early.mergeEdge(e);
      for (const x of jiaxing.nodes) early.mergeNode(x);
      for (const x of jiaxing.edges.slice(1)) early.mergeEdge(x);
    });
    expect(view(early)).toEqual(view(graphOf(jiaxing)));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-graph-')), 'graph.snap');
    for (const version of [4, 5, 6]) {
      writeSnapshot(file, all, 7, version);
      const back = new MemoryGraph();
      let read: ReturnType<typeof readSnapshot> | undefined;
      await back.load(() => {
        read = readSnapshot(file, back);
      });
      expect([read!.version, read!.seq]).toEqual([version, 7]);
      expect(view(back)).toEqual(view(all));
      expect(back.edgesAt('platform:无此平台', 'in').map((e) => e.source)).toEqual([n.id]);
      // Edges hold their ends' very mention objects where the spans are the same, as written ones do.
      const shared = (g: MemoryGraph) => [...g.edges.values()].filter((e) => e.mentions.some((m) => [e.source, e.target].some((end) => g.nodes.get(end)?.mentions.includes(m)))).length;
      expect(shared(all)).toBeGreaterThan(all.edges.size / 3);
      expect(shared(back)).toBe(shared(all));
    }
  });

  it('read from a snapshot, takes writes that repeat its edges without doubling one, before its map of edge ids is made', async () => {
    const back = await readBack(graphOf(hangzhou, jiaxing));
    // Shaoxing's report states edges the other two do (the province, topics, common reforms).
    const before = graphOf(hangzhou, jiaxing);
    const arriving = back.arriving(shaoxing).edges.map((e) => e.id).sort();
    expect(arriving).toEqual(before.arriving(shaoxing).edges.map((e) => e.id).sort());
    expect(arriving.length).toBeLessThan(new Set(shaoxing.edges.map((e) => e.id)).size);
    for (const x of shaoxing.nodes) back.mergeNode(x);
    for (const e of shaoxing.edges) back.mergeEdge(e);
    back.texts.set(shaoxing.report.id, shaoxing.text);
    const all = graphOf(hangzhou, jiaxing, shaoxing);
    expect(back.edgeCount).toBe(all.edges.size);
    expect(view(back)).toEqual(view(all));
    back.removeReport(jiaxing.report.id);
    expect(view(back)).toEqual(view(graphOf(hangzhou, shaoxing)));
    expect(back.edgeCount).toBe(back.edges.size);
  });

  it('read from a snapshot, shares an edge’s one mention list with the end it is the only mention of, and a mention added to either reaches only that one', async () => {
    const back = await readBack(graphOf(hangzhou, jiaxing));
    const byWrites = graphOf(hangzhou, jiaxing);
    const sharing = [...back.edges.values()].filter((e) => e.mentions === back.nodes.get(e.source)?.mentions || e.mentions === back.nodes.get(e.target)?.mentions);
    expect(sharing.length).toBeGreaterThan(back.edgeCount / 10);
    const e = sharing[0];
    const end = back.nodes.get(e.mentions === back.nodes.get(e.source)?.mentions ? e.source : e.target)!;
    const [m] = end.mentions;
    const other = [...back.nodes.values()].find((n) => n.type === 'REPORT' && n.id !== m.reportId)!;
    // The same node and edge stated again elsewhere (another report, another span), to each graph.
    for (const g of [back, byWrites]) {
      g.mergeNode({ ...end, aliases: [], props: {}, mentions: [{ reportId: other.id, start: 1, end: 3 }] });
      g.mergeEdge({ ...e, props: {}, mentions: [{ reportId: other.id, start: 5, end: 9 }] });
    }
    expect(back.nodes.get(end.id)!.mentions.map((x) => `${x.reportId}@${x.start}`)).toEqual([`${m.reportId}@${m.start}`, `${other.id}@1`]);
    expect(back.edges.get(e.id)!.mentions.map((x) => `${x.reportId}@${x.start}`)).toEqual([`${m.reportId}@${m.start}`, `${other.id}@5`]);
    expect(view(back)).toEqual(view(byWrites));
    back.removeReport(other.id);
    byWrites.removeReport(other.id);
    expect(view(back)).toEqual(view(byWrites));
  });

  it('read from a snapshot, removes and replaces a report (a journal replayed at start) as the graph filled write by write does, without the map of edge ids', async () => {
    const back = await readBack(graphOf(hangzhou, jiaxing, shaoxing));
    const byWrites = graphOf(hangzhou, jiaxing, shaoxing);
    const ids = (es: readonly { id: string }[]) => es.map((e) => e.id).sort();
    const [leavingEdges, leavingReforms] = back.leaving(jiaxing.report.id);
    const [wantEdges, wantReforms] = byWrites.leaving(jiaxing.report.id);
    expect(wantEdges.length).toBeGreaterThan(10);
    expect([ids(leavingEdges), leavingReforms.sort()]).toEqual([ids(wantEdges), wantReforms.sort()]);
    back.removeReport(jiaxing.report.id);
    byWrites.removeReport(jiaxing.report.id);
    expect(back.edgeIdsMapped).toBe(false);
    expect(back.edgeCount).toBe(byWrites.edges.size);
    // Written again (a corrected report replacing the old one): its edges come back, once each.
    for (const g of [back, byWrites]) {
      for (const x of jiaxing.nodes) g.mergeNode(x);
      for (const e of jiaxing.edges) g.mergeEdge(e);
      g.texts.set(jiaxing.report.id, jiaxing.text);
      g.removeReport(shaoxing.report.id);
    }
    expect(back.edgeIdsMapped).toBe(false);
    expect(back.edgeCount).toBe(byWrites.edges.size);
    expect(view(back)).toEqual(view(byWrites));
    expect(back.edgeCount).toBe(back.edges.size);
  });
});
