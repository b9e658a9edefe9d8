// The explorer's only way to the data: POST /graphql. One function per question the UI asks.
// The questions are written in web/src/queries/*.graphql; their texts and answer types are
// generated from the schema (scripts/web-types.mjs → generated/graphql.ts), so the types below
// are the answers' own, reshaped only where the view keeps something else.
import type { NodeType } from '../../server/model/types';
import type * as G from './generated/graphql';
import * as Q from './generated/graphql';

/** The schema's NodeType and the model's are one list: a type renamed or added in one alone fails the type check here. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type NodeTypesAgree = Assert<Same<G.NodeType, NodeType>>;
type Assert<T extends true> = T;

type KeysOfUnion<U> = U extends unknown ? keyof U : never;
type ValueIn<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
/** An answer that differs by node type (inline fragments: a union) as one object: the fields every type has, the others optional. */
export type Flat<U> = Pick<U, keyof U> & { [K in Exclude<KeysOfUnion<U>, keyof U>]?: ValueIn<U, K> };
/** Reads such an answer as one object (a type-specific field is absent where the node's type has none). */
export const flat = <U>(u: U): Flat<U> => u as Flat<U>;

/** A node as the view keeps it (graph.ts nodeData): its Lite fields, its aliases and the reports that state it when asked. */
export interface NodeLite extends Omit<G.LiteFragment, 'nameEn'> {
  nameEn?: G.LiteFragment['nameEn'];
  aliases?: string[];
  /** Ids of the reports that mention it (for the bureau/year filter). */
  reports?: string[];
}
/** A relation as the view keeps it: the explorer also draws relations of its own (RUNS, compare's PRACTISES). */
export type EdgeLite = Pick<G.EdgeFieldsFragment, 'id' | 'type' | 'source' | 'target'> & Partial<Pick<G.EdgeFieldsFragment, 'score' | 'year' | 'status'>> & {
  derived?: G.EdgeFieldsFragment['derived'] | boolean;
};
export interface Graphlet {
  nodes: NodeLite[];
  edges: EdgeLite[];
}
/** A report as lists and citations show it; the bureau's province and kind (issue 18's places) where the overview asks. */
export type ReportInfo = G.ReportFieldsFragment & Partial<Pick<G.OverviewQuery['reports'][number], 'province' | 'level'>>;
/** A mention with its sentence and report; the page of the original PDF where the details query asks. */
export type MentionFull = G.MentionFieldsFragment & { page?: number | null };
type DetailsNode = Flat<NonNullable<G.DetailsQuery['node']>>;
export type DetailEdge = DetailsNode['edges'][number];
/** A node's details: its fields (type-specific ones where its type has them), mentions, relations, and the reports that state it. */
export type NodeDetails = DetailsNode & { reports: string[] };
export interface Related {
  score: number;
  reform: NodeLite;
  via: NodeLite[];
}
export type TypeCount = G.OverviewQuery['stats']['byType'][number];

export class ApiError extends Error {}

let inflight = 0;
const listeners = new Set<(busy: boolean) => void>();
export const onBusy = (fn: (busy: boolean) => void): void => void listeners.add(fn);

/** The variables argument: optional where the document has no required variable. */
type Args<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** Asks one of the generated documents (queries/*.graphql): the answer comes typed as the schema says. */
export async function gql<R, V>(doc: G.Document<R, V>, ...variables: Args<V>): Promise<R> {
  return (await gqlVersioned(doc, ...variables)).data;
}

/** The answer and the graph version it holds at least (x-graph-version, server/http/events.ts). */
export function gqlVersioned<R, V>(query: G.Document<R, V>, ...[variables = {} as V]: Args<V>): Promise<{ data: R; version: string | null }> {
  return track(ask(query, variables));
}

/** Counts a request as in flight until it settles (the busy indicator), also one asked before this module ran (boot.ts). */
export function track<T>(request: Promise<T>): Promise<T> {
  inflight++;
  listeners.forEach((l) => l(true));
  return request.finally(() => {
    inflight--;
    if (!inflight) listeners.forEach((l) => l(false));
  });
}

async function ask<R, V>(query: G.Document<R, V>, variables: V): Promise<{ data: R; version: string | null }> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: R; errors?: Array<{ message: string }> };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`the server answered ${res.status} without JSON`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new ApiError(`the server answered ${res.status} without data`);
  return { data: body.data, version: res.headers.get('x-graph-version') };
}

