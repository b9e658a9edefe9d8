// The explorer's only way to the data: POST /graphql. One function per question the UI asks.
import type { NodeType } from '../../server/model/types';

export interface NodeLite {
  id: string;
  type: NodeType;
  name: string;
  nameEn?: string | null;
  aliases?: string[];
  /** Ids of the reports that mention it (for the bureau/year filter). */
  reports?: string[];
}
export interface EdgeLite {
  id: string;
  type: string;
  source: string;
  target: string;
  derived?: string | boolean | null;
  score?: number | null;
  year?: number | null;
  status?: string | null;
}
export interface Graphlet {
  nodes: NodeLite[];
  edges: EdgeLite[];
}
export interface ReportInfo {
  id: string;
  title: string;
  year: number | null;
  agency: { id: string; name: string } | null;
  /** The bureau's province and kind (issue 18's places), when it could be placed. */
  province?: string | null;
  level?: string | null;
}
export interface MentionFull {
  start: number;
  end: number;
  quote: string;
  sentence: string;
  /** Where the sentence starts in the report text. */
  sentenceStart: number;
  /** The page of the original PDF it is on (only where the details query asks). */
  page?: number | null;
  report: ReportInfo;
}
export interface DetailEdge extends EdgeLite {
  sourceNode: NodeLite | null;
  targetNode: NodeLite | null;
}
export interface NodeDetails extends NodeLite {
  /** The proper nouns (pinyin) in nameEn. */
  nameEnProper?: string[];
  degree: number;
  mentions: MentionFull[];
  edges: DetailEdge[];
  // Type-specific fields, present where the type has them.
  status?: string | null;
  year?: number | null;
  section?: string | null;
  agency?: { id: string; name: string } | null;
  value?: number | null;
  unit?: string | null;
  direction?: string | null;
  qualifier?: string | null;
  indicator?: { id: string; name: string } | null;
  title?: string | null;
  publishedOn?: string | null;
  // Where a report came from (its URL or file), when it was retrieved, and the file it was read from.
  source?: string | null;
  retrievedAt?: string | null;
  format?: string | null;
  original?: { name: string; type: string; bytes: number; sha256: string } | null;
  admitted?: boolean | null;
  level?: string | null;
}
export interface Related {
  score: number;
  reform: NodeLite;
  via: NodeLite[];
}
export interface TypeCount {
  type: NodeType;
  count: number;
}

export class ApiError extends Error {}

let inflight = 0;
const listeners = new Set<(busy: boolean) => void>();
export const onBusy = (fn: (busy: boolean) => void): void => void listeners.add(fn);

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return (await gqlVersioned<T>(query, variables)).data;
}

/** The answer and the graph version it holds at least (x-graph-version, server/http/events.ts). */
export async function gqlVersioned<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; version: string | null }> {
  inflight++;
  listeners.forEach((l) => l(true));
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body: { data?: T; errors?: Array<{ message: string }> };
    try {
      body = await res.json();
    } catch {
      throw new ApiError(`the server answered ${res.status} without JSON`);
    }
    if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
    if (!body.data) throw new ApiError(`the server answered ${res.status} without data`);
    return { data: body.data, version: res.headers.get('x-graph-version') };
  } finally {
    inflight--;
    if (!inflight) listeners.forEach((l) => l(false));
  }
}

/** The server's bound on `nodes(ids:)` (LIMITS.first in server/graphql/resolvers.ts). */
export const MAX_IDS = 500;

/**
 * Asks `nodes(ids:)` for many ids, one request per MAX_IDS, two requests at a time; the answer is
 * keyed by id with null for ids the graph does not hold.
 */
async function byIds<T>(ids: string[], name: string, fields: string): Promise<Map<string, T | null>> {
  const out = new Map<string, T | null>();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) chunks.push(ids.slice(i, i + MAX_IDS));
  const run = async (chunk: string[]) => {
    const d = await gql<{ nodes: Array<T | null> }>(`query ${name}($ids: [ID!]!) { nodes(ids: $ids) { ${fields} } }`, { ids: chunk });
    chunk.forEach((id, j) => out.set(id, d.nodes[j] ?? null));
  };
  for (let i = 0; i < chunks.length; i += 2) await Promise.all(chunks.slice(i, i + 2).map(run));
  return out;
}

