// What each expansion brought into the view, so that Collapse takes away exactly that: the nodes
// an expansion of a node added, and what expansions of those added in turn.
import type cytoscape from 'cytoscape';

/** Node id → the nodes its expansions added (views/ and upload/ keep it in step with the view). */
export type Expansions = Map<string, cytoscape.NodeCollection>;

/** Notes that an expansion of `id` added `nodes`; returns what puts the record back as it was (for undo). */
export function recordExpansion(expansions: Expansions, id: string, nodes: cytoscape.NodeCollection): () => void {
  const before = expansions.get(id);
  expansions.set(id, before ? before.union(nodes) : nodes);
  return () => {
    if (before) expansions.set(id, before);
    else expansions.delete(id);
  };
}

/**
 * What collapsing a node takes away: the nodes its expansions added, and what expansions of
 * those added in turn, except nodes an expansion of some other node in view also brought.
 */
export function expandedFrom(cy: cytoscape.Core, expansions: Expansions, id: string): cytoscape.NodeCollection {
  let out = cy.collection().nodes();
  const owners = [id];
  const gone = new Set([id]);
  for (let i = 0; i < owners.length; i++) {
    expansions.get(owners[i])?.forEach((x) => {
      if (!x.inside() || gone.has(x.id())) return;
      gone.add(x.id());
      out = out.union(x);
      owners.push(x.id());
    });
  }
  const kept = new Set<string>();
  for (const [owner, nodes] of expansions) {
    if (gone.has(owner) || cy.getElementById(owner).empty()) continue;
    nodes.forEach((x) => void kept.add(x.id()));
  }
  return out.filter((x) => !kept.has(x.id()));
}

export interface Collapsed {
  removed: cytoscape.CollectionReturnValue;
  /** How many nodes left the view. */
  nodes: number;
  /** True when they were what the node's expansions added; false for the leaves hanging on it alone. */
  expanded: boolean;
  /** Puts back the expansion records the collapse dropped (for undo). */
  undoState?: () => void;
}

/**
 * Collapses a node in the view: takes away what its expansions added or, when it was not
 * expanded here (the overview, a path), the nodes that hang on it alone. Null when nothing goes.
 */
export function collapseNode(cy: cytoscape.Core, expansions: Expansions, n: cytoscape.NodeSingular): Collapsed | null {
  const expanded = expandedFrom(cy, expansions, n.id());
  if (expanded.nonempty()) {
    const owned = new Map([n.id(), ...expanded.map((x) => x.id())].filter((o) => expansions.has(o)).map((o) => [o, expansions.get(o)!] as const));
    const removed = expanded.union(expanded.connectedEdges()).remove();
    for (const o of owned.keys()) expansions.delete(o);
    return { removed, nodes: expanded.length, expanded: true, undoState: () => owned.forEach((nodes, o) => expansions.set(o, nodes)) };
  }
  const leaves = n.neighborhood().nodes().filter((x) => x.degree(false) <= 1 && x.data('type') !== 'AGENCY');
  if (leaves.empty()) return null;
  return { removed: leaves.union(leaves.connectedEdges()).remove(), nodes: leaves.length, expanded: false };
}
