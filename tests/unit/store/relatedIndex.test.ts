import type { EdgeType, GraphEdge, NodeType } from '../../../server/model/types';
import { MemoryGraph } from '../../../server/store/memory/graph';
import { indexReforms, rankFromIndex, reformContext, reformsTouchedBy, updateIndex, updateNames } from '../../../server/store/related';

// A random graph of the shapes reformContext walks (measures implementing reforms, observations
// evidencing them and measuring indicators, indicator families, platforms and units used), one
// report of edges at a time: after each report comes or goes, the index brought up to date for
// the reforms reformsTouchedBy names must rank as an index built afresh over the whole graph.
describe('related-reform index kept up to date', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
  const pools: Record<string, string[]> = {
    REFORM: Array.from({ length: 12 }, (_, i) => `reform:改革${i}`),
    MEASURE: Array.from({ length: 40 }, (_, i) => `measure:举措${i}`),
    OBSERVATION: Array.from({ length: 20 }, (_, i) => `observation:数据${i}`),
    INDICATOR: Array.from({ length: 10 }, (_, i) => `indicator:指标${i}`),
    PLATFORM: Array.from({ length: 8 }, (_, i) => `platform:平台${i}`),
    UNIT: Array.from({ length: 6 }, (_, i) => `unit:单位${i}`),
  };
  const shapes: Array<[EdgeType, string, string]> = [
    ['IMPLEMENTS', 'MEASURE', 'REFORM'], ['IMPLEMENTS', 'MEASURE', 'REFORM'], ['USES', 'MEASURE', 'PLATFORM'], ['INVOLVES', 'MEASURE', 'UNIT'],
    ['USES', 'REFORM', 'PLATFORM'], ['EVIDENCES', 'OBSERVATION', 'MEASURE'], ['EVIDENCES', 'OBSERVATION', 'REFORM'], ['OF', 'OBSERVATION', 'INDICATOR'],
    ['PART_OF', 'INDICATOR', 'INDICATOR'], ['PART_OF', 'UNIT', 'UNIT'],
  ];
  const pick = (t: string) => pools[t][rnd(pools[t].length)];

  function writeReport(g: MemoryGraph, report: string): GraphEdge[] {
    const edges: GraphEdge[] = [];
    const mention = () => [{ reportId: report, start: 0, end: 1 }];
    const node = (id: string) => g.mergeNode({ id, type: id.split(':')[0].toUpperCase() as NodeType, name: id.split(':')[1], aliases: rnd(5) ? [] : [`${id.split(':')[1]}别名`], mentions: mention(), props: {} });
    for (let i = 0; i < 12; i++) {
      const [type, from, to] = shapes[rnd(shapes.length)];
      const [s, t] = [pick(from), pick(to)];
      if (s === t) continue;
      node(s);
      node(t);
      const e: GraphEdge = { id: `${s}|${type}|${t}`, type, source: s, target: t, mentions: mention(), props: {} };
      g.mergeEdge(e);
      edges.push(g.edges.get(e.id)!);
    }
    return edges;
  }

  it('ranks as a fresh index after every report written and deleted', () => {
    const g = new MemoryGraph();
    const edgesOf = (id: string, dir: 'in' | 'out') => g.edgesAt(id, dir);
    const nodeOf = (id: string) => g.nodes.get(id);
    const contextOf = (id: string) => reformContext(id, edgesOf, nodeOf);
    const fresh = () => indexReforms([...g.nodes.values()].filter((n) => n.type === 'REFORM'), contextOf);
    const ranked = (ix: ReturnType<typeof fresh>) => [...ix.reforms.keys()].sort().map((id) => JSON.stringify(rankFromIndex(ix, id, 20)?.map((r) => [r.reform.id, r.score, r.via])));
    for (let r = 0; r < 3; r++) writeReport(g, `report:${r}`);
    const ix = fresh();
    let changed = 0;
    for (let step = 3; step < 60; step++) {
      const before = ranked(ix);
      if (step % 3 === 2) {
        // A report goes: what goes is read before it goes.
        const report = `report:${rnd(step)}`;
        const s = g.byReport.get(report);
        if (!s) continue;
        const going = [...s.edges].map((id) => g.edges.get(id)!).filter(Boolean);
        for (const id of s.nodes) if (g.nodes.get(id)!.mentions.every((m) => m.reportId === report)) going.push(...g.edgesAt(id, 'out'), ...g.edgesAt(id, 'in'));
        const touched = new Set([...reformsTouchedBy(going, edgesOf, nodeOf, ix), ...[...s.nodes].filter((id) => id.startsWith('reform:'))]);
        g.removeReport(report);
        updateIndex(ix, touched, nodeOf, contextOf);
      } else {
        const edges = writeReport(g, `report:${step}`);
        const nodes = new Set(edges.flatMap((e) => [e.source, e.target]).filter((id) => id.startsWith('reform:')));
        updateIndex(ix, new Set([...reformsTouchedBy(edges, edgesOf, nodeOf, ix), ...nodes]), nodeOf, contextOf);
      }
      const now = ranked(ix);
      expect([step, now]).toEqual([step, ranked(fresh())]);
      if (JSON.stringify(now) !== JSON.stringify(before)) changed++;
    }
    expect(changed).toBeGreaterThan(20);
  });

  // A write that removes nothing and only gives a reform another name (Jiaxing's 一件事集成改革
  // for 一件事) leaves its context as it was: only its name pairs are brought up to date, for a
  // popular reform's whole context is the longest walk there is.
  it('ranks as a fresh index after a reform only gains a name', () => {
    const g = new MemoryGraph();
    const edgesOf = (id: string, dir: 'in' | 'out') => g.edgesAt(id, dir);
    const nodeOf = (id: string) => g.nodes.get(id);
    const fresh = () => indexReforms([...g.nodes.values()].filter((n) => n.type === 'REFORM'), (id) => reformContext(id, edgesOf, nodeOf));
    const mention = [{ reportId: 'report:1', start: 0, end: 1 }];
    const reform = (id: string, name: string, aliases: string[] = []) => g.mergeNode({ id, type: 'REFORM', name, aliases, mentions: mention, props: {} });
    reform('reform:一件事', '一件事');
    reform('reform:集成改革', '集成改革');
    reform('reform:繁简分流', '繁简分流');
    for (const [m, r] of [['measure:a', 'reform:一件事'], ['measure:b', 'reform:集成改革'], ['measure:c', 'reform:繁简分流']]) {
      g.mergeNode({ id: m, type: 'MEASURE', name: m, aliases: [], mentions: mention, props: {} });
      g.mergeNode({ id: 'platform:浙政钉', type: 'PLATFORM', name: '浙政钉', aliases: [], mentions: mention, props: {} });
      g.mergeEdge({ id: `${m}|IMPLEMENTS|${r}`, type: 'IMPLEMENTS', source: m, target: r, mentions: mention, props: {} });
      g.mergeEdge({ id: `${m}|USES|platform:浙政钉`, type: 'USES', source: m, target: 'platform:浙政钉', mentions: mention, props: {} });
    }
    const ix = fresh();
    const ranked = (i: ReturnType<typeof fresh>) => [...i.reforms.keys()].sort().map((id) => JSON.stringify(rankFromIndex(i, id, 20)?.map((r) => [r.reform.id, r.score, r.via])));
    const before = ranked(ix);
    reform('reform:一件事', '一件事', ['一件事集成改革']);
    updateNames(ix, ['reform:一件事'], nodeOf);
    expect(ranked(ix)).toEqual(ranked(fresh()));
    expect(ranked(ix)).not.toEqual(before);
  });
});