const LITE = 'id type name nameEn';
// The server answers `reportIds` from the node itself; `mentions { report { id } }` resolved a
// report per mention, and hubs have thousands of mentions.
const LITE_REPORTS = `${LITE} reportIds`;
type Raw = NodeLite & { reportIds?: string[] };

/** A node as the view keeps it: `reportIds` becomes `reports` (for the bureau/year filter). */
export function lite(n: Raw): NodeLite {
  const out: NodeLite = { id: n.id, type: n.type, name: n.name, nameEn: n.nameEn ?? null };
  if (n.aliases) out.aliases = n.aliases;
  if (n.reportIds) out.reports = n.reportIds;
  return out;
}

// ---- start-up -------------------------------------------------------------------------------

export interface Overview {
  stats: { nodes: number; edges: number; reports: number; byType: TypeCount[] };
  reports: ReportInfo[];
  graph: Graphlet;
  agencies: NodeLite[];
  /** The graph version this overview shows (live refresh compares it with /events). */
  version: string | null;
}

/** Bureaus, the reforms their measures implement, and the platforms and units those reforms use: one request. */
export async function overview(): Promise<Overview> {
  type R = Raw & { edges: EdgeLite[]; platforms: Raw[]; units: Raw[] };
  type A = Raw & { reforms: R[]; edges: EdgeLite[] };
  const { data: d, version } = await gqlVersioned<{ stats: Overview['stats']; reports: ReportInfo[]; agencies: A[] }>(`query Overview {
    stats { nodes edges reports byType { type count } }
    reports { id title year agency { id name } province level }
    agencies: search(text: "", types: [AGENCY], first: 500) {
      ${LITE_REPORTS}
      edges(direction: IN, types: ["PART_OF"]) { id type source target }
      ... on Agency { reforms { ${LITE_REPORTS}
        edges(direction: OUT, types: ["USES", "INVOLVES"]) { id type source target }
        platforms { ${LITE_REPORTS} } units { ${LITE_REPORTS} } } }
    }
  }`);
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
  type S = Raw & { mentions: Array<{ report: { id: string; agency: { name: string } | null } | null }> };
  const d = await gql<{ search: S[] }>(
    `query Suggest($text: String!, $first: Int, $types: [NodeType!]) {
      search(text: $text, first: $first, types: $types) { ${LITE} aliases mentions { report { id agency { name } } } }
    }`, { text, first, types: types?.length ? types : null });
  return d.search.map((n) => ({
    ...lite(n),
    reports: [...new Set(n.mentions.map((m) => m.report?.id).filter((x): x is string => !!x))],
    bureaus: [...new Set(n.mentions.map((m) => m.report?.agency?.name).filter((x): x is string => !!x))],
  }));
}

const EDGE_FIELDS = 'id type source target derived score year status';

export async function neighborhood(id: string, depth = 1, types?: NodeType[], limit = 300): Promise<Graphlet> {
  const d = await gql<{ neighborhood: { nodes: Raw[]; edges: EdgeLite[] } }>(
    `query Hood($id: ID!, $depth: Int, $types: [NodeType!], $limit: Int) {
      neighborhood(id: $id, depth: $depth, types: $types, limit: $limit) { nodes { ${LITE_REPORTS} } edges { ${EDGE_FIELDS} } }
    }`, { id, depth, types: types?.length ? types : null, limit });
  return { nodes: d.neighborhood.nodes.map(lite), edges: d.neighborhood.edges };
}

/** The ids as the graph stores them: a link typed in Traditional characters names the Simplified node. */
export async function storedIds(ids: string[]): Promise<string[]> {
  const got = await byIds<{ id: string }>(ids, 'Ids', 'id');
  return ids.map((id) => got.get(id)?.id ?? id);
}

export async function nodesByIds(ids: string[]): Promise<NodeLite[]> {
  const got = await byIds<Raw>(ids, 'Nodes', LITE_REPORTS);
  return ids.map((id) => got.get(id)).filter((n): n is Raw => !!n).map(lite);
}

