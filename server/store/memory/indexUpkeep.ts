import path from 'node:path';
import type { GraphNode, RelatedReform } from '../../model/types';
import { indexReforms, rankKeys, reformContext, type ReformIndex } from '../related';
import { contextLeaving, type Reading, updateForChange } from '../relatedUpkeep';
import type { MemoryGraph } from './graph';
import { decodeRelated, encodeRelated, type GraphVersion, type IndexFileBytes, type IndexKind, readIndexFile, RELATED_INDEX, SEARCH_INDEX, writeIndexFile } from './indexFiles';
import type { JournalEntry } from './journal';
import { SearchIndex } from './searchIndex';
import { NO_FILE } from './indexFiles';
import type { SnapshotRead } from './snapshot';

/**
 * The embedded store's two query indexes (search, related reforms): built when first asked for
 * or read from the files beside the snapshot, kept current on every write (told what changed),
 * and saved with every snapshot. The store holds one of these and calls it; the graph is asked
 * for through `graph` because the store swaps graphs on a rebuild.
 */
export class QueryIndexes {
  private search?: SearchIndex;
  private related?: ReformIndex;
  /**
   * The node of each related-index key, as met by a ranking: a popular reform's answer names
   * tens of thousands of shared nodes, and finding each by id in a million-node map cost more
   * than the ranking. Kept for one index (its keys) and forgotten on every change (a node that
   * goes and comes back is another object).
   */
  private keyNode: Array<GraphNode | undefined> = [];
  private keyNodeOf?: ReformIndex;

  constructor(private readonly graph: () => MemoryGraph) {}

  /** Forgets both (a new graph): they are built again when asked. */
  reset(): void {
    this.search = undefined;
    this.related = undefined;
    this.keyNode = [];
  }

  searchIndex(): SearchIndex {
    const g = this.graph();
    // Start afresh when deleted and replaced reports have left more stale entries than live
    // ones, or when the nodes changed since the build (each judged on every search) cost more
    // than a millisecond or so.
    const ix = this.search;
    if (ix && (ix.size > 2 * g.nodes.size + 1000 || ix.changed > 4096 + ix.size / 64)) this.search = undefined;
    this.search ??= SearchIndex.build(g.nodes.values());
    return this.search;
  }

  reformIndex(): ReformIndex {
    this.related ??= indexReforms([...this.graph().nodes.values()].filter((n) => n.type === 'REFORM'), (rid) => this.contextOf(rid));
    return this.related;
  }

  /** The reforms most related to a reform in the graph (related.ts rankFromIndex), `via` as nodes. */
  relatedReforms(id: string, first: number): RelatedReform[] {
    const ix = this.reformIndex();
    const nodes = this.graph().nodes;
    // Sized once (a sparse array this long would turn into a dictionary as it filled).
    if (this.keyNodeOf !== ix || this.keyNode.length < ix.keyAt.length) this.keyNode = new Array<GraphNode | undefined>(ix.keyAt.length);
    this.keyNodeOf = ix;
    const { keyNode } = this;
    return (rankKeys(ix, id, first) ?? []).map((r) => {
      const via: GraphNode[] = [];
      for (let i = 0; i < r.via.length; i++) {
        const k = r.via[i];
        const n = keyNode[k] ?? (keyNode[k] = nodes.get(ix.keyAt[k]));
        if (n) via.push(n);
      }
      return { reform: r.reform, score: r.score, via };
    });
  }

  /**
   * Applies one journal record to the graph (`change` does it) and brings the indexes that exist
   * along: what a removed report takes away is read before it goes, what a write brings after.
   */
  apply(entry: JournalEntry, change: () => void): void {
    const g = this.graph();
    // Nodes a removed report leaves behind lose mentions (or go): the search index orders by both.
    const removed = entry.op === 'write' ? entry.replaces : entry.id;
    const losing = removed && this.search ? [...(g.byReport.get(removed)?.nodes ?? [])] : [];
    // The related-reform index is kept by what the change takes away (read before it goes) and
    // what it brings (new edges, reforms new or newly named: read before, looked at after).
    const related = this.related;
    const leaving = related && removed ? contextLeaving(related, ...g.leaving(removed), this.reading.endsOf, this.nodeOf) : undefined;
    const coming = related && entry.op === 'write' ? g.arriving(entry.x) : undefined;
    this.keyNode = [];
    change();
    if (related) {
      const arriving = coming && { ...coming, edges: coming.edges.map((e) => g.edgeFor(e) ?? e) };
      updateForChange(related, leaving, arriving, this.reading, this.nodeOf);
    }
    const index = this.search;
    if (!index) return;
    for (const id of losing) {
      const live = g.nodes.get(id);
      if (live) index.add(live);
      else index.remove(id);
    }
    if (entry.op === 'write') {
      for (const n of entry.x.nodes) {
        const live = g.nodes.get(n.id);
        if (live) index.add(live);
      }
    }
  }

