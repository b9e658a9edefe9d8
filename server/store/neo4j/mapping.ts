import { TYPE_NAMES, type EdgeType, type GraphEdge, type GraphNode, type MentionRef, type NodeType, type PropValue } from '../../model/types';
import { nodeKey } from '../search';
import { int } from './driver';
import { lightReportIds } from '../store';
import { type Snippet, snippetOf } from '../rules/sentences';
import { snippetKey } from '../plan';

/** The label of a node type, its GraphQL type name: POLICY_DOCUMENT → PolicyDocument (every node also has :Node). */
export function labelOf(type: NodeType): string {
  return TYPE_NAMES[type];
}

/** A node as Cypher returns it (get_nodes' map projection). */
export interface NodeRow {
  id: string;
  type: NodeType;
  name: string;
  aliases: string[] | null;
  props_json: string | null;
  mReport: string[] | null;
  mStart: number[] | null;
  mEnd: number[] | null;
}

export interface EdgeRow {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  props_json: string | null;
  mReport: string[] | null;
  mStart: number[] | null;
  mEnd: number[] | null;
}

/** Mentions from their three parallel lists. */
export function mentionsOf(reports: string[] | null | undefined, starts: number[] | null | undefined, ends: number[] | null | undefined): MentionRef[] {
  if (!reports?.length) return [];
  const out: MentionRef[] = new Array(reports.length);
  for (let i = 0; i < reports.length; i++) out[i] = { reportId: reports[i], start: Number(starts![i]), end: Number(ends![i]) };
  return out;
}

export function propsOf(json: string | null | undefined): Record<string, PropValue> {
  return json ? (JSON.parse(json) as Record<string, PropValue>) : {};
}

export function toNode(r: NodeRow): GraphNode {
  return { id: r.id, type: r.type, name: r.name, aliases: r.aliases ?? [], mentions: mentionsOf(r.mReport, r.mStart, r.mEnd), props: propsOf(r.props_json) };
}

/**
 * A node as a statement sends it as a list (prefetch.cypher): [id, type, name, aliases,
 * props_json, mReport, mStart, mEnd], the mention lists left out where none are asked.
 */
export type NodeList = [string, NodeType, string, (string[] | null)?, (string | null)?, (string[] | null)?, (number[] | null)?, (number[] | null)?];

export function nodeOfList(r: NodeList): GraphNode {
  return { id: r[0], type: r[1], name: r[2], aliases: r[3] ?? [], mentions: mentionsOf(r[5], r[6], r[7]), props: propsOf(r[4]) };
}

/** A node as a statement sends it in full, or light: without mentions, with its distinct report ids (store.ts lightReportIds). */
export function toNodeOrLight(r: NodeRow & { reportIds?: string[] }): GraphNode {
  const n = toNode(r);
  if (r.reportIds) lightReportIds.set(n, r.reportIds);
  return n;
}

export function toEdge(r: EdgeRow): GraphEdge {
  return { id: r.id, type: r.type, source: r.source, target: r.target, mentions: mentionsOf(r.mReport, r.mStart, r.mEnd), props: propsOf(r.props_json) };
}

function mentionColumns(ms: MentionRef[]) {
  return { mReport: ms.map((m) => m.reportId), mStart: ms.map((m) => int(m.start)), mEnd: ms.map((m) => int(m.end)) };
}

/**
 * A node as write_nodes.cypher takes it; the report node also carries its text and edition.
 * Each mention's snippet (`snippet`, rules/sentences.ts snippetOf) is kept beside it, so reading
 * a node's quotes and sentences reads no report text (prefetch_snippets.cypher).
 */
export function nodeRow(n: GraphNode, report: { text: string; edition: string | null } | undefined, snippet: (m: MentionRef) => Snippet | undefined) {
  return {
    id: n.id, label: labelOf(n.type), type: n.type, name: n.name, aliases: n.aliases,
    ...derived(n), props_json: JSON.stringify(n.props), ...mentionColumns(n.mentions), ...snippetColumns(n.mentions, snippet),
    text: report?.text ?? null, edition: report?.edition ?? null,
  };
}

