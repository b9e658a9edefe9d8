import path from 'node:path';
import type { GraphEdge } from '../../model/types';
import { addToContexts, contextGained, indexReforms, reformContext, type ReformIndex, reformsTouchedBy, updateIndex, updateNames } from '../related';
import type { MemoryGraph } from './graph';
import { decodeRelated, encodeRelated, type GraphVersion, readIndexFile, RELATED_INDEX, SEARCH_INDEX, writeIndexFile } from './indexFiles';
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
  /** Reforms whose entry in `related` writes have made stale since (brought up to date when next asked). */
  private relatedStale?: Set<string>;
  /** Reforms that only gained names since (their name pairs are brought up to date when next asked). */
  private relatedRenamed?: Set<string>;

  constructor(private readonly graph: () => MemoryGraph) {}

  /** Forgets both (a new graph): they are built again when asked. */
  reset(): void {
    this.search = undefined;
    this.related = undefined;
    this.relatedStale = undefined;
    this.relatedRenamed = undefined;
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
    const stale = this.relatedStale;
    // Many stale reforms (a write that gave a common indicator its family): building afresh costs
    // less. Below a few hundred either is quick, and updating is then what every write does
    // (the test suites' graphs included).
    if (this.related && stale && stale.size > Math.max(256, this.related.reforms.size / 4)) this.related = undefined;
    else if (this.related && stale?.size) updateIndex(this.related, stale, this.nodeOf, (id) => this.contextOf(id));
    // A reform that only gained a name keeps its context (contextGained added what the write
    // brought): re-walking a popular one's whole context took seconds at 1M nodes.
    const renamed = this.relatedRenamed;
    if (this.related && renamed?.size) updateNames(this.related, [...renamed].filter((id) => !stale?.has(id)), this.nodeOf);
    this.relatedStale = undefined;
    this.relatedRenamed = undefined;
    this.related ??= indexReforms([...this.graph().nodes.values()].filter((n) => n.type === 'REFORM'), (rid) => this.contextOf(rid));
    return this.related;
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
    // The reforms whose context the change may touch: what goes is read before it goes.
    const related = this.related;
    const touched = this.relatedStale ?? new Set<string>();
    if (related && removed) this.reformsTouched(related, touched, ...g.leaving(removed));
    // What a write brings that the graph lacks: new edges, and reforms new or newly named.
    const coming = related && entry.op === 'write' ? g.arriving(entry.x) : undefined;
    change();
    if (related && coming) {
      const edges = coming.edges.map((e) => g.edges.get(e.id) ?? e);
      // Nothing removed: what the report brings is added now (the reforms it reaches are the
      // popular ones, whose whole contexts are the longest walks there are). New or newly named
      // reforms are worked out whole when next asked.
      if (!removed) {
        addToContexts(related, contextGained(edges, this.edgesAt, this.nodeOf, related));
        const renamed = (this.relatedRenamed ??= new Set());
        for (const id of coming.renamed) renamed.add(id);
      }
      this.reformsTouched(related, touched, removed ? edges : [], removed ? [...coming.reforms, ...coming.renamed] : coming.reforms);
    }
    if (related) this.relatedStale = touched;
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
    if (!keep && !had.related) {
      this.related = undefined;
      this.relatedStale = undefined;
      this.relatedRenamed = undefined;
    }
  }

  /**
   * Takes the indexes saved beside the snapshot just read, when they were made from it; says in
   * `notes` which were not used and why (they are then built when first asked for).
   */
  load(dir: string, snap: SnapshotRead, notes: string[]): void {
    // Right after the read the graph holds the nodes in the snapshot's order: the index files'
    // positions are places in that list (no lookup by id), once it is seen to be that order.
    const nodes = [...this.graph().nodes.values()];
    const inOrder = nodes.length === snap.order.length && nodes.every((n, i) => n.id === snap.order[i]);
    const nodeAt = (p: number) => (inOrder ? nodes[p] : this.graph().nodes.get(snap.order[p]));
    const s = readIndexFile(path.join(dir, SEARCH_INDEX), 'search', snap);
    if ('blocks' in s) this.search = SearchIndex.decode(s.blocks, nodeAt) ?? undefined;
    const r = readIndexFile(path.join(dir, RELATED_INDEX), 'related', snap);
    if ('blocks' in r) this.related = decodeRelated(r.blocks, nodeAt) ?? undefined;
    for (const [kind, read, got] of [['search', s, this.search], ['related-reform', r, this.related]] as const) {
      if (!got && !('why' in read && read.why === NO_FILE)) notes.push(`the ${kind} index is built when first asked for: ${'why' in read ? read.why : 'it names nodes the snapshot lacks'}`);
    }
  }

  private readonly nodeOf = (id: string) => this.graph().nodes.get(id);
  // A context is a set kept in id order (ReformContext), so the walk needs no edge order.
  private readonly edgesAt = (id: string, dir: 'in' | 'out') => this.graph().edgesAt(id, dir);

  private contextOf(reformId: string) {
    return reformContext(reformId, this.edgesAt, this.nodeOf);
  }

  /** Adds to `into` these reforms and those the edges may change (see reformsTouchedBy). */
  private reformsTouched(ix: ReformIndex, into: Set<string>, edges: Iterable<GraphEdge>, reforms: Iterable<string>): void {
    for (const id of reforms) into.add(id);
    for (const r of reformsTouchedBy(edges, this.edgesAt, this.nodeOf, ix)) into.add(r);
  }
}