  /**
   * Saves both indexes for the snapshot just written of the current graph (`version`), building
   * them first if they were never asked for (and, unless `keep`, dropping those again). A failure (a full disk) only warns: the files then
   * name an older graph, so the next start builds instead of reading them.
   */
  save(dir: string, version: GraphVersion, keep = true): void {
    const had = { search: this.search, related: this.related };
    const g = this.graph();
    const at = new Map<string, number>();
    for (const n of g.nodes.values()) at.set(n.id, at.size);
    const positionOf = (id: string) => at.get(id);
    const files: Array<[string, 'search' | 'related', () => ReturnType<typeof encodeRelated>]> = [
      [SEARCH_INDEX, 'search', () => this.searchIndex().encode(positionOf)],
      [RELATED_INDEX, 'related', () => encodeRelated(this.reformIndex(), positionOf)],
    ];
    for (const [name, kind, encode] of files) {
      try {
        const blocks = encode();
        if (blocks) writeIndexFile(path.join(dir, name), kind, version, blocks);
        else console.warn(`warning: the ${kind} index of ${dir} names nodes the graph lacks; it is not saved and is built again at the next start`);
      } catch (e) {
        console.warn(`warning: the ${kind} index of ${dir} could not be saved; the next start builds it again: ${(e as Error).message}`);
      }
    }
    // Built only to be saved (a bulk rebuild nobody has queried yet): memory is spent only once asked.
    if (!keep && !had.search) this.search = undefined;
    if (!keep && !had.related) this.related = undefined;
  }

  /**
   * Takes the indexes saved beside the snapshot just read, when they were made from it; says in
   * `notes` which were not used and why (they are then built when first asked for).
   */
  load(dir: string, snap: SnapshotRead, notes: string[], bytes: Partial<Record<IndexKind, IndexFileBytes>> = {}): void {
    // Right after the read the graph holds the nodes in the snapshot's order: the index files'
    // positions are places in that list (no lookup by id), once it is seen to be that order.
    // The graph's loaded nodes are that list when there are as many (the snapshot read puts
    // them in place as it reads them; a node put twice, only in old formats, would make them
    // fewer): neither a copy of a million nodes nor a look at each (together 0.1-0.5 s at 1M).
    const loaded = this.graph().loadedNodes;
    const nodes = loaded?.length === snap.order.length ? loaded : [...this.graph().nodes.values()];
    const inOrder = nodes === loaded || (nodes.length === snap.order.length && nodes.every((n, i) => n.id === snap.order[i]));
    const nodeAt = (p: number) => (inOrder ? nodes[p] : this.graph().nodes.get(snap.order[p]));
    const s = readIndexFile(path.join(dir, SEARCH_INDEX), 'search', snap, bytes.search);
    if ('blocks' in s) this.search = SearchIndex.decode(s.blocks, nodeAt) ?? undefined;
    const r = readIndexFile(path.join(dir, RELATED_INDEX), 'related', snap, bytes.related);
    if ('blocks' in r) this.related = decodeRelated(r.blocks, nodeAt, snap.order.length) ?? undefined;
    for (const [kind, read, got] of [['search', s, this.search], ['related-reform', r, this.related]] as const) {
      if (!got && !('why' in read && read.why === NO_FILE)) notes.push(`the ${kind} index is built when first asked for: ${'why' in read ? read.why : 'it names nodes the snapshot lacks'}`);
    }
  }

  private readonly nodeOf = (id: string) => this.graph().nodes.get(id);
  // The walks read ends and types off the graph's columns: no edge objects made (and kept). A
  // context is a set kept in id order (ReformContext), so they need no edge order.
  private readonly reading: Reading = {
    endsOf: (id, dir, visit) => this.graph().forEachEnd(id, dir, visit),
    degree: (id, dir) => this.graph().degree(id, dir),
  };

  private contextOf(reformId: string) {
    return reformContext(reformId, this.reading.endsOf, this.nodeOf);
  }
}
