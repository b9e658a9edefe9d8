import type { GraphQLResolveInfo } from 'graphql';
import type { GraphNode } from '../model/types';
import type { Context } from './context';
import { Relation, RELATIONS } from './relations';
import { asksOnlySlim } from './selection';
import { knownWalk, walk } from './walk';

/**
 * A relation's answer for one node. Synchronous when the request already knows every walk (a
 * root resolver prefetched them), so GraphQL resolves the field without a promise.
 */
export function follow(ctx: Context, n: GraphNode, r: Relation, info: GraphQLResolveInfo): GraphNode[] | GraphNode | null | Promise<GraphNode[] | GraphNode | null> {
  const slimOk = !r.readsProps && asksOnlySlim(info);
  if (r.walks.length === 1) {
    // The common case without the arrays of the general one (a field of every node of a long list).
    const one = knownWalk(ctx, n.id, r.walks[0], slimOk);
    if (one) return r.kind === 'one' ? one[0] ?? null : one;
    return walk(ctx, [n.id], r.walks[0]).then((list) => shape(r, [list]));
  }
  const known = r.walks.map((steps) => knownWalk(ctx, n.id, steps, slimOk));
  if (known.every((k): k is GraphNode[] => !!k)) return shape(r, known);
  return Promise.all(r.walks.map((steps) => walk(ctx, [n.id], steps))).then((lists) => shape(r, lists));
}

/** The same, always as a list (resolvers that filter the answer). */
export async function followAll(ctx: Context, n: GraphNode, r: Relation): Promise<GraphNode[]> {
  return (await Promise.all(r.walks.map((steps) => walk(ctx, [n.id], steps)))).flat();
}

function shape(r: Relation, lists: GraphNode[][]): GraphNode[] | GraphNode | null {
  if (r.kind === 'one') return lists[0][0] ?? null;
  if (r.kind === 'list') return lists[0];
  const seen = new Set<string>();
  return lists.flat().filter((n) => !seen.has(n.id) && !!seen.add(n.id));
}

/** Resolvers for every relation field of a GraphQL type. */
export function relationResolvers(typeName: string): Record<string, (n: GraphNode, _: unknown, ctx: Context, info: GraphQLResolveInfo) => unknown> {
  return Object.fromEntries(Object.entries(RELATIONS[typeName] ?? {}).map(([field, r]) => [field, (n: GraphNode, _: unknown, ctx: Context, info: GraphQLResolveInfo) => follow(ctx, n, r, info)]));
}
