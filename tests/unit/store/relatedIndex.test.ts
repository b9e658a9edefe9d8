import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType } from '../../../server/model/types';
import { MemoryGraph } from '../../../server/store/memory/graph';
import { decodeRelated, encodeRelated } from '../../../server/store/memory/indexFiles';
import { BlockReader } from '../../../server/store/memory/binary';
import { QueryIndexes } from '../../../server/store/memory/indexUpkeep';
import type { JournalEntry } from '../../../server/store/memory/journal';
import { contextIds, endsFrom, indexReforms, rankFromIndex, reformContext, type ReformIndex } from '../../../server/store/related';

// The embedded store keeps its related-reform index by what each write or delete changed
// (QueryIndexes.apply). Whatever the change, the index must then hold what an index built
// afresh over the whole graph holds: the same contexts, so the same scores and the same `via`
// in the same order, for every reform.

/** A store's graph and index upkeep without its disk: each journal entry applied as MemoryStore applies it. */
function store() {
  const g = new MemoryGraph();
  const indexes = new QueryIndexes(() => g);
  const apply = (entry: JournalEntry) => indexes.apply(entry, () => {
    if (entry.op === 'write') {
      if (entry.replaces) g.removeReport(entry.replaces);
      for (const n of entry.x.nodes) g.mergeNode(n);
      for (const e of entry.x.edges) g.mergeEdge(e);
      g.texts.set(entry.x.report.id, entry.x.text);
    } else g.removeReport(entry.id);
  });
  const fresh = () => indexReforms([...g.nodes.values()].filter((n) => n.type === 'REFORM'), (id) => reformContext(id, endsFrom((x, d) => g.edgesAt(x, d)), (x) => g.nodes.get(x)));
  // What the next query ranks from.
  const asked = () => indexes.reformIndex();
  // As a restart has it: the index written to related.idx's blocks by node position and read back.
  const reread = () => {
    const nodes = [...g.nodes.values()];
    const at = new Map(nodes.map((n, i) => [n.id, i]));
    const blocks = encodeRelated(asked(), (id) => at.get(id))!.map((b) => {
      const words = b.finish();
      const aligned = Buffer.allocUnsafeSlow(words.length);
      words.copy(aligned);
      return new BlockReader(aligned, () => new Error('a damaged block'));
    });
    const ix = decodeRelated(blocks, (p) => nodes[p], nodes.length)!;
    (indexes as unknown as { related: ReformIndex }).related = ix;
    return ix;
  };
  return { g, apply, fresh, asked, reread };
}

/** Every reform's context and its related reforms (ids, scores, via in order), as the index answers. */
function answers(ix: ReformIndex): string[] {
  return [...ix.reforms.keys()].sort().flatMap((id) => [
    `${id} holds ${contextIds(ix, id)!.join(' ')}`,
    `${id} → ${JSON.stringify(rankFromIndex(ix, id, 50)?.map((r) => [r.reform.id, r.score, r.via]))}`,
  ]);
}

/** A report of the given edges, each end a node the report mentions. */
function report(id: string, edges: Array<[string, EdgeType, string]>, names: Record<string, string[]> = {}): Extraction {
  const mentions = () => [{ reportId: id, start: 0, end: 1 }];
  const nodes = new Map<string, GraphNode>();
  const node = (nid: string) => {
    const [type, name] = nid.split(':');
    if (!nodes.has(nid)) nodes.set(nid, { id: nid, type: type.toUpperCase() as NodeType, name, aliases: names[nid] ?? [], mentions: mentions(), props: {} });
  };
  node(id);
  const es: GraphEdge[] = [];
  for (const [s, type, t] of edges) {
    node(s);
    node(t);
    es.push({ id: `${s}|${type}|${t}`, type, source: s, target: t, mentions: mentions(), props: {} });
  }
  return { report: nodes.get(id)!, text: id, nodes: [...nodes.values()], edges: es, warnings: [] };
}

