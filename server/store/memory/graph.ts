import type { EdgeType, GraphEdge, GraphNode, MentionRef } from '../../model/types';
import { EDGE_TYPES, NODE_TYPES } from '../../model/types';

// Every type name as one string, however many items carry it.
const TYPE_NAMES = new Map<string, string>([...NODE_TYPES, ...EDGE_TYPES].map((t) => [t, t]));

/**
 * The in-process graph: nodes and edges by id, adjacency both ways, and which nodes and edges
 * each report supports (so deleting a report is proportional to the report, not the graph).
 */
export class MemoryGraph {
  nodes = new Map<string, GraphNode>();
  edges = new Map<string, GraphEdge>();
  out = new Map<string, Set<string>>();
  in = new Map<string, Set<string>>();
  texts = new Map<string, string>();
  byReport = new Map<string, { id: string; nodes: Set<string>; edges: Set<string> }>();
  /** Each node's edges in id order, per direction, kept until one of them changes. */
  private sorted = new Map<string, GraphEdge[]>();

  /**
   * Takes the node as it is (callers hand over objects nobody else holds). Strings that repeat
   * across items become one shared string: at a million nodes the copies of type names, report
   * ids in mentions and node ids in edge ends would otherwise be a third of the heap.
   */
  putNode(n: GraphNode): void {
    n.type = (TYPE_NAMES.get(n.type) ?? n.type) as GraphNode['type'];
    this.nodes.set(n.id, n);
    for (const m of n.mentions) {
      const s = this.support(m.reportId);
      m.reportId = s.id;
      s.nodes.add(n.id);
    }
  }

  putEdge(e: GraphEdge): void {
    e.type = (TYPE_NAMES.get(e.type) ?? e.type) as EdgeType;
    e.source = this.nodes.get(e.source)?.id ?? e.source;
    e.target = this.nodes.get(e.target)?.id ?? e.target;
    this.edges.set(e.id, e);
    if (!this.out.has(e.source)) this.out.set(e.source, new Set());
    if (!this.in.has(e.target)) this.in.set(e.target, new Set());
    this.out.get(e.source)!.add(e.id);
    this.in.get(e.target)!.add(e.id);
    this.touch(e);
    for (const m of e.mentions) {
      const s = this.support(m.reportId);
      m.reportId = s.id;
      s.edges.add(e.id);
    }
  }

  support(reportId: string) {
    let s = this.byReport.get(reportId);
    if (!s) this.byReport.set(reportId, (s = { id: reportId, nodes: new Set(), edges: new Set() }));
    return s;
  }

  /** Adds a node's or edge's mentions and aliases to what is already known of it. */
  mergeNode(n: GraphNode): void {
    const old = this.nodes.get(n.id);
    if (!old) return this.putNode({ ...n, aliases: [...n.aliases], mentions: n.mentions.map((m) => ({ ...m })), props: { ...n.props } });
    for (const a of [n.name, ...n.aliases]) if (a !== old.name && !old.aliases.includes(a)) old.aliases.push(a);
    this.addMentions(old.mentions, n.mentions, (r) => this.byReport.get(r)?.nodes.has(n.id) ?? false);
    for (const m of n.mentions) this.support(m.reportId).nodes.add(n.id);
    for (const [k, v] of Object.entries(n.props)) if (old.props[k] === undefined || old.props[k] === null) old.props[k] = v;
  }

  mergeEdge(e: GraphEdge): void {
    const old = this.edges.get(e.id);
    if (!old) return this.putEdge({ ...e, mentions: e.mentions.map((m) => ({ ...m })), props: { ...e.props } });
    this.addMentions(old.mentions, e.mentions, (r) => this.byReport.get(r)?.edges.has(e.id) ?? false);
    for (const m of e.mentions) this.support(m.reportId).edges.add(e.id);
    for (const [k, v] of Object.entries(e.props)) if (old.props[k] === undefined || old.props[k] === null) old.props[k] = v;
  }

  /**
   * Adds mentions, skipping ones already there. A mention can only repeat one from the same
   * report, so the scan is needed only when the item already has mentions of that report: a hub
   * with thousands of mentions takes a new report's in constant time each.
   */
  private addMentions(into: MentionRef[], add: MentionRef[], hasReport: (reportId: string) => boolean): void {
    const known = new Map<string, boolean>();
    const batch = new Set<string>();
    for (const m of add) {
      const key = `${m.reportId}|${m.start}|${m.end}`;
      if (batch.has(key)) continue;
      batch.add(key);
      let seen = known.get(m.reportId);
      if (seen === undefined) known.set(m.reportId, (seen = hasReport(m.reportId)));
      if (seen && into.some((x) => x.reportId === m.reportId && x.start === m.start && x.end === m.end)) continue;
      into.push({ reportId: this.support(m.reportId).id, start: m.start, end: m.end });
    }
  }

  /** Removes a report's mentions; nodes and edges no other report states go with them. */
  removeReport(reportId: string): void {
    const s = this.byReport.get(reportId);
    if (!s) return;
    for (const id of s.edges) {
      const e = this.edges.get(id);
      if (!e) continue;
      e.mentions = e.mentions.filter((m) => m.reportId !== reportId);
      if (!e.mentions.length) this.dropEdge(e);
    }
    for (const id of s.nodes) {
      const n = this.nodes.get(id);
      if (!n) continue;
      n.mentions = n.mentions.filter((m) => m.reportId !== reportId);
      if (!n.mentions.length) {
        for (const eid of [...(this.out.get(id) ?? []), ...(this.in.get(id) ?? [])]) this.dropEdge(this.edges.get(eid)!);
        this.nodes.delete(id);
        this.out.delete(id);
        this.in.delete(id);
        for (const d of ['out', 'in', 'both']) this.sorted.delete(`${id}|${d}`);
      }
    }
    this.texts.delete(reportId);
    this.byReport.delete(reportId);
  }

  private dropEdge(e: GraphEdge | undefined): void {
    if (!e) return;
    this.edges.delete(e.id);
    this.out.get(e.source)?.delete(e.id);
    this.in.get(e.target)?.delete(e.id);
    this.touch(e);
  }

  private touch(e: GraphEdge): void {
    for (const k of [`${e.source}|out`, `${e.source}|in`, `${e.source}|both`, `${e.target}|out`, `${e.target}|in`, `${e.target}|both`]) this.sorted.delete(k);
  }

  /**
   * The edges at a node in no particular order, and without keeping the id-ordered copy
   * edgesOf does: for walks over most of the graph whose answer does not depend on edge order
   * (related-reform contexts), where those copies cost seconds and hundreds of MB at 1M nodes.
   */
  edgesAt(id: string, dir: 'in' | 'out'): GraphEdge[] {
    const ids = (dir === 'out' ? this.out : this.in).get(id);
    if (!ids) return [];
    const out: GraphEdge[] = [];
    for (const eid of ids) out.push(this.edges.get(eid)!);
    return out;
  }

  edgesOf(id: string, dir: 'in' | 'out' | 'both', types?: readonly EdgeType[]): GraphEdge[] {
    const key = `${id}|${dir}`;
    let all = this.sorted.get(key);
    if (!all) {
      const ids = dir === 'out' ? this.out.get(id) : dir === 'in' ? this.in.get(id) : new Set([...(this.out.get(id) ?? []), ...(this.in.get(id) ?? [])]);
      all = [];
      for (const eid of ids ?? []) all.push(this.edges.get(eid)!);
      all.sort((a, b) => (a.id < b.id ? -1 : 1));
      this.sorted.set(key, all);
    }
    return types ? all.filter((e) => types.includes(e.type)) : all;
  }
}

