import * as OpenCC from 'opencc-js';
import type { GraphNode, NodeType } from '../model/types';

/** Search keys: NFKC, Simplified, lower case, no quotes or spaces (shared by both stores). */
let t2s: ((s: string) => string) | undefined;
export function searchKey(s: string): string {
  return simplified(s.normalize('NFKC')).toLowerCase().replace(/[“”"'‘’《》\s]/g, '');
}

function simplified(s: string): string {
  t2s ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return t2s(s);
}

/**
 * The id a node would have if the given one was typed in Traditional characters or full width
 * (reform:柔性執法 → reform:柔性执法): ids are `type:name` with names as the pipeline writes them.
 */
export function simplifiedId(id: string): string {
  // Every query that names nodes asks this of each id (a tenth of a Neo4j `node` query's own time): the ids of the moment are kept.
  let s = simplifiedIds.get(id);
  if (s === undefined) {
    if (simplifiedIds.size >= 10_000) simplifiedIds.clear();
    simplifiedIds.set(id, (s = simplified(id.normalize('NFKC'))));
  }
  return s;
}

const simplifiedIds = new Map<string, string>();

// Order of types when matches are equally good: the concepts people look for first.
export const TYPE_RANK: Record<NodeType, number> = {
  REFORM: 0, PLATFORM: 1, UNIT: 2, INDICATOR: 3, ORGANIZATION: 4, POLICY_DOCUMENT: 5, PRINCIPLE: 6,
  AGENCY: 7, PLACE: 8, TOPIC: 9, PROBLEM: 10, MEASURE: 11, REPORT: 12, OBSERVATION: 13,
};

/**
 * The key of a stored name: names are already Simplified and half-width (the pipeline names
 * things from its normalised view), so only case, quotes and spaces are folded here; queries go
 * through the full searchKey.
 */
export function nodeKey(s: string): string {
  return s.toLowerCase().replace(/[“”"'‘’《》\s]/g, '');
}

/**
 * Words of an English query ("case management centre"): each must begin a word of the node's
 * English name, in any order. Null for queries that are not several Latin words.
 */
export function queryWords(text: string): string[] | null {
  const words = text.normalize('NFKC').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.length >= 2 && /[a-z]/.test(text.toLowerCase()) ? words : null;
}

/** Null when some word is missing; else how many words of the name the query did not ask for. */
function wordsMatch(nameEn: string, words: string[]): number | null {
  const have = nameEn.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.every((w) => have.some((h) => h.startsWith(w))) ? Math.max(0, have.length - words.length) : null;
}

/**
 * How well name keys match a query key: 0 the name itself, 1 an alias or the English name,
 * 2 a key that starts with the query, 3 one that contains it; null for none. One key is
 * passed as a string (most nodes have a name only: the search index keeps no array for them).
 */
export function keysRank(keys: string | readonly string[], q: string): number | null {
  if (typeof keys === 'string') return keys === q ? 0 : keys.startsWith(q) ? 2 : keys.includes(q) ? 3 : null;
  let best: number | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const r = k === q ? (i === 0 ? 0 : 1) : k.startsWith(q) ? 2 : k.includes(q) ? 3 : null;
    if (r !== null && (best === null || r < best)) best = r;
  }
  return best;
}

/** keysRank when only the ranks of a key that starts with the query (0, 1, 2) can still count. */
export function prefixRank(keys: string | readonly string[], q: string): number | null {
  // The first character settles most keys without a call.
  const c = q.charCodeAt(0);
  if (typeof keys === 'string') return keys.charCodeAt(0) === c && keys.startsWith(q) ? (keys.length === q.length ? 0 : 2) : null;
  let best: number | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k.charCodeAt(0) !== c || !k.startsWith(q)) continue;
    const r = k.length === q.length ? (i === 0 ? 0 : 1) : 2;
    if (best === null || r < best) best = r;
  }
  return best;
}

/** The rank of an English name for a query of several words, after every key match: the closer the name, the better. */
export function englishRank(nameEn: string, words: string[]): number | null {
  const extra = wordsMatch(nameEn, words);
  return extra === null ? null : 4 + extra / 100;
}

/**
 * How well a node matches a query key: lower is better, null for no match. `keys` are the node's
 * name keys (nodeKey of name, aliases, English name) when the caller has them already.
 */
export function matchRank(node: GraphNode, q: string, words?: string[] | null, keys?: readonly string[]): number | null {
  let ks = keys;
  if (!ks) {
    const names = [node.name, ...node.aliases];
    if (typeof node.props.nameEn === 'string') names.push(node.props.nameEn);
    ks = names.map(nodeKey);
  }
  const best = keysRank(ks, q);
  if (best === null && words && typeof node.props.nameEn === 'string') return englishRank(node.props.nameEn, words);
  return best;
}

export function compareMatches(a: { node: GraphNode; rank: number }, b: { node: GraphNode; rank: number }): number {
  return a.rank - b.rank
    || TYPE_RANK[a.node.type] - TYPE_RANK[b.node.type]
    || b.node.mentions.length - a.node.mentions.length
    || a.node.name.length - b.node.name.length
    || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0)
    // Same name (measures of two reports can share one): by id, so every store gives one order.
    || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
}

/**
 * The first `k` matches in compareMatches order, without sorting them all: a common word at a
 * million nodes has tens of thousands of matches and a page of twenty is asked for.
 */
export function bestMatches<T extends { node: GraphNode; rank: number }>(hits: readonly T[], k: number): T[] {
  if (hits.length <= 4 * k) return [...hits].sort(compareMatches).slice(0, k);
  const top: T[] = [];
  for (const h of hits) keepBest(top, h, k, compareMatches);
  return top;
}

/** Puts `x` into `top` (at most k, best first by `compare`) if it is among the k best so far. */
export function keepBest<T>(top: T[], x: T, k: number, compare: (a: T, b: T) => number): void {
  if (k <= 0 || (top.length === k && compare(x, top[k - 1]) >= 0)) return;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(top[mid], x) <= 0) lo = mid + 1;
    else hi = mid;
  }
  top.splice(lo, 0, x);
  if (top.length > k) top.pop();
}

