import type { GraphNode } from '../../model/types';

// The orders both stores answer in, so that either gives the same list.

/** By name, then id, in JavaScript's string order (UTF-16 code units). */
export function compareNames(a: GraphNode, b: GraphNode): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** By id, in JavaScript's string order (edges of a node, reforms of a context). */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reports: oldest year first (an unknown year first of all), then by name. */
export const reportOrder = (a: GraphNode, b: GraphNode): number => Number(a.props.year ?? 0) - Number(b.props.year ?? 0) || compareNames(a, b);