/** The server's bound on `nodes(ids:)` (LIMITS.first in server/graphql/resolvers.ts). */
export const MAX_IDS = 500;

/**
 * Asks `nodes(ids:)` for many ids, one request per MAX_IDS, two requests at a time; the answer is
 * keyed by id with null for ids the graph does not hold.
 */
async function byIds<T>(ids: string[], doc: G.Document<{ nodes: Array<T | null> }, { ids: string[] | string }>): Promise<Map<string, T | null>> {
  const out = new Map<string, T | null>();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) chunks.push(ids.slice(i, i + MAX_IDS));
  const run = async (chunk: string[]) => {
    const d = await gql(doc, { ids: chunk });
    chunk.forEach((id, j) => out.set(id, d.nodes[j] ?? null));
  };
  for (let i = 0; i < chunks.length; i += 2) await Promise.all(chunks.slice(i, i + 2).map(run));
  return out;
}

/** A node as the questions return it: its Lite fields, perhaps its aliases and (LiteReports) its reports' ids. */
type Raw = G.LiteFragment & { aliases?: string[]; reportIds?: string[] };

/** A node as the view keeps it: `reportIds` becomes `reports` (for the bureau/year filter). */
export function lite(n: Raw): NodeLite {
  const out: NodeLite = { id: n.id, type: n.type, name: n.name, nameEn: n.nameEn ?? null };
  if (n.aliases) out.aliases = n.aliases;
  if (n.reportIds) out.reports = n.reportIds;
  return out;
}

// ---- start-up -------------------------------------------------------------------------------

export interface Overview {
  stats: G.OverviewQuery['stats'];
  reports: ReportInfo[];
  graph: Graphlet;
  agencies: NodeLite[];
  /** The graph version this overview shows (live refresh compares it with /events). */
  version: string | null;
}

/** The overview's answer as the server sends it (boot.ts asks for it before the bundle has loaded). */
export type OverviewAnswer = { data: G.OverviewQuery; version: string | null };
export const askOverview = (): Promise<OverviewAnswer> => ask(Q.OverviewDocument, {});

/** Bureaus, the reforms their measures implement, and the platforms and units those reforms use: one request (or the one already asked). */
export async function overview(asked: Promise<OverviewAnswer> = askOverview()): Promise<Overview> {
  const { data, version } = await track(asked);
  const d = { ...data, agencies: data.agencies.map(flat) };
  const nodes = new Map<string, NodeLite>();
  const edges = new Map<string, EdgeLite>();
  for (const a of d.agencies) {
    nodes.set(a.id, lite(a));
    for (const r of a.reforms ?? []) {
      nodes.set(r.id, lite(r));
      edges.set(`RUNS:${a.id}->${r.id}`, { id: `RUNS:${a.id}->${r.id}`, type: 'RUNS', source: a.id, target: r.id, derived: 'through measures' });
      for (const x of [...r.platforms, ...r.units]) nodes.set(x.id, lite(x));
      for (const e of r.edges) edges.set(e.id, e);
    }
  }
  for (const a of d.agencies) for (const e of a.edges) edges.set(e.id, e);
  const graph = { nodes: [...nodes.values()], edges: [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)) };
  return { stats: d.stats, reports: d.reports, graph, agencies: d.agencies.map(lite), version };
}

// ---- search, neighbourhoods, details ----------------------------------------------------------

export interface Suggestion extends NodeLite {
  bureaus: string[];
}

