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
  /** Per place, the id loaded there and the node it holds now (undefined: deleted). */
  private ids: string[] = [];
  private now: Array<GraphNode | undefined> = [];
  private live = 0;
  private slots = new Int32Array(0);
  private mask = -1;
  private readonly later = new Map<string, GraphNode>();

  get size(): number {
    return this.live + this.later.size;
  }

  /** Room for `n` more loaded nodes, so the table is not grown (and every id hashed again) while loading. */
  expect(n: number): void {
    if (2 * (this.ids.length + n) > this.slots.length) this.grow(this.ids.length + n);
  }

  /**
   * Puts a node as loaded: at the next place, or, when its id was loaded already, at that
   * place (which it returns either way).
   */
  load(n: GraphNode): number {
    const id = n.id;
    let p = this.placeOf(id);
    if (p >= 0) {
      if (!this.now[p]) this.live++;
      this.now[p] = n;
      return p;
    }
    this.later.delete(id);
    if (2 * (this.ids.length + 1) > this.slots.length) this.grow(2 * this.ids.length + 8);
    p = this.ids.length;
    this.ids.push(id);
    this.now.push(n);
    this.live++;
    this.place(id, p);
    return p;
  }

  /** Where the id was loaded (-1: never), whether or not its node is still there. */
  placeOf(id: string): number {
    if (!this.ids.length) return -1;
    const mask = this.mask;
    for (let h = hashOf(id) & mask, at = this.slots[h]; at >= 0; h = (h + 1) & mask, at = this.slots[h]) {
      if (this.ids[at] === id) return at;
    }
    return -1;
  }

  get(id: string): GraphNode | undefined {
    if (this.ids.length) {
      const p = this.placeOf(id);
      if (p >= 0 && this.now[p]) return this.now[p];
    }
    return this.later.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, n: GraphNode): this {
    const p = this.placeOf(id);
    if (p >= 0 && this.now[p]) this.now[p] = n;
    else this.later.set(id, n);
    return this;
  }

  delete(id: string): boolean {
    const p = this.placeOf(id);
    if (p >= 0 && this.now[p]) {
      this.now[p] = undefined;
      this.live--;
      return true;
    }
    return this.later.delete(id);
  }

  clear(): void {
    this.ids = [];
    this.now = [];
    this.live = 0;
    this.slots = new Int32Array(0);
    this.mask = -1;
    this.later.clear();
  }

  *entries(): IterableIterator<[string, GraphNode]> {
    for (let p = 0; p < this.ids.length; p++) {
      const n = this.now[p];
      if (n) yield [this.ids[p], n];
    }
    yield* this.later.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): IterableIterator<GraphNode> {
    for (let p = 0; p < this.ids.length; p++) {
      const n = this.now[p];
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
    for (let p = 0; p < this.ids.length; p++) this.place(this.ids[p], p);
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
