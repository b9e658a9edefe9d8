import fs from 'node:fs';
import path from 'node:path';
import type { EdgeType, Extraction, GraphNode, NodeType, RelatedReform, Stats, Subgraph } from '../../model/types';
import { NODE_TYPES } from '../../model/types';
import { rankRelated, reformContext, ReformContext } from '../related';
import { compareMatches, compareNames, matchRank, searchKey } from '../search';
import type { Direction, GraphStore, Health, WriteResult } from '../store';
import { MemoryGraph } from './graph';
import { acquireLock } from './lock';
import { readSnapshot, writeSnapshot } from './snapshot';

/**
 * The embedded store: the whole graph in memory, persisted as one JSON snapshot under
 * KG_DATA_DIR. A write builds the next graph on a copy, saves it, and only then serves it, so a
 * reader never sees half a report and a failed save changes nothing.
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private g = new MemoryGraph();
  private queue: Promise<unknown> = Promise.resolve();
  private relatedCache?: { contexts: Map<string, ReformContext>; df: Map<string, number> };
  readonly file: string;
  private release?: () => void;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'graph.json');
  }

  async init(): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.release = acquireLock(path.join(path.dirname(this.file), 'graph.lock'));
    try {
      // A writer killed mid-save leaves its temp file; the snapshot itself is whole.
      const base = path.basename(this.file);
      for (const f of fs.readdirSync(path.dirname(this.file))) if (f.startsWith(`${base}.`) && f.endsWith('.tmp')) fs.rmSync(path.join(path.dirname(this.file), f), { force: true });
      this.g = readSnapshot(this.file) ?? new MemoryGraph();
    } catch (e) {
      this.release();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    this.release?.();
    this.release = undefined;
  }

  async health(): Promise<Health> {
    return { ok: true, nodes: this.g.nodes.size, edges: this.g.edges.size };
  }

  async isEmpty(): Promise<boolean> {
    return this.g.nodes.size === 0;
  }

  async stats(): Promise<Stats> {
    const counts = new Map<NodeType, number>();
    for (const n of this.g.nodes.values()) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
    return {
      nodes: this.g.nodes.size,
      edges: this.g.edges.size,
      reports: counts.get('REPORT') ?? 0,
      byType: NODE_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! })),
    };
  }

  async getNodes(ids: readonly string[]): Promise<Array<GraphNode | null>> {
    return ids.map((id) => this.g.nodes.get(id) ?? null);
  }

  async edgesOf(ids: readonly string[], direction: Direction, types?: readonly EdgeType[]) {
    return ids.map((id) => this.g.edgesOf(id, direction, types));
  }

  async reportTexts(ids: readonly string[]): Promise<Array<string | null>> {
    return ids.map((id) => this.g.texts.get(id) ?? null);
  }

  async search(text: string, types: readonly NodeType[] | undefined, first: number): Promise<GraphNode[]> {
    const q = searchKey(text);
    const ok = (n: GraphNode) => !types?.length || types.includes(n.type);
    if (!q) return [...this.g.nodes.values()].filter(ok).sort(compareNames).slice(0, first);
    const hits: Array<{ node: GraphNode; rank: number }> = [];
    for (const node of this.g.nodes.values()) {
      if (!ok(node)) continue;
      const rank = matchRank(node, q);
      if (rank !== null) hits.push({ node, rank });
    }
    return hits.sort(compareMatches).slice(0, first).map((h) => h.node);
  }

  async neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number): Promise<Subgraph | null> {
    const start = this.g.nodes.get(id);
    if (!start) return null;
    const keep = new Map<string, GraphNode>([[id, start]]);
    let frontier = [id];
    for (let d = 0; d < depth && frontier.length && keep.size < limit; d++) {
      const next: string[] = [];
      for (const at of frontier) {
        for (const e of this.g.edgesOf(at, 'both')) {
          const other = e.source === at ? e.target : e.source;
          if (keep.has(other)) continue;
          const n = this.g.nodes.get(other);
          if (!n || (types?.length && !types.includes(n.type))) continue;
          if (keep.size >= limit) break;
          keep.set(other, n);
          next.push(other);
        }
      }
      frontier = next;
    }
    const edges = [];
    for (const nid of keep.keys()) for (const e of this.g.edgesOf(nid, 'out')) if (keep.has(e.target)) edges.push(e);
    return { nodes: [...keep.values()], edges };
  }

  async relatedReforms(id: string, first: number): Promise<RelatedReform[] | null> {
    const target = this.g.nodes.get(id);
    if (!target || target.type !== 'REFORM') return null;
    const { contexts, df } = this.reformContexts();
    const others = [...contexts.values()].filter((c) => c.reformId !== id).map((ctx) => ({ node: this.g.nodes.get(ctx.reformId)!, ctx }));
    return rankRelated(target, contexts.get(id)!, others, df, contexts.size, first).map((r) => ({
      reform: r.reform, score: r.score, via: r.via.map((v) => this.g.nodes.get(v)!).filter(Boolean),
    }));
  }

  private reformContexts() {
    if (this.relatedCache) return this.relatedCache;
    const contexts = new Map<string, ReformContext>();
    const df = new Map<string, number>();
    const edgesOf = (nid: string, dir: 'in' | 'out') => this.g.edgesOf(nid, dir);
    const nodeOf = (nid: string) => this.g.nodes.get(nid);
    for (const n of this.g.nodes.values()) {
      if (n.type !== 'REFORM') continue;
      const ctx = reformContext(n.id, edgesOf, nodeOf);
      contexts.set(n.id, ctx);
      for (const k of ctx.nodes.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
    return (this.relatedCache = { contexts, df });
  }

  async reports(): Promise<GraphNode[]> {
    return [...this.g.nodes.values()].filter((n) => n.type === 'REPORT').sort((a, b) => Number(a.props.year ?? 0) - Number(b.props.year ?? 0) || compareNames(a, b));
  }

  writeReport(x: Extraction): Promise<WriteResult> {
    return this.serial(() => {
      if (this.g.nodes.has(x.report.id)) return { created: false };
      const next = this.g.clone();
      // A corrected version of a report (same agency and year) replaces the old one.
      const old = [...next.nodes.values()].find((n) => n.type === 'REPORT' && n.props.agency === x.report.props.agency && n.props.year === x.report.props.year && n.props.year !== null);
      if (old) next.removeReport(old.id);
      for (const n of x.nodes) next.mergeNode(n);
      for (const e of x.edges) next.mergeEdge(e);
      next.texts.set(x.report.id, x.text);
      writeSnapshot(this.file, next);
      this.swap(next);
      return { created: true, replaced: old?.id };
    });
  }

  deleteReport(id: string): Promise<boolean> {
    return this.serial(() => {
      const n = this.g.nodes.get(id);
      if (!n || n.type !== 'REPORT') return false;
      const next = this.g.clone();
      next.removeReport(id);
      writeSnapshot(this.file, next);
      this.swap(next);
      return true;
    });
  }

  rebuild(xs: Extraction[]): Promise<void> {
    return this.serial(() => {
      const next = new MemoryGraph();
      for (const x of xs) {
        for (const n of x.nodes) next.mergeNode(n);
        for (const e of x.edges) next.mergeEdge(e);
        next.texts.set(x.report.id, x.text);
      }
      writeSnapshot(this.file, next);
      this.swap(next);
    });
  }

  private swap(next: MemoryGraph): void {
    this.g = next;
    this.relatedCache = undefined;
  }

  private serial<T>(fn: () => T): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
