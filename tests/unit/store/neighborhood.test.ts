import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../../server/ingest/pipeline';
import { extractSeeds } from '../../../server/services/seed';
import { MemoryGraph } from '../../../server/store/memory/graph';
import { neighborhoodOf } from '../../../server/store/memory/neighborhood';
import { breadthFirst } from '../../../server/store/rules/neighborhood';
import type { Extraction, GraphEdge, GraphNode, NodeType } from '../../../server/model/types';
import { generateGraph } from '../../bench/generate';

const jiaxing = extract(fs.readFileSync(path.join(__dirname, '../../fixtures/reports/jiaxing-psb-2021.txt'), 'utf8'), {});

/** The reports merged as a write merges them (the walk reads no texts). */
function graphOf(xs: Extraction[]): MemoryGraph {
  const g = new MemoryGraph();
  for (const x of xs) [...x.nodes.map((n) => () => g.mergeNode(n)), ...x.edges.map((e) => () => g.mergeEdge(e))].forEach((put) => put());
  return g;
}

/**
 * The rule as written (server/store/rules/neighborhood.ts over the graph's neighbour reader),
 * and the edges among the kept nodes found by reading every edge: what the walk must answer.
 */
function byTheRule(g: MemoryGraph, start: string, depth: number, limit: number, admit: (n: GraphNode) => boolean): { nodes: string; edges: string } {
  const kept = [...breadthFirst(start, depth, limit, (at) => g.neighbours(at), (id) => !!g.nodes.get(id) && admit(g.nodes.get(id)!))];
  const place = new Map(kept.map((id, i) => [id, i]));
  const edges = [...g.edges.values()].filter((e) => place.has(e.source) && place.has(e.target));
  edges.sort((a: GraphEdge, b: GraphEdge) => place.get(a.source)! - place.get(b.source)! || (a.id < b.id ? -1 : 1));
  return { nodes: kept.join(' '), edges: edges.map((e) => e.id).join(' ') };
}

function walked(g: MemoryGraph, start: string, depth: number, limit: number, admit: (n: GraphNode) => boolean) {
  const sub = neighborhoodOf(g, g.nodes.get(start)!, depth, limit, admit);
  // Joined, so a comparison of thousands of ids is one string's.
  return { nodes: sub.nodes.map((n) => n.id).join(' '), edges: sub.edges.map((e) => e.id).join(' ') };
}

/** Hubs, middling and leaf nodes: every 41st node by id, and the ten with most edges. */
function starts(g: MemoryGraph): string[] {
  const ids = [...g.nodes.keys()].sort();
  const hubs = [...ids].sort((a, b) => g.degree(b, 'out') + g.degree(b, 'in') - g.degree(a, 'out') - g.degree(a, 'in')).slice(0, 10);
  return [...new Set([...hubs, ...ids.filter((_, i) => i % 41 === 0)])];
}

const all = () => true;
const ofTypes = (types: NodeType[]) => (n: GraphNode) => types.includes(n.type);

describe('the embedded neighbourhood walk', () => {
  // A synthetic graph with the bench's shape (hub bureaus and reforms with hundreds of edges)
  // and real reports besides, so the hubs' kept orders and the wide-node edge reading both run.
  const { extractions } = generateGraph({ nodes: 3000, seed: 7 });
  const g = graphOf([...extractSeeds(), jiaxing, ...extractions]);

  it('keeps the nodes and edges the breadth-first rule gives, in its order, at every depth and limit', () => {
    const cases: Array<[number, number]> = [[1, 300], [2, 300], [2, 40], [3, 5000], [2, 1], [3, 120]];
    let compared = 0;
    for (const id of starts(g)) {
      for (const [depth, limit] of cases) {
        expect({ id, depth, limit, ...walked(g, id, depth, limit, all) }).toEqual({ id, depth, limit, ...byTheRule(g, id, depth, limit, all) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    // The case that costs: a hub's depth-2 neighbourhood stops at its limit with edges among them.
    const hub = starts(g)[0];
    const sub = neighborhoodOf(g, g.nodes.get(hub)!, 2, 300, all);
    expect(sub.nodes).toHaveLength(300);
    expect(sub.edges.length).toBeGreaterThanOrEqual(299);
  });

  it('admits only the nodes the filter passes, the start always', () => {
    const filter = ofTypes(['REFORM', 'PLATFORM', 'UNIT']);
    for (const id of starts(g).slice(0, 60)) {
      const sub = walked(g, id, 2, 300, filter);
      expect(sub).toEqual(byTheRule(g, id, 2, 300, filter));
      const kept = sub.nodes.split(' ');
      expect(kept[0]).toBe(id);
      expect(kept.slice(1).every((n) => filter(g.nodes.get(n)!))).toBe(true);
    }
  });

  it('follows writes and removals: a removed report’s edges and nodes leave the walk, a written one’s come back', () => {
    const hub = 'reform:最多跑一次';
    expect(g.nodes.has(hub)).toBe(true);
    const before = walked(g, hub, 2, 5000, all);
    expect(before).toEqual(byTheRule(g, hub, 2, 5000, all));
    g.removeReport(jiaxing.report.id);
    const without = walked(g, hub, 2, 5000, all);
    expect(without).toEqual(byTheRule(g, hub, 2, 5000, all));
    expect(without.nodes.split(' ')).not.toContain(jiaxing.report.id);
    for (const n of jiaxing.nodes) g.mergeNode(n);
    for (const e of jiaxing.edges) g.mergeEdge(e);
    const again = walked(g, hub, 2, 5000, all);
    expect(again).toEqual(byTheRule(g, hub, 2, 5000, all));
    expect(new Set(again.nodes.split(' '))).toEqual(new Set(before.nodes.split(' ')));
  });
});
