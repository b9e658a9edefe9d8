import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../model/types';
import { addMentions } from '../store/rules/mentions';

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
    for (const [k, v] of Object.entries(props)) if (v !== undefined && !(k in n.props)) n.props[k] = v;
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
    for (const [k, v] of Object.entries(props)) if (v !== undefined && !(k in e.props)) e.props[k] = v;
    addMentions(e.mentions, mention);
    return e;
  }
}
