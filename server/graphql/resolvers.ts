import { GraphQLError } from 'graphql';
import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, RelatedReform } from '../model/types';
import { TYPE_NAMES } from '../model/types';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from './context';
import { history } from './curation';
import { prefetch } from './prefetch';
import { followAll, relationResolvers } from './relationFields';
import { simplifiedId } from '../store/search';
import { sharedWording } from '../store/related';
import { RELATIONS } from './relations';
import { observationsOf } from './walk';
import { originalOf, pageOf } from '../ingest/formats/provenance';
import { PlaceArgs, scopeReports } from './places';
import { lightReportIds } from '../store/store';
import { askedUnder, asksLightOnly, asksNoMentions, FieldMemo, forEachField, objectTypes, perField } from './selection';
import { isSentenceStop } from '../store/rules/sentences';
import { snippetKey } from '../store/plan';
import { plainRead } from './budget';

export const LIMITS = { first: 500, depth: 3, neighborhood: 5000, text: 200 };

export function badArg(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function intIn(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw badArg(`${name} must be an integer from ${min} to ${max}, not ${v}`);
  return v;
}

/**
 * Ids as stored: one typed in Traditional characters (a shared link, a researcher in Taiwan or
 * Hong Kong) is read as its Simplified form when only that exists. An id that Simplified leaves
 * unchanged costs no lookup, so the common case adds no round trip to Neo4j.
 */
async function storedIds(ctx: Context, ids: string[]): Promise<string[]> {
  const alt = ids.map(simplifiedId);
  const differ = ids.filter((id, i) => alt[i] !== id);
  if (!differ.length) return ids;
  const found = new Set((await ctx.nodes.getMany(differ)).filter((n): n is GraphNode => !!n).map((n) => n.id));
  return ids.map((id, i) => (alt[i] === id || found.has(id) ? id : alt[i]));
}

export const prop = (key: string) => plainRead((n: GraphNode | GraphEdge) => n.props[key] ?? null);

// A hub's report list is asked for by every view it appears in; its mentions (tens of thousands
// at scale) only change when a write appends to or replaces the list.
const reportIdsOf = new WeakMap<MentionRef[], { n: number; ids: string[] }>();
function reportIds(n: GraphNode): readonly string[] {
  const light = lightReportIds.get(n);
  if (light) return light;
  if (n.mentions.length <= 64) return fewReportIds(n.mentions);
  const hit = reportIdsOf.get(n.mentions);
  if (hit && hit.n === n.mentions.length) return hit.ids;
  const ids: string[] = [];
  const seen = new Set<string>();
  let last: string | undefined;
  for (const m of n.mentions) {
    // A report's mentions come together: most repeats are the one just seen.
    if (m.reportId === last || seen.has(m.reportId)) continue;
    last = m.reportId;
    seen.add(last);
    ids.push(last);
  }
  reportIdsOf.set(n.mentions, { n: n.mentions.length, ids });
  return ids;
}

/** The same for a short list (most nodes): a scan of the few ids found so far costs less than a Set. */
function fewReportIds(mentions: readonly MentionRef[]): string[] {
  const ids: string[] = [];
  let last: string | undefined;
  for (const m of mentions) {
    if (m.reportId === last) continue;
    last = m.reportId;
    if (!ids.includes(last)) ids.push(last);
  }
  return ids;
}

export const nodeFields = {
  nameEn: prop('nameEn'),
  // Stored as one string (props are scalars), the nouns joined by |.
  nameEnProper: (n: GraphNode) => (typeof n.props.nameEnProper === 'string' && n.props.nameEnProper ? n.props.nameEnProper.split('|') : []),
  history,
  reportIds,
  mentions: (n: GraphNode | GraphEdge) => n.mentions,
  edges: async (n: GraphNode, args: { direction: 'OUT' | 'IN' | 'BOTH'; types?: string[] }, ctx: Context) => {
    const dirs = args.direction === 'BOTH' ? ['out', 'in'] : [args.direction.toLowerCase()];
    const lists = await ctx.edges.getMany(dirs.map((d) => `${n.id}|${d}`));
    return lists.flat().filter((e) => !args.types?.length || args.types.includes(e.type));
  },
  degree: async (n: GraphNode, _: unknown, ctx: Context) => (await ctx.edges.getMany([`${n.id}|out`, `${n.id}|in`])).reduce((s, l) => s + l.length, 0),
};

/** Where a quote stands: the sentence around it, for reading it in context. */
export function sentenceAround(text: string, start: number, end: number): string {
  const at = sentenceSpan(text, start, end);
  return text.slice(at.start, at.end);
}

/** The offsets of the sentence around a quote (blank ends left out). */
export function sentenceSpan(text: string, start: number, end: number): { start: number; end: number } {
  const isStop = isSentenceStop;
  let a = start;
  while (a > 0 && !isStop(text[a - 1])) a--;
  let b = end;
  if (!isStop(text[end - 1])) {
    while (b < text.length && !isStop(text[b])) b++;
    if (b < text.length && text[b] !== '\n') b++;
  }
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return { start: a, end: b };
}

export const resolvers = {
  Query: {
    search: async (_: unknown, args: PlaceArgs & { text: string; types?: NodeType[]; first: number; topics?: string[] }, ctx: Context, info: GraphQLResolveInfo) => {
      if (args.text.length > LIMITS.text) throw badArg(`search text is limited to ${LIMITS.text} characters`);
      const first = intIn('first', args.first, 1, LIMITS.first);
      const found = await ctx.store.search(args.text, args.types ?? undefined, first, args.topics ?? undefined, await scopeReports(ctx, args), asksLightOnly(info) ? 'bare' : asksNoMentions(info));
      await prefetch(ctx, found.map((n) => n.id), info, true);
      return found;
    },
    node: async (_: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
      const [id] = await storedIds(ctx, [args.id]);
      const roots = await prefetch(ctx, [id], info);
      return roots ? roots[0] : ctx.nodes.get(id);
    },
    nodes: async (_: unknown, args: { ids: string[] }, ctx: Context, info: GraphQLResolveInfo) => {
      if (args.ids.length > LIMITS.first) throw badArg(`nodes takes at most ${LIMITS.first} ids, not ${args.ids.length}`);
      const ids = await storedIds(ctx, args.ids);
      return (await prefetch(ctx, ids, info)) ?? ctx.nodes.getMany(ids);
    },
    neighborhood: async (_: unknown, args: PlaceArgs & { id: string; depth: number; types?: NodeType[]; limit: number; topics?: string[] }, ctx: Context, info: GraphQLResolveInfo) => {
      const depth = intIn('depth', args.depth, 1, LIMITS.depth);
      const limit = intIn('limit', args.limit, 1, LIMITS.neighborhood);
      return (await ctx.store.neighborhood(args.id, depth, args.types ?? undefined, limit, args.topics ?? undefined, await scopeReports(ctx, args), nodesAskNoMentions(info))) ?? { nodes: [], edges: [] };
    },
    relatedReforms: async (_: unknown, args: { id: string; first: number }, ctx: Context) => {
      const found = await ctx.store.relatedReforms(args.id, intIn('first', args.first, 1, 100));
      return withTarget(args.id, found ?? []);
    },
    reports: async (_: unknown, args: PlaceArgs, ctx: Context) => {
      const scope = await scopeReports(ctx, args);
      const all = await ctx.store.reports();
      return scope ? all.filter((r) => scope.includes(r.id)) : all;
    },
    stats: (_: unknown, __: unknown, ctx: Context) => ctx.store.stats(),
  },
  Node: {
    __resolveType: (n: GraphNode) => TYPE_NAMES[n.type],
  },
  Mention: {
    report: async (m: MentionRef, _: unknown, ctx: Context) => ctx.nodes.get(m.reportId),
    // From the text around the quote when the root resolver prefetched it, else from the whole text.
    quote: async (m: MentionRef, _: unknown, ctx: Context) => {
      const s = ctx.snippets.get(snippetKey(m.reportId, m.start, m.end));
      return s ? s.text.slice(m.start - s.at, m.end - s.at) : ((await ctx.texts.get(m.reportId)) ?? '').slice(m.start, m.end);
    },
    sentence: async (m: MentionRef, _: unknown, ctx: Context) => {
      const s = ctx.snippets.get(snippetKey(m.reportId, m.start, m.end));
      return s ? sentenceAround(s.text, m.start - s.at, m.end - s.at) : sentenceAround((await ctx.texts.get(m.reportId)) ?? '', m.start, m.end);
    },
    sentenceStart: async (m: MentionRef, _: unknown, ctx: Context) => {
      const s = ctx.snippets.get(snippetKey(m.reportId, m.start, m.end));
      return s ? s.at + sentenceSpan(s.text, m.start - s.at, m.end - s.at).start : sentenceSpan((await ctx.texts.get(m.reportId)) ?? '', m.start, m.end).start;
    },
    page: async (m: MentionRef, _: unknown, ctx: Context) => pageOf((await ctx.nodes.get(m.reportId))?.props ?? {}, m.start),
    endPage: async (m: MentionRef, _: unknown, ctx: Context) => pageOf((await ctx.nodes.get(m.reportId))?.props ?? {}, Math.max(m.start, m.end - 1)),
  },
  Edge: {
    // A light end (prefetched without mentions) only where the field asks nothing that needs them.
    sourceNode: (e: GraphEdge, _: unknown, ctx: Context, info: GraphQLResolveInfo) => lightEnd(ctx, e.source, info) ?? ctx.nodes.get(e.source),
    targetNode: (e: GraphEdge, _: unknown, ctx: Context, info: GraphQLResolveInfo) => lightEnd(ctx, e.target, info) ?? ctx.nodes.get(e.target),
    mentions: (e: GraphEdge) => e.mentions,
    year: prop('year'),
    status: prop('status'),
    derived: prop('derived'),
    score: prop('score'),
  },
  RelatedReform: {
    // The reform asked about is read only when its shared wording is asked for (one batched read).
    sharedWords: async (r: RelatedReform & { targetId: string }, _: unknown, ctx: Context) => {
      const target = await ctx.nodes.get(r.targetId);
      return target ? sharedWording(target, r.reform) : [];
    },
  },
  Report: {
    ...nodeFields,
    ...relationResolvers('Report'),
    title: (n: GraphNode) => n.props.title ?? n.name,
    year: prop('year'),
    publishedOn: prop('publishedOn'),
    source: prop('source'),
    retrievedAt: prop('retrievedAt'),
    format: prop('format'),
    original: (n: GraphNode) => originalOf(n.props),
    text: async (n: GraphNode, _: unknown, ctx: Context) => (await ctx.texts.get(n.id)) ?? '',
    nodes: async (n: GraphNode, args: { types?: NodeType[] }, ctx: Context) => {
      // Batched: one store call however many reports ask.
      return (await ctx.reportNodes.get(n.id)).filter((x) => !args.types?.length || args.types.includes(x.type));
    },
  },
  Agency: {
    ...nodeFields,
    ...relationResolvers('Agency'),
    measures: async (n: GraphNode, args: { status?: string; year?: number }, ctx: Context) =>
      (await followAll(ctx, n, RELATIONS.Agency.measures)).filter((m) => (!args.status || m.props.status === args.status) && (args.year == null || m.props.year === args.year)),
  },
  Place: {
    ...nodeFields,
    ...relationResolvers('Place'),
    level: prop('level'),
  },
  Reform: {
    ...nodeFields,
    ...relationResolvers('Reform'),
    related: async (n: GraphNode, args: { first: number }, ctx: Context) => withTarget(n.id, (await ctx.related.get(`${intIn('first', args.first, 1, 100)}|${n.id}`)) ?? []),
  },
  Measure: {
    ...nodeFields,
    ...relationResolvers('Measure'),
    status: prop('status'),
    year: prop('year'),
    section: prop('section'),
  },
  Platform: {
    ...nodeFields,
    ...relationResolvers('Platform'),
  },
  Unit: {
    ...nodeFields,
    ...relationResolvers('Unit'),
  },
  Organization: {
    ...nodeFields,
    ...relationResolvers('Organization'),
  },
  Indicator: {
    ...nodeFields,
    ...relationResolvers('Indicator'),
    observations: async (n: GraphNode, _: unknown, ctx: Context) => (await observationsOf([n.id], ctx)).sort((a, b) => Number(a.props.year ?? 0) - Number(b.props.year ?? 0) || (a.name < b.name ? -1 : 1)),
  },
  Observation: {
    ...nodeFields,
    ...relationResolvers('Observation'),
    value: prop('value'),
    unit: prop('unit'),
    year: prop('year'),
    direction: prop('direction'),
    change: prop('change'),
    qualifier: prop('qualifier'),
    amount: (n: GraphNode) => n.props.amount ?? n.props.value ?? null,
    baseUnit: (n: GraphNode) => n.props.baseUnit ?? n.props.unit ?? null,
    kind: (n: GraphNode) => n.props.kind ?? 'quantity',
  },
  Problem: {
    ...nodeFields,
    ...relationResolvers('Problem'),
    admitted: (n: GraphNode) => n.props.admitted === true,
  },
  PolicyDocument: {
    ...nodeFields,
    ...relationResolvers('PolicyDocument'),
  },
  Principle: {
    ...nodeFields,
    ...relationResolvers('Principle'),
  },
};

function lightEnd(ctx: Context, id: string, info: GraphQLResolveInfo): GraphNode | undefined {
  const end = ctx.ends.get(id);
  return end && asksLightOnly(info) ? end : undefined;
}

const noMentionsByField: FieldMemo<boolean> = new WeakMap();

/** Whether a neighbourhood's selection asks nothing of its nodes' mentions but their report ids, nor its edges' mentions (`perField`). */
function nodesAskNoMentions(info: GraphQLResolveInfo): boolean {
  return perField(noMentionsByField, info, () => selectionAsksNoMentions(info));
}

function selectionAsksNoMentions(info: GraphQLResolveInfo): boolean {
  const asked: ReturnType<typeof askedUnder> = [];
  let edgeMentions = false;
  forEachField(info.schema, info.fragments, askedUnder(info), (field, types) => {
    if (!field.selectionSet) return;
    const under = types.map((t) => ({ selections: field.selectionSet!.selections, types: objectTypes(info.schema, getNamedType(t.getFields()[field.name.value].type)) }));
    if (field.name.value === 'nodes') asked.push(...under);
    else forEachField(info.schema, info.fragments, under, (f) => (edgeMentions ||= f.name.value === 'mentions'));
  });
  return !edgeMentions && asksNoMentions(info, asked);
}

/** Related reforms with the reform they were asked for, so each can say which words they share. */
const withTarget = (targetId: string, list: RelatedReform[]) => list.map((r) => ({ ...r, targetId }));


export type { EdgeType };
