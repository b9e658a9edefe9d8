import type { EdgeType, GraphNode, NodeType } from '../model/types';
import type { Context } from './context';

export interface Step {
  dir: 'out' | 'in';
  types: readonly EdgeType[];
  /** Keep only nodes of these types after this step. */
  to?: readonly NodeType[];
}

/** Follows a path of relations from some nodes, one batched store call per step. */
export async function walk(ctx: Context, from: readonly string[], steps: readonly Step[]): Promise<GraphNode[]> {
  let ids = [...new Set(from)];
  let nodes: GraphNode[] = [];
  for (const step of steps) {
    const lists = await ctx.edges.getMany(ids.map((id) => `${id}|${step.dir}`));
    const next = new Set<string>();
    for (const list of lists) for (const e of list) if (step.types.includes(e.type)) next.add(step.dir === 'out' ? e.target : e.source);
    nodes = (await ctx.nodes.getMany([...next])).filter((n): n is GraphNode => !!n && (!step.to || step.to.includes(n.type)));
    ids = nodes.map((n) => n.id);
  }
  return nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

export const out = (types: EdgeType | EdgeType[], to?: NodeType | NodeType[]): Step => ({ dir: 'out', types: ([] as EdgeType[]).concat(types), to: to === undefined ? undefined : ([] as NodeType[]).concat(to) });
export const inn = (types: EdgeType | EdgeType[], to?: NodeType | NodeType[]): Step => ({ dir: 'in', types: ([] as EdgeType[]).concat(types), to: to === undefined ? undefined : ([] as NodeType[]).concat(to) });
