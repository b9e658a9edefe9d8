import type { Extraction, GraphEdge, GraphNode } from '../../model/types';
import { editionKey } from '../rules/edition';
import { copyMention } from '../rules/mentions';
import { mergeEdgeInto, mergeNodeInto } from '../rules/merge';

/** Every report's graph merged into one, as a bulk load writes it. */
export interface MergedGraph {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Text and edition of each report node (the last extraction of a report id wins). */
  reports: Map<string, { text: string; edition: string | null }>;
}

/**
 * Merges extractions with the store-neutral rules (../rules/merge.ts mergeNode / mergeEdge: names
 * become aliases, new mentions are appended in order, missing props are filled), in time linear
 * in the input: each item is copied once (its props hold only strings, numbers, booleans and
 * null, so a shallow copy of each part is a deep one), and the mentions a long list already holds
 * are looked up in a set (../rules/mentions.ts addMentions). mergeNode on every sighting would
 * clone a hub's growing mention list each time and scan it for every new mention.
 */
export function mergeExtractions(xs: readonly Extraction[]): MergedGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const reports = new Map<string, { text: string; edition: string | null }>();
  for (const x of xs) {
    for (const n of x.nodes) {
      const old = nodes.get(n.id);
      if (!old) {
        nodes.set(n.id, { ...n, aliases: [...n.aliases], mentions: n.mentions.map((m) => ({ ...m })), props: { ...n.props } });
        continue;
      }
      mergeNodeInto(old, n, copyMention);
    }
    for (const e of x.edges) {
      const old = edges.get(e.id);
      if (!old) {
        edges.set(e.id, { ...e, mentions: e.mentions.map((m) => ({ ...m })), props: { ...e.props } });
        continue;
      }
      mergeEdgeInto(old, e, copyMention);
    }
    reports.set(x.report.id, { text: x.text, edition: editionKey(x.report) });
  }
  return { nodes, edges, reports };
}

/** Edges whose source or target the merged graph does not hold (a load would fail on them). */
export function danglingEdges(g: MergedGraph): GraphEdge[] {
  return [...g.edges.values()].filter((e) => !g.nodes.has(e.source) || !g.nodes.has(e.target));
}
