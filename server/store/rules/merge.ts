import type { GraphEdge, GraphNode, MentionRef, PropValue } from '../../model/types';
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

/**
 * Merges a report's node into the one held, in place: its names become aliases, its new mentions
 * are appended (as `take` makes them), the properties the held one lacks are filled.
 */
export function mergeNodeInto(old: GraphNode, n: GraphNode, take?: (m: MentionRef) => MentionRef): void {
  old.aliases.push(...newAliases(old, n));
  mergeEdgeInto(old, n, take);
}

/** The same for an edge (which has no names to merge). */
export function mergeEdgeInto(old: GraphEdge | GraphNode, e: GraphEdge | GraphNode, take?: (m: MentionRef) => MentionRef): void {
  addMentions(old.mentions, e.mentions, take);
  fillProps(old.props, e.props);
}

// On copies, for the Neo4j store's writes (the embedded graph and bulk loads merge in place).

export function mergeNode(old: GraphNode | undefined, n: GraphNode): GraphNode {
  const out = structuredClone(old ?? n);
  if (old) mergeNodeInto(out, n, copyMention);
  return out;
}

export function mergeEdge(old: GraphEdge | undefined, e: GraphEdge): GraphEdge {
  const out = structuredClone(old ?? e);
  if (old) mergeEdgeInto(out, e, copyMention);
  return out;
}
