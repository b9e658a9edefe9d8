import type { EdgeType, GraphEdge, GraphNode, NodeType } from '../../model/types';
import { indexReforms, reformContext, ReformIndex } from '../related';
import { byId } from './mapping';

export interface BareEdge {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
}

/**
 * Every reform's context, computed by the shared reformContext() over the part of the graph
 * related_context.cypher fetched in one statement (edges in id order per node, as the
 * embedded store gives them), indexed for ranking (server/store/related.ts).
 */
export function reformContexts(reforms: GraphNode[], edges: BareEdge[], nodes: Array<{ id: string; type: NodeType }>): ReformIndex {
  const out = new Map<string, GraphEdge[]>();
  const inn = new Map<string, GraphEdge[]>();
  for (const b of edges) {
    const e: GraphEdge = { ...b, mentions: [], props: {} };
    if (!out.has(e.source)) out.set(e.source, []);
    if (!inn.has(e.target)) inn.set(e.target, []);
    out.get(e.source)!.push(e);
    inn.get(e.target)!.push(e);
  }
  for (const list of [...out.values(), ...inn.values()]) list.sort(byId);
  const typeOf = new Map<string, GraphNode>();
  for (const n of nodes) typeOf.set(n.id, { id: n.id, type: n.type, name: '', aliases: [], mentions: [], props: {} });
  for (const r of reforms) typeOf.set(r.id, r);
  const edgesOf = (id: string, dir: 'in' | 'out') => (dir === 'out' ? out : inn).get(id) ?? [];
  const nodeOf = (id: string) => typeOf.get(id);

  return indexReforms([...reforms].sort(byId), (id) => reformContext(id, edgesOf, nodeOf));
}