export async function suggest(text: string, first = 12, types?: NodeType[]): Promise<Suggestion[]> {
  // Suggestions name the bureaus whose reports state them: that needs each mention's report.
  const d = await gql(Q.SuggestDocument, { text, first, types: types?.length ? types : null });
  return d.search.map((n) => ({
    ...lite(n),
    reports: [...new Set(n.mentions.map((m) => m.report?.id).filter((x): x is string => !!x))],
    bureaus: [...new Set(n.mentions.map((m) => m.report?.agency?.name).filter((x): x is string => !!x))],
  }));
}

export async function neighborhood(id: string, depth = 1, types?: NodeType[], limit = 300): Promise<Graphlet> {
  const d = await gql(Q.HoodDocument, { id, depth, types: types?.length ? types : null, limit });
  return { nodes: d.neighborhood.nodes.map(lite), edges: d.neighborhood.edges };
}

/** The ids as the graph stores them: a link typed in Traditional characters names the Simplified node. */
export async function storedIds(ids: string[]): Promise<string[]> {
  const got = await byIds(ids, Q.IdsDocument);
  return ids.map((id) => got.get(id)?.id ?? id);
}

export async function nodesByIds(ids: string[]): Promise<NodeLite[]> {
  const got = await byIds(ids, Q.NodesDocument);
  return ids.map((id) => got.get(id)).filter((n) => !!n).map(lite);
}

export async function details(id: string): Promise<NodeDetails | null> {
  const d = await gql(Q.DetailsDocument, { id });
  if (!d.node) return null;
  const n: DetailsNode = d.node;
  return { ...n, reports: [...new Set(n.mentions.map((m) => m.report.id))] };
}

export async function relatedReforms(id: string, first = 10): Promise<Related[]> {
  const d = await gql(Q.RelatedDocument, { id, first });
  return d.relatedReforms.map((r) => ({ score: r.score, reform: lite(r.reform), via: r.via.map(lite) }));
}

/** A report with its stored text (what every mention's offsets refer to). */
export type ReportText = Extract<NonNullable<G.ReportQuery['node']>, { text: string }>;
const reportCache = new Map<string, Promise<ReportText | null>>();
export function reportText(id: string): Promise<ReportText | null> {
  if (!reportCache.has(id)) {
    const p = gql(Q.ReportDocument, { id }).then((d) => (d.node && 'text' in d.node ? d.node : null));
    p.catch(() => reportCache.delete(id));
    reportCache.set(id, p);
  }
  return reportCache.get(id)!;
}

/** Each node's relations (ids only), many nodes per request: the adjacency a path search walks. */
export async function adjacency(ids: string[]): Promise<Map<string, EdgeLite[]>> {
  const got = await byIds(ids, Q.AdjacencyDocument);
  return new Map(ids.map((id) => [id, got.get(id)?.edges ?? []]));
}

/** Every mention of many nodes, for the CSV export. */
export async function mentionsOf(ids: string[]): Promise<Map<string, MentionFull[]>> {
  const got = await byIds(ids, Q.MentionsDocument);
  return new Map(ids.map((id) => [id, got.get(id)?.mentions ?? []]));
}

// ---- compare ----------------------------------------------------------------------------------

/** What a bureau practises: reforms, platforms, units, organisations, documents, principles, indicators, problems. */
export async function practices(agencyIds: string[]): Promise<Array<{ agency: NodeLite; items: NodeLite[] } | null>> {
  const got = await byIds(agencyIds, Q.PracticesDocument);
  return agencyIds.map((id) => {
    const found = got.get(id);
    const b = found && flat(found);
    if (!b) return null;
    const items = new Map<string, NodeLite>();
    const add = (xs: Array<Raw | null>) => xs.forEach((x) => x && items.set(x.id, lite(x)));
    add(b.reforms ?? []);
    add(b.units ?? []);
    add(b.problems ?? []);
    for (const m of b.measures ?? []) [m.platforms, m.units, m.organizations, m.documents, m.principles].forEach(add);
    add((b.observations ?? []).map((o) => o.indicator));
    return { agency: lite(b), items: [...items.values()] };
  });
}
