import { TOPICAL_TYPES, type GraphEdge, type GraphNode, type NodeType } from '../model/types';

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
  texts: Map<string, string>;
}

export interface ViewFilter {
  types?: readonly NodeType[];
  topics?: readonly string[];
}

/** The nodes that pass the filter and the edges between them (a filtered view of the graph). */
export function filterView(all: GraphView, f: ViewFilter): GraphView {
  let nodes = all.nodes;
  if (f.types?.length) nodes = nodes.filter((n) => f.types!.includes(n.type));
  if (f.topics?.length) {
    const inTopic = new Set(all.edges.filter((e) => e.type === 'IN_TOPIC' && f.topics!.includes(e.target)).map((e) => e.source));
    nodes = nodes.filter((n) => !TOPICAL_TYPES.has(n.type) || inTopic.has(n.id));
  }
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: all.edges.filter((e) => keep.has(e.source) && keep.has(e.target)), texts: all.texts };
}

/** The first quote of a node or edge, for tables that show one source sentence. */
export function firstQuote(item: GraphNode | GraphEdge, texts: Map<string, string>): string {
  const m = item.mentions[0];
  return m ? (texts.get(m.reportId) ?? '').slice(m.start, m.end) : '';
}
