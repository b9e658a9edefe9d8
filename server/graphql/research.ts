import type { GraphNode, NodeType } from '../model/types';
import type { Context } from './context';
import { PlaceArgs, scopeReports, statedIn } from './places';
import { followAll, relationResolvers } from './relationFields';
import { RELATIONS } from './relations';
import { LIMITS, nodeFields, prop } from './resolvers';
import { inn, observationsOf, walk } from './walk';

/** The resolvers of server/schema/research.graphql: policy-area topics and indicator series. */
export const researchResolvers = {
  Query: {
    topics: async (_: unknown, args: PlaceArgs, ctx: Context) => {
      const scope = await scopeReports(ctx, args);
      const topics = (await ctx.store.search('', ['TOPIC'], LIMITS.first)).map((t) => (scope ? scoped(t, new Set(scope)) : t));
      const sizes = await Promise.all(topics.map((t) => topicCount(t, ctx)));
      return topics.map((t, i) => ({ t, n: sizes[i] })).sort((a, b) => b.n - a.n || (a.t.name < b.t.name ? -1 : 1)).map((x) => x.t);
    },
    indicatorSeries: async (_: unknown, args: PlaceArgs & { id: string }, ctx: Context) => {
      const [ind] = await ctx.nodes.getMany([args.id]);
      if (!ind || ind.type !== 'INDICATOR') return [];
      const scope = await scopeReports(ctx, args);
      const inScope = scope && new Set(scope);
      return (await observationsOf([ind.id], ctx)).filter((o) => !inScope || statedIn(o, inScope)).sort((a, b) => Number(a.props.year ?? 0) - Number(b.props.year ?? 0) || String(a.props.agency) .localeCompare(String(b.props.agency)) || Number(a.props.amount ?? a.props.value) - Number(b.props.amount ?? b.props.value));
    },
  },
  Topic: {
    ...nodeFields,
    ...relationResolvers('Topic'),
    key: prop('key'),
    count: (n: GraphNode, _: unknown, ctx: Context) => topicCount(n, ctx),
    members: async (n: GraphNode, args: { types?: NodeType[] }, ctx: Context) =>
      (await followAll(ctx, n, RELATIONS.Topic.members)).filter((m) => (!args.types?.length || args.types.includes(m.type)) && inTopicScope(n, m)),
    counts: async (n: GraphNode, _: unknown, ctx: Context) => {
      const measures = (await walk(ctx, [n.id], [inn('IN_TOPIC', 'MEASURE')])).filter((m) => inTopicScope(n, m));
      const carried = await ctx.edges.getMany(measures.map((m) => `${m.id}|in`));
      const by = new Map<string, { agency: string; year: number | null; measures: number }>();
      measures.forEach((m, i) => {
        for (const e of carried[i]) {
          if (e.type !== 'CARRIES_OUT') continue;
          const year = typeof m.props.year === 'number' ? m.props.year : null;
          const k = `${e.source}|${year}`;
          const row = by.get(k) ?? { agency: e.source, year, measures: 0 };
          row.measures++;
          by.set(k, row);
        }
      });
      const rows = [...by.values()];
      const agencies = await ctx.nodes.getMany(rows.map((r) => r.agency));
      return rows.map((r, i) => ({ agency: agencies[i], year: r.year, measures: r.measures }))
        // A writer-less report carries its measures itself: it is no agency.
        .filter((r) => r.agency?.type === 'AGENCY')
        .sort((a, b) => a.agency!.name.localeCompare(b.agency!.name) || Number(a.year) - Number(b.year));
    },
  },
};

/**
 * A topic answered for a place filter (topics(province, level)): a copy that carries the
 * reports in scope, so its count, members and counts keep to what those reports state.
 */
type ScopedTopic = GraphNode & { scope?: ReadonlySet<string> };
const scoped = (t: GraphNode, scope: ReadonlySet<string>): ScopedTopic => ({ ...t, scope });
const inTopicScope = (t: ScopedTopic, m: GraphNode) => !t.scope || statedIn(m, t.scope);

async function topicCount(t: ScopedTopic, ctx: Context): Promise<number> {
  const ins = (await ctx.edges.get(`${t.id}|in`)).filter((e) => e.type === 'IN_TOPIC');
  if (!t.scope) return ins.length;
  return (await ctx.nodes.getMany(ins.map((e) => e.source))).filter((m) => m && inTopicScope(t, m)).length;
}
