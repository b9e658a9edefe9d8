import type { GraphNode } from '../../model/types';

/**
 * The graph's nodes by id: a Map to whoever reads it, two stores inside. The nodes a load puts
 * (MemoryGraph.load) are kept by place, found by id through an open-addressing table of places
 * (ids hashed in JavaScript, probed linearly); the nodes put after it, in a Map. Filling a Map
 * with a million nodes was 1.5 s of CPU of a 1M restart: V8 grows it by rehashing, and each of
 * its entries in the old generation pointing at a young node and id is a slot the young
 * collector visits again. The table takes a fraction of that, and answers "where was this id
 * loaded" (placeOf) too, which needed a second map of a million ids.
 *
 * The order is a Map's: loaded nodes in their order, then the others as they came; a loaded
 * node set again keeps its place, one deleted and set again comes last.
 */
export class NodeMap implements Map<string, GraphNode> {
  /**
   * Per place p, the id loaded there (at 2p) and the node it holds now (2p + 1; undefined:
   * deleted), side by side: a lookup reads one place of memory for both.
   */
  private cells: Array<string | GraphNode | undefined> = [];
  private count = 0;
  private live = 0;
  private slots = new Int32Array(0);
  private mask = -1;
  private readonly later = new Map<string, GraphNode>();

  get size(): number {
    return this.live + this.later.size;
  }

  /** Room for `n` more loaded nodes, so the table is not grown (and every id hashed again) while loading. */
  expect(n: number): void {
    if (2 * (this.count + n) > this.slots.length) this.grow(this.count + n);
  }

  /**
   * Puts a node as loaded: at the next place, or, when its id was loaded already, at that
   * place (which it returns either way).
   */
  load(n: GraphNode): number {
    const id = n.id;
    let p = this.placeOf(id);
    if (p >= 0) {
      if (!this.cells[2 * p + 1]) this.live++;
      this.cells[2 * p + 1] = n;
      return p;
    }
    this.later.delete(id);
    if (2 * (this.count + 1) > this.slots.length) this.grow(2 * this.count + 8);
    p = this.count++;
    this.cells.push(id, n);
    this.live++;
    this.place(id, p);
    return p;
  }

  /** Where the id was loaded (-1: never), whether or not its node is still there. */
  placeOf(id: string): number {
    if (!this.count) return -1;
    const mask = this.mask;
    for (let h = hashOf(id) & mask, at = this.slots[h]; at >= 0; h = (h + 1) & mask, at = this.slots[h]) {
      if (this.cells[2 * at] === id) return at;
    }
    return -1;
  }

  get(id: string): GraphNode | undefined {
    if (this.count) {
      const p = this.placeOf(id);
      const n = p >= 0 ? (this.cells[2 * p + 1] as GraphNode | undefined) : undefined;
      if (n) return n;
    }
    return this.later.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, n: GraphNode): this {
    const p = this.placeOf(id);
    if (p >= 0 && this.cells[2 * p + 1]) this.cells[2 * p + 1] = n;
    else this.later.set(id, n);
    return this;
  }

  delete(id: string): boolean {
    const p = this.placeOf(id);
    if (p >= 0 && this.cells[2 * p + 1]) {
      this.cells[2 * p + 1] = undefined;
      this.live--;
      return true;
    }
    return this.later.delete(id);
  }

  clear(): void {
    this.cells = [];
    this.count = 0;
    this.live = 0;
    this.slots = new Int32Array(0);
    this.mask = -1;
    this.later.clear();
  }

  *entries(): IterableIterator<[string, GraphNode]> {
    for (let p = 0; p < this.count; p++) {
      const n = this.cells[2 * p + 1] as GraphNode | undefined;
      if (n) yield [this.cells[2 * p] as string, n];
    }
    yield* this.later.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): IterableIterator<GraphNode> {
    for (let p = 0; p < this.count; p++) {
      const n = this.cells[2 * p + 1] as GraphNode | undefined;
      if (n) yield n;
    }
    yield* this.later.values();
  }

  forEach(f: (n: GraphNode, id: string, map: Map<string, GraphNode>) => void, self?: unknown): void {
    for (const [id, n] of this.entries()) f.call(self, n, id, this);
  }

  [Symbol.iterator](): IterableIterator<[string, GraphNode]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'NodeMap';
  }

  private place(id: string, p: number): void {
    let h = hashOf(id) & this.mask;
    while (this.slots[h] >= 0) h = (h + 1) & this.mask;
    this.slots[h] = p;
  }

  /** A table for `n` loaded ids, half empty at most full, every loaded id placed in it again. */
  private grow(n: number): void {
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let p = 0; p < this.count; p++) this.place(this.cells[2 * p] as string, p);
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
