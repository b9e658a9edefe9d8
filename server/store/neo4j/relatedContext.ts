import type { EdgeType, GraphEdge, GraphNode, NodeType } from '../../model/types';
import { reformContext, ReformContext } from '../related';
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
 * embedded store gives them), and how many reforms share each context node.
 */
export function reformContexts(reforms: GraphNode[], edges: BareEdge[], nodes: Array<{ id: string; type: NodeType }>) {
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

  const contexts = new Map<string, ReformContext>();
  const df = new Map<string, number>();
  for (const r of [...reforms].sort(byId)) {
    const ctx = reformContext(r.id, edgesOf, nodeOf);
    contexts.set(r.id, ctx);
    for (const k of ctx.nodes.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return { contexts, df };
}
