import type { GraphNode, MentionRef, NodeType, PropValue } from '../../model/types';

/**
 * A node as a snapshot's reader makes it: a GraphNode that also knows its place among the
 * loaded nodes, in a private field (no JSON, spread, key list or test equality sees it). The
 * graph then finds a loaded node's place from the node it has by id, where it kept a map of a
 * million places before: filling that map was 0.7 s of a restart at a million nodes.
 */
export class PlacedNode implements GraphNode {
  #place = -1;

  // Fields in the order the reader's object literal had them (and JSON shows them).
  constructor(
    public id: string,
    public type: NodeType,
    public name: string,
    public aliases: string[],
    public props: Record<string, PropValue>,
    public mentions: MentionRef[],
  ) {}

  /** The node's place (-1: not a PlacedNode, or not placed). */
  static placeOf(n: GraphNode): number {
    return #place in n ? (n as PlacedNode).#place : -1;
  }

  /** Gives the node its place; false when it is no PlacedNode. */
  static place(n: GraphNode, p: number): boolean {
    if (!(#place in n)) return false;
    (n as PlacedNode).#place = p;
    return true;
  }
}

/** Node ids to their places among the loaded nodes. */
export interface Places {
  get(id: string): number | undefined;
  /** Told of a loaded node that leaves the graph's map of nodes (removed, or put anew as another object). */
  leaving(n: GraphNode): void;
}

/** Places as a map, made from the loaded nodes (those that are not all PlacedNodes: a rebuild, an old file). */
export class MappedPlaces implements Places {
  constructor(private readonly map: Map<string, number>) {}

  static of(loaded: readonly GraphNode[]): MappedPlaces {
    const map = new Map<string, number>();
    for (let p = 0; p < loaded.length; p++) map.set(loaded[p].id, p);
    return new MappedPlaces(map);
  }

  get(id: string): number | undefined {
    return this.map.get(id);
  }

  leaving(): void {
    // The map keeps the place by id whatever becomes of the node.
  }
}

/** Places read from the PlacedNodes in the graph's map, and kept by id for those that left it. */
export class NodePlaces implements Places {
  private readonly left = new Map<string, number>();

  constructor(private readonly nodes: ReadonlyMap<string, GraphNode>, private readonly loaded: readonly GraphNode[]) {}

  get(id: string): number | undefined {
    const n = this.nodes.get(id);
    if (n) {
      const p = PlacedNode.placeOf(n);
      if (p >= 0 && this.loaded[p] === n) return p;
    }
    return this.left.get(id);
  }

  leaving(n: GraphNode): void {
    const p = PlacedNode.placeOf(n);
    if (p >= 0 && this.loaded[p] === n) this.left.set(n.id, p);
  }
}