describe('related-reform index kept up to date by what a change changed', () => {
  const pools: Record<string, number> = { REFORM: 14, MEASURE: 40, OBSERVATION: 24, INDICATOR: 10, PLATFORM: 8, UNIT: 6 };
  // Every shape reformContext walks, indicators' families (and families of families), and a
  // reform implementing another.
  const shapes: Array<[EdgeType, string, string]> = [
    ['IMPLEMENTS', 'MEASURE', 'REFORM'], ['IMPLEMENTS', 'MEASURE', 'REFORM'], ['IMPLEMENTS', 'MEASURE', 'REFORM'], ['USES', 'MEASURE', 'PLATFORM'],
    ['INVOLVES', 'MEASURE', 'UNIT'], ['USES', 'REFORM', 'PLATFORM'], ['EVIDENCES', 'OBSERVATION', 'MEASURE'], ['EVIDENCES', 'OBSERVATION', 'REFORM'],
    ['OF', 'OBSERVATION', 'INDICATOR'], ['OF', 'OBSERVATION', 'INDICATOR'], ['PART_OF', 'INDICATOR', 'INDICATOR'], ['PART_OF', 'UNIT', 'UNIT'],
    ['IMPLEMENTS', 'REFORM', 'REFORM'],
  ];

  it.each([7, 19, 101])('holds what a fresh build holds after random writes, deletes, replacements and renames (seed %i)', (seed0) => {
    let seed = seed0;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
    const pick = (t: string) => `${t.toLowerCase()}:${t === 'REFORM' ? '改革' : '节点'}${rnd(pools[t])}`;
    const randomReport = (id: string) => {
      const edges: Array<[string, EdgeType, string]> = [];
      for (let i = 0, n = 4 + rnd(14); i < n; i++) {
        const [type, from, to] = shapes[rnd(shapes.length)];
        const [s, t] = [pick(from), pick(to)];
        if (s !== t) edges.push([s, type, t]);
      }
      // Now and then a reform is named otherwise too (an alias this report gives it).
      const names: Record<string, string[]> = {};
      for (const [s, , t] of edges) for (const r of [s, t]) if (r.startsWith('reform:') && !rnd(6)) names[r] = [`${r.slice(7)}集成${rnd(3)}`];
      return report(id, edges, names);
    };
    const s = store();
    let seq = 0;
    for (let r = 0; r < 3; r++) s.apply({ seq: ++seq, op: 'write', x: randomReport(`report:${r}`) });
    let ix = s.asked();
    let changed = 0;
    const kinds = new Set<string>();
    for (let step = 3; step < 90; step++) {
      // Half way, the index is the one a restart reads from related.idx: kept from there on.
      if (step === 45) {
        const kept = answers(ix);
        ix = s.reread();
        expect(answers(ix)).toEqual(kept);
      }
      const before = answers(ix);
      const have = [...s.g.texts.keys()];
      const old = have[rnd(have.length)];
      const kind = have.length < 3 ? 'write' : ['write', 'write', 'delete', 'replace', 'rewrite'][rnd(5)];
      kinds.add(kind);
      // A new report; a report deleted; one replaced by another (a corrected edition); one
      // written again under its own id with other content.
      if (kind === 'write') s.apply({ seq: ++seq, op: 'write', x: randomReport(`report:${step}`) });
      else if (kind === 'delete') s.apply({ seq: ++seq, op: 'delete', id: old });
      else s.apply({ seq: ++seq, op: 'write', x: randomReport(kind === 'replace' ? `report:${step}` : old), replaces: old });
      // Kept, never thrown away and built again.
      expect(s.asked()).toBe(ix);
      const now = answers(ix);
      expect([step, kind, now]).toEqual([step, kind, answers(s.fresh())]);
      if (JSON.stringify(now) !== JSON.stringify(before)) changed++;
    }
    expect(kinds).toEqual(new Set(['write', 'delete', 'replace', 'rewrite']));
    expect(changed).toBeGreaterThan(50);
  });

  // Many reforms measured by one indicator; a corrected edition of a report gives the indicator
  // its family (as a real report naming 刑事案件发案数 under 刑事案件 does), so every reform's
  // context gains it, and a later delete takes it away again. The index follows both without
  // being built again, however many reforms the change reaches.
  it('follows a replacing write that reaches most reforms, and its delete, without being built again', () => {
    const s = store();
    const reforms = Array.from({ length: 300 }, (_, i) => `reform:改革${i}`);
    const measured = (r: string, i: number): Array<[string, EdgeType, string]> => [
      [`measure:举措${i}`, 'IMPLEMENTS', r], [`observation:数据${i}`, 'EVIDENCES', `measure:举措${i}`],
      [`observation:数据${i}`, 'OF', 'indicator:刑事案件发案数'], [`measure:举措${i}`, 'USES', `platform:平台${i % 7}`],
    ];
    let seq = 0;
    reforms.forEach((r, i) => s.apply({ seq: ++seq, op: 'write', x: report(`report:${i}`, measured(r, i)) }));
    s.apply({ seq: ++seq, op: 'write', x: report('report:2021', [['measure:举措0', 'INVOLVES', 'unit:派出所']]) });
    const ix = s.asked();
    const before = answers(ix);
    s.apply({ seq: ++seq, op: 'write', x: report('report:2021b', [['measure:举措0', 'INVOLVES', 'unit:派出所'], ['indicator:刑事案件发案数', 'PART_OF', 'indicator:刑事案件']]), replaces: 'report:2021' });
    expect(s.asked()).toBe(ix);
    expect(contextIds(ix, 'reform:改革299')).toContain('indicator:刑事案件');
    expect(answers(ix)).toEqual(answers(s.fresh()));
    expect(answers(ix)).not.toEqual(before);
    s.apply({ seq: ++seq, op: 'delete', id: 'report:2021b' });
    expect(s.asked()).toBe(ix);
    expect(contextIds(ix, 'reform:改革299')).not.toContain('indicator:刑事案件');
    expect(answers(ix)).toEqual(answers(s.fresh()));
  });

  // A write that only gives a reform another name (Jiaxing's 一件事集成改革 for 一件事) leaves
  // its context as it was: only its name pairs change, and with them its wording scores.
  it('ranks as a fresh index after a reform only gains a name', () => {
    const s = store();
    const uses: Array<[string, EdgeType, string]> = [];
    for (const [m, r] of [['measure:a', 'reform:一件事'], ['measure:b', 'reform:集成改革'], ['measure:c', 'reform:繁简分流']]) uses.push([m, 'IMPLEMENTS', r], [m, 'USES', 'platform:浙政钉']);
    s.apply({ seq: 1, op: 'write', x: report('report:1', uses) });
    const ix = s.asked();
    const before = answers(ix);
    s.apply({ seq: 2, op: 'write', x: report('report:2', [['measure:d', 'IMPLEMENTS', 'reform:一件事']], { 'reform:一件事': ['一件事集成改革'] }) });
    expect(s.asked()).toBe(ix);
    expect(answers(ix)).toEqual(answers(s.fresh()));
    expect(answers(ix)).not.toEqual(before);
  });
});
