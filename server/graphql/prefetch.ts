import { getNamedType, GraphQLResolveInfo } from 'graphql';
import type { GraphNode, NodeType } from '../model/types';
import { Plan, PlannedWalk, Step, stepsKey } from '../store/plan';
import type { Context } from './context';
import { NODE_TYPE_OF, RELATIONS } from './relations';
import { Asked, askedUnder, forEachField, objectTypes, onlySlim } from './selection';
import { compareNames } from '../store/rules/order';

/** Walks one request may plan ahead (each is one pattern comprehension of the statement); the rest resolve as usual. */
const MAX_WALKS = 64;

/**
 * When the store can fetch a plan in one call: plans the walks the selection under this root
 * field will make from these nodes, fetches the nodes and the walks at once, and primes the
 * request's caches, so the nested resolvers answer from memory. Returns the nodes (null for
 * unknown ids), or null when nothing was prefetched (no such store, nothing to plan).
 * `rootsKnown`: the caller has the nodes already (search), so they may come back slim.
 */
export async function prefetch(ctx: Context, ids: readonly string[], info: GraphQLResolveInfo, rootsKnown = false): Promise<Array<GraphNode | null> | null> {
  if (!ctx.store.prefetch || !ids.length) return null;
  const plan = planOf(info);
  if (!plan.walks.length) return null;
  if (rootsKnown) plan.full = false;
  ctx.calls.count++;
  const got = await ctx.store.prefetch(ids, plan);
  // Slim nodes stay out of the node cache: only the walks whose selection asks no more take them.
  for (const n of got.nodes.values()) if (!got.slim.has(n.id)) ctx.nodes.prime(n.id, n);
  ids.forEach((id, i) => got.roots[i] === null && ctx.nodes.prime(id, null));
  for (const [key, byStart] of got.walks) {
    for (const known of byStart.values()) known.nodes.sort(compareNames);
    const into = ctx.walks.get(key);
    if (!into) ctx.walks.set(key, byStart);
    else for (const [from, known] of byStart) into.set(from, known);
  }
  return got.roots;
}

/** The walks of the root field's selection: fields of RELATIONS, through inline fragments, named fragments and aliases. */
export function planOf(info: GraphQLResolveInfo): Plan {
  return planAsked(info, askedUnder(info), false, { walks: 0 });
}

function planAsked(info: GraphQLResolveInfo, asked: Asked[], forceFull: boolean, budget: { walks: number }): Plan {
  // Walks with the same steps are one walk (an alias, the same field under two fragments, two types' fields).
  const byKey = new Map<string, { steps: readonly Step[]; from: Set<NodeType>; next: Asked[]; full: boolean }>();
  forEachField(info.schema, info.fragments, asked, (field, types) => {
    if (!field.selectionSet) return;
    for (const t of types) {
      const relation = RELATIONS[t.name]?.[field.name.value];
      const from = NODE_TYPE_OF.get(t.name);
      if (!relation || !from) continue;
      const next = { selections: field.selectionSet.selections, types: objectTypes(info.schema, getNamedType(t.getFields()[field.name.value].type)) };
      for (const steps of relation.walks) {
        const key = stepsKey(steps);
        let w = byKey.get(key);
        if (!w) byKey.set(key, (w = { steps, from: new Set(), next: [], full: false }));
        w.from.add(from);
        w.next.push(next);
        w.full ||= !!relation.readsProps;
      }
    }
  });
  const walks: PlannedWalk[] = [];
  for (const [key, w] of byKey) {
    if (budget.walks >= MAX_WALKS) break;
    budget.walks++;
    walks.push({ key, steps: w.steps, from: [...w.from], next: planAsked(info, w.next, w.full, budget) });
  }
  return { walks, full: forceFull || !onlySlim(info.schema, info.fragments, asked) };
}