/**
 * The snippets as lists beside the mentions (mSnippetAt, mSnippet); a mention whose report text
 * is unknown gets at -1 and no text (its reader then reads the report's text).
 */
export function snippetColumns(ms: readonly MentionRef[], snippet: (m: MentionRef) => Snippet | undefined) {
  const at: unknown[] = [];
  const text: string[] = [];
  for (const m of ms) {
    const s = snippet(m);
    at.push(int(s ? s.at : -1));
    text.push(s ? s.text : '');
  }
  return { mSnippetAt: at, mSnippet: text };
}

/** Snippets cut from the report texts `textOf` knows (undefined where it knows none). */
export function snippetsFrom(textOf: (reportId: string) => string | null | undefined): (m: MentionRef) => Snippet | undefined {
  return (m) => {
    const text = textOf(m.reportId);
    return typeof text === 'string' ? snippetOf(text, m.start, m.end) : undefined;
  };
}

/** A node's kept snippets as a statement sends them (lists parallel to its mentions). */
export interface SnippetRow {
  mSnippetAt?: number[] | null;
  mSnippet?: string[] | null;
}

/**
 * Puts the snippets kept beside these mentions into `into` by snippetKey; none when the lists
 * are not the mentions' (a node written before snippets were kept, and not refreshed since).
 */
export function storedSnippets(ms: readonly MentionRef[], r: SnippetRow, into: Map<string, Snippet>): void {
  const { mSnippetAt: at, mSnippet: text } = r;
  if (!at || !text || at.length !== ms.length || text.length !== ms.length) return;
  ms.forEach((m, i) => at[i] >= 0 && into.set(snippetKey(m.reportId, m.start, m.end), { at: Number(at[i]), text: text[i] }));
}

export function edgeRow(e: GraphEdge) {
  return { id: e.id, type: e.type, source: e.source, target: e.target, props_json: JSON.stringify(e.props), ...mentionColumns(e.mentions) };
}

/**
 * Version of the properties derived from a node's names (searchText, enText, sortKey) and of its
 * mentions' snippets (mSnippetAt, mSnippet; 3: the first with snippets). Bump it whenever their
 * computation changes: init() then recomputes them for every stored node.
 */
export const DERIVED_VERSION = 3;

/**
 * The keys (server/store/search.ts nodeKey) of every name matchRank looks at, one per line: a
 * node can match a query key only if this text contains it, so CONTAINS on it gives every
 * candidate (and matchRank then ranks them exactly as the embedded store does).
 */
export function searchText(n: GraphNode): string {
  const names = [n.name, ...n.aliases];
  if (typeof n.props.nameEn === 'string') names.push(n.props.nameEn);
  return names.map(nodeKey).join('\n');
}

/**
 * The words of the English name, each after a space (" case handling management centre"), so
 * that `enText CONTAINS " " + w` holds exactly when some word of the name begins with w, as
 * search.ts wordsMatch asks of every query word. Null without an English name.
 */
export function enText(n: GraphNode): string | null {
  if (typeof n.props.nameEn !== 'string') return null;
  return n.props.nameEn.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map((w) => ` ${w}`).join('');
}

/** The properties derived from names (write_nodes.cypher and refresh_derived.cypher). */
export function derived(n: GraphNode) {
  return { searchText: searchText(n), enText: enText(n), sortKey: sortKey(n) };
}

/**
 * A key whose order in Neo4j (Unicode code points) is compareNames' order in JavaScript (UTF-16
 * code units, then id): each code unit u becomes code point 0x10000 + u, and U+10000 (from
 * "\0", which no name holds) separates name from id, so a shorter name sorts first.
 */
export function sortKey(n: Pick<GraphNode, 'name' | 'id'>): string {
  const s = `${n.name}\0${n.id}`;
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCodePoint(0x10000 + s.charCodeAt(i));
  return out;
}
