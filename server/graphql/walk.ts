import type { EdgeType, GraphNode, NodeType } from '../model/types';
import { Step, stepsKey } from '../store/plan';
import { compareNames } from '../store/rules/order';
import type { Context } from './context';

export type { Step };

/**
 * A walk from one node that the request already knows (a root resolver prefetched it), or
 * undefined. Slim answers (nodes with only id, type and name) only for a caller that asks
 * nothing else of them.
 */
export function knownWalk(ctx: Context, from: string, steps: readonly Step[], slimOk = false): GraphNode[] | undefined {
  const known = ctx.walks.get(stepsKey(steps))?.get(from);
  return known && (slimOk || !known.slim) ? known.nodes : undefined;
}

/** Follows a path of relations from some nodes, one batched store call per step (none when prefetched). */
export async function walk(ctx: Context, from: readonly string[], steps: readonly Step[]): Promise<GraphNode[]> {
  if (from.length === 1) {
    const known = knownWalk(ctx, from[0], steps);
    if (known) return [...known];
  }
  let ids = [...new Set(from)];
  let nodes: GraphNode[] = [];
  for (const step of steps) {
    const lists = await ctx.edges.getMany(ids.map((id) => `${id}|${step.dir}`));
    const next = new Set<string>();
    for (const list of lists) for (const e of list) if (step.types.includes(e.type)) next.add(step.dir === 'out' ? e.target : e.source);
    nodes = (await ctx.nodes.getMany([...next])).filter((n): n is GraphNode => !!n && (!step.to || step.to.includes(n.type)));
    ids = nodes.map((n) => n.id);
  }
  return nodes.sort(compareNames);
}

export const out = (types: EdgeType | EdgeType[], to?: NodeType | NodeType[]): Step => ({ dir: 'out', types: ([] as EdgeType[]).concat(types), to: to === undefined ? undefined : ([] as NodeType[]).concat(to) });
export const inn = (types: EdgeType | EdgeType[], to?: NodeType | NodeType[]): Step => ({ dir: 'in', types: ([] as EdgeType[]).concat(types), to: to === undefined ? undefined : ([] as NodeType[]).concat(to) });

/** The observations of indicators and of their variants (PART_OF them). */
export const observationsOf = async (ids: string[], ctx: Context) => {
  const variants = await walk(ctx, ids, [inn('PART_OF', 'INDICATOR')]);
  return walk(ctx, [...ids, ...variants.map((v) => v.id)], [inn('OF', 'OBSERVATION')]);
};
