import type { GraphEdge, GraphNode, PropValue } from '../../model/types';
import { addMentions, copyMention } from './mentions';

// What merging a report's node into one the graph already holds does to its names and
// properties, the same wherever it happens: the embedded graph, the Neo4j store's writes and
// bulk load, and curation merging nodes within a report.

/** The names `n` brings that `old` lacks, in order, once each: they become aliases (the name stays). */
export function newAliases(old: { name: string; aliases: readonly string[] }, n: { name: string; aliases: readonly string[] }): string[] {
  const add: string[] = [];
  for (const a of [n.name, ...n.aliases]) if (a !== old.name && !old.aliases.includes(a) && !add.includes(a)) add.push(a);
  return add;
}

/** Fills the properties `into` has no value for (undefined or null) from `add`. */
export function fillProps(into: Record<string, PropValue>, add: Record<string, PropValue>): void {
  for (const [k, v] of Object.entries(add)) if (into[k] === undefined || into[k] === null) into[k] = v;
}

// A report's node or edge merged into what a store holds, on copies (the Neo4j store's writes;
// the embedded graph and bulk loads merge in place, by the same rules).

export function mergeNode(old: GraphNode | undefined, n: GraphNode): GraphNode {
  if (!old) return structuredClone(n);
  const out = structuredClone(old);
  out.aliases.push(...newAliases(out, n));
  addMentions(out.mentions, n.mentions, copyMention);
  fillProps(out.props, n.props);
  return out;
}

export function mergeEdge(old: GraphEdge | undefined, e: GraphEdge): GraphEdge {
  if (!old) return structuredClone(e);
  const out = structuredClone(old);
  addMentions(out.mentions, e.mentions, copyMention);
  fillProps(out.props, e.props);
  return out;
}
