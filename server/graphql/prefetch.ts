import { type FieldNode, getNamedType, GraphQLResolveInfo } from 'graphql';
import type { GraphNode, NodeType } from '../model/types';
import { Plan, PlannedWalk, Step, stepsKey } from '../store/plan';
import type { Context } from './context';
import { NODE_TYPE_OF, RELATIONS } from './relations';
import { Asked, askedUnder, asksNoMentions, asksReportIds, FieldMemo, forEachField, objectTypes, onlySlim, perField } from './selection';
import { SENTENCE_STOPS } from '../store/rules/sentences';
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
  const plan = rootPlan(info, rootsKnown);
  if (!plan) return null;
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
  for (const [id, { out, in: inn }] of got.edges ?? []) {
    ctx.edges.prime(`${id}|out`, out);
    ctx.edges.prime(`${id}|in`, inn);
  }
  for (const [id, n] of got.ends ?? []) ctx.ends.set(id, n);
  for (const [key, s] of got.snippets ?? []) ctx.snippets.set(key, s);
  return got.roots;
}

/**
 * The plan of a root field (`perField`: the Neo4j store keeps its statement per plan), null when
 * there is nothing to plan. Never changed after it is made.
 */
function rootPlan(info: GraphQLResolveInfo, rootsKnown: boolean): Plan | null {
  return perField(rootsKnown ? knownPlans : unknownPlans, info, () => {
    const plan = planOf(info);
    // The roots' edges and mentions are planned only when the store sends the roots too.
    if (!rootsKnown) Object.assign(plan, rootExtras(info));
    if (rootsKnown) plan.full = false;
    return !plan.walks.length && !plan.edges && !plan.snippets && !plan.mentionReports ? null : plan;
  });
}

const knownPlans: FieldMemo<Plan | null> = new WeakMap();
const unknownPlans: FieldMemo<Plan | null> = new WeakMap();

/**
 * What the root field's selection asks of the roots' edges and mentions (Plan.edges, snippets,
 * mentionReports): the edges when `edges` or `degree` is asked, their other ends light when
 * no sourceNode / targetNode asks more than asksNoMentions allows (and no report ids); the
 * text around each mention when quote, sentence or sentenceStart is; the reports and their
 * walks when report, page or endPage is.
 */
function rootExtras(info: GraphQLResolveInfo): Pick<Plan, 'edges' | 'snippets' | 'mentionReports'> {
  const { schema, fragments } = info;
  const extras: Pick<Plan, 'edges' | 'snippets' | 'mentionReports'> = {};
  const ends: Asked[] = [];
  const reports: Asked[] = [];
  let reportsAsked = false;
  const under = (field: FieldNode, typeName: string): Asked[] => [{ selections: field.selectionSet?.selections ?? [], types: objectTypes(schema, schema.getType(typeName)) }];
  forEachField(schema, fragments, askedUnder(info), (field, types) => {
    if (!types.some((t) => NODE_TYPE_OF.has(t.name))) return;
    const name = field.name.value;
    if (name === 'degree' || name === 'edges') extras.edges ??= { ends: 'light' };
    if (name === 'edges') {
      forEachField(schema, fragments, under(field, 'Edge'), (f) => {
        if (f.name.value === 'sourceNode' || f.name.value === 'targetNode') ends.push(...under(f, 'Node'));
      });
    }
    if (name === 'mentions') {
      forEachField(schema, fragments, under(field, 'Mention'), (f) => {
        const m = f.name.value;
        if (m === 'quote' || m === 'sentence' || m === 'sentenceStart') extras.snippets = { stops: SENTENCE_STOPS };
        if (m === 'report' || m === 'page' || m === 'endPage') reportsAsked = true;
        if (m === 'report') reports.push(...under(f, 'Report'));
      });
    }
  });
  if (extras.edges && ends.length && !(asksNoMentions(info, ends) && !asksReportIds(info, ends))) extras.edges.ends = 'full';
  if (reportsAsked) extras.mentionReports = { ...planAsked(info, reports, true, { walks: 0 }), full: true };
  return extras;
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
