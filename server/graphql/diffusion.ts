import { GraphQLError } from 'graphql';
import type { GraphNode, MentionRef } from '../model/types';
import { AdoptionRow, adoptionsOf, diffusionOf, plannedSpans, PRACTICE_TYPES, ReportInfo, sortAdoptions } from '../research/adoptions';
import { citedReport, citeQuote, citeReport, CitationStyle } from '../research/citation';
import type { Context } from './context';
import { PlaceArgs, scopeReports } from './places';

/**
 * Adoptions, diffusion and citations over GraphQL, from the request's batched loaders only, so
 * they answer the same on the embedded store and on Neo4j: the practice, the reports that
 * state it and their writers (PUBLISHED_BY), and the planned measures around it.
 */
async function adoptionRows(ctx: Context, id: string, place: PlaceArgs): Promise<AdoptionRow[]> {
  const scope = await scopeReports(ctx, place);
  const practice = await ctx.nodes.get(id);
  if (!practice) return [];
  if (!PRACTICE_TYPES.includes(practice.type)) {
    throw new GraphQLError(`adoptions are of a practice (${PRACTICE_TYPES.join(', ')}), not of a ${practice.type}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const inScope = scope ? new Set(scope) : undefined;
  const reportIds = [...new Set(practice.mentions.map((m) => m.reportId))].filter((r) => !inScope || inScope.has(r));
  const [reports, published, around] = await Promise.all([
    ctx.nodes.getMany(reportIds),
    ctx.edges.getMany(reportIds.map((r) => `${r}|out`)),
    ctx.edges.get(`${id}|in`),
  ]);
  const info = new Map<string, ReportInfo>();
  reportIds.forEach((r, i) => {
    const writer = published[i].find((e) => e.type === 'PUBLISHED_BY')?.target;
    const year = reports[i]?.props.year;
    info.set(r, { year: typeof year === 'number' ? year : null, agency: writer });
  });
  const measures = await ctx.nodes.getMany([...new Set(around.map((e) => e.source).filter((s) => s.startsWith('measure:')))]);
  return sortAdoptions(adoptionsOf(practice, info, plannedSpans(measures)));
}

const citeStyle = (s?: string): CitationStyle => (s === 'APA' ? 'APA' : 'GBT7714');

export const diffusionResolvers = {
  Query: {
    adoptions: async (_: unknown, args: PlaceArgs & { id: string; status?: string | null }, ctx: Context) =>
      (await adoptionRows(ctx, args.id, args)).filter((r) => !args.status || r.status === args.status),
    diffusion: async (_: unknown, args: PlaceArgs & { id: string }, ctx: Context) => diffusionOf(await adoptionRows(ctx, args.id, args)),
  },
  Adoption: {
    agency: (r: AdoptionRow, _: unknown, ctx: Context) => ctx.nodes.get(r.agency),
    quote: async (r: AdoptionRow, _: unknown, ctx: Context) => ((await ctx.texts.get(r.mention.reportId)) ?? '').slice(r.mention.start, r.mention.end),
    mention: (r: AdoptionRow) => r.mention,
  },
  DiffusionYear: {
    newAdopters: async (r: { newAdopters: string[] }, _: unknown, ctx: Context) => (await ctx.nodes.getMany(r.newAdopters)).filter((n): n is GraphNode => !!n),
  },
  Report: {
    divisionCode: (n: GraphNode) => n.props.divisionCode ?? null,
    province: (n: GraphNode) => n.props.province ?? null,
    level: (n: GraphNode) => n.props.level ?? null,
    retrievedAt: (n: GraphNode) => n.props.retrievedAt ?? null,
    citation: (n: GraphNode, args: { style?: string }) => citeReport(citedReport(n.props, n.name), citeStyle(args.style)),
  },
  Mention: {
    citation: async (m: MentionRef, args: { style?: string }, ctx: Context) => {
      const [report, text] = await Promise.all([ctx.nodes.get(m.reportId), ctx.texts.get(m.reportId)]);
      const cited = report ? citedReport(report.props, report.name) : { title: m.reportId };
      return citeQuote(cited, (text ?? '').slice(m.start, m.end), m.start, m.end, citeStyle(args.style));
    },
  },
  Agency: {
    divisionCode: (n: GraphNode) => n.props.divisionCode ?? null,
    province: (n: GraphNode) => n.props.province ?? null,
    prefecture: (n: GraphNode) => n.props.prefecture ?? null,
    county: (n: GraphNode) => n.props.county ?? null,
    level: (n: GraphNode) => n.props.level ?? null,
  },
  Place: {
    divisionCode: (n: GraphNode) => n.props.divisionCode ?? null,
  },
};
