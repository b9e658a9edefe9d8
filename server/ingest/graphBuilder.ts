import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../model/types';

/** Collects nodes and edges for one report, merging repeats and their mentions. */
export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  node(id: string, type: NodeType, name: string, mention: MentionRef | MentionRef[], props: Record<string, PropValue> = {}, alias?: string): GraphNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, type, name, aliases: [], mentions: [], props: {} };
      this.nodes.set(id, n);
    }
    copyNew(n.props, props);
    if (alias && alias !== n.name && !n.aliases.includes(alias)) n.aliases.push(alias);
    addMentions(n.mentions, mention);
    return n;
  }

  edge(type: EdgeType, source: string, target: string, mention: MentionRef | MentionRef[], props: Record<string, PropValue> = {}): GraphEdge | undefined {
    if (source === target) return undefined;
    const id = `${type}:${source}->${target}`;
    let e = this.edges.get(id);
    if (!e) {
      e = { id, type, source, target, mentions: [], props: {} };
      this.edges.set(id, e);
    }
    copyNew(e.props, props);
    addMentions(e.mentions, mention);
    return e;
  }
}

/** Sets the props `to` does not have yet (the first statement of a fact wins). */
function copyNew(to: Record<string, PropValue>, from: Record<string, PropValue>): void {
  // for…in, not Object.entries: a report makes thousands of these calls, most with no props.
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && !(k in to)) to[k] = v;
  }
}

// The mentions a long list already holds, so a node named a hundred times in a report takes
// each new mention in constant time (short lists are scanned: cheaper than keys). Rebuilt when
// the list changed behind the builder's back.
const known = new WeakMap<MentionRef[], Set<string>>();
const SCAN = 16;

export function addMentions(list: MentionRef[], add: MentionRef | MentionRef[]): void {
  for (const m of Array.isArray(add) ? add : [add]) {
    if (list.length < SCAN) {
      if (!list.some((x) => x.reportId === m.reportId && x.start === m.start && x.end === m.end)) list.push(m);
      continue;
    }
    let keys = known.get(list);
    if (!keys || keys.size !== list.length) known.set(list, (keys = new Set(list.map(mentionKey))));
    const k = mentionKey(m);
    if (keys.has(k)) continue;
    keys.add(k);
    list.push(m);
  }
}

const mentionKey = (m: MentionRef) => `${m.reportId}|${m.start}|${m.end}`;