export async function details(id: string): Promise<NodeDetails | null> {
  const d = await gql<{ node: (NodeDetails & { mentions: MentionFull[] }) | null }>(`query Details($id: ID!) {
    node(id: $id) {
      ${LITE} nameEnProper aliases degree
      mentions { start end quote sentence sentenceStart page report { id title year agency { id name } } }
      edges { ${EDGE_FIELDS} sourceNode { ${LITE} } targetNode { ${LITE} } }
      ... on Measure { status year section agency { id name } }
      ... on Observation { value unit year direction qualifier indicator { id name } agency { id name } }
      ... on Report { title year publishedOn source retrievedAt format original { name type bytes sha256 } agency { id name } }
      ... on Problem { admitted }
      ... on Place { level }
    }
  }`, { id });
  if (!d.node) return null;
  const n = d.node;
  return { ...n, reports: [...new Set(n.mentions.map((m) => m.report.id))] };
}

export async function relatedReforms(id: string, first = 10): Promise<Related[]> {
  const d = await gql<{ relatedReforms: Array<{ score: number; reform: Raw; via: Raw[] }> }>(
    `query Related($id: ID!, $first: Int) { relatedReforms(id: $id, first: $first) { score reform { ${LITE_REPORTS} } via { ${LITE} } } }`, { id, first });
  return d.relatedReforms.map((r) => ({ score: r.score, reform: lite(r.reform), via: r.via.map(lite) }));
}

export interface ReportText extends ReportInfo {
  text: string;
}
const reportCache = new Map<string, Promise<ReportText | null>>();
export function reportText(id: string): Promise<ReportText | null> {
  if (!reportCache.has(id)) {
    const p = gql<{ node: ReportText | null }>(`query Report($id: ID!) { node(id: $id) { id ... on Report { title year text agency { id name } } } }`, { id })
      .then((d) => d.node);
    p.catch(() => reportCache.delete(id));
    reportCache.set(id, p);
  }
  return reportCache.get(id)!;
}

/** Each node's relations (ids only), many nodes per request: the adjacency a path search walks. */
export async function adjacency(ids: string[]): Promise<Map<string, EdgeLite[]>> {
  const got = await byIds<{ edges: EdgeLite[] }>(ids, 'Adjacency', 'edges { id type source target derived }');
  return new Map(ids.map((id) => [id, got.get(id)?.edges ?? []]));
}

/** Every mention of many nodes, for the CSV export. */
export async function mentionsOf(ids: string[]): Promise<Map<string, MentionFull[]>> {
  const got = await byIds<{ mentions: MentionFull[] }>(ids, 'Mentions', 'mentions { start end quote sentence sentenceStart report { id title year agency { id name } } }');
  return new Map(ids.map((id) => [id, got.get(id)?.mentions ?? []]));
}

// ---- compare ----------------------------------------------------------------------------------

/** What a bureau practises: reforms, platforms, units, organisations, documents, principles, indicators, problems. */
export async function practices(agencyIds: string[]): Promise<Array<{ agency: NodeLite; items: NodeLite[] } | null>> {
  type M = { platforms: Raw[]; units: Raw[]; organizations: Raw[]; documents: Raw[]; principles: Raw[] };
  type B = Raw & { reforms: Raw[]; units: Raw[]; problems: Raw[]; measures: M[]; observations: Array<{ indicator: Raw | null }> };
  const got = await byIds<B>(agencyIds, 'Practices', `${LITE_REPORTS} ... on Agency {
      reforms { ${LITE_REPORTS} } units { ${LITE_REPORTS} } problems { ${LITE_REPORTS} }
      measures { platforms { ${LITE_REPORTS} } units { ${LITE_REPORTS} } organizations { ${LITE_REPORTS} } documents { ${LITE_REPORTS} } principles { ${LITE_REPORTS} } }
      observations { indicator { ${LITE_REPORTS} } }
    }`);
  return agencyIds.map((id) => {
    const b = got.get(id);
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
