import * as OpenCC from 'opencc-js';
import type { GraphNode, NodeType } from '../model/types';

/** Search keys: NFKC, Simplified, lower case, no quotes or spaces (shared by both stores). */
let t2s: ((s: string) => string) | undefined;
export function searchKey(s: string): string {
  t2s ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return t2s(s.normalize('NFKC')).toLowerCase().replace(/[“”"'‘’《》\s]/g, '');
}

// Order of types when matches are equally good: the concepts people look for first.
const TYPE_RANK: Record<NodeType, number> = {
  REFORM: 0, PLATFORM: 1, UNIT: 2, INDICATOR: 3, ORGANIZATION: 4, POLICY_DOCUMENT: 5, PRINCIPLE: 6,
  AGENCY: 7, PLACE: 8, PROBLEM: 9, MEASURE: 10, REPORT: 11, OBSERVATION: 12,
};

/**
 * The key of a stored name: names are already Simplified and half-width (the pipeline names
 * things from its normalised view), so only case, quotes and spaces are folded here; queries go
 * through the full searchKey.
 */
export function nodeKey(s: string): string {
  return s.toLowerCase().replace(/[“”"'‘’《》\s]/g, '');
}

/** How well a node matches a query key: lower is better, null for no match. */
export function matchRank(node: GraphNode, q: string): number | null {
  const names = [node.name, ...node.aliases];
  if (typeof node.props.nameEn === 'string') names.push(node.props.nameEn);
  let best: number | null = null;
  names.forEach((raw, i) => {
    const k = nodeKey(raw);
    let r: number | null = null;
    if (k === q) r = i === 0 ? 0 : 1;
    else if (k.startsWith(q)) r = 2;
    else if (k.includes(q)) r = 3;
    if (r !== null && (best === null || r < best)) best = r;
  });
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

export function compareNames(a: GraphNode, b: GraphNode): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
