import fs from 'node:fs';
import path from 'node:path';
import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType, RelatedReform, Stats, Subgraph } from '../../model/types';
import { NODE_TYPES, TOPICAL_TYPES } from '../../model/types';
import { queryWords, searchKey } from '../search';
import { statsOf } from '../rules/counts';
import { editionKey } from '../rules/edition';
import { compareNames, reportOrder } from '../rules/order';
import type { Direction, GraphStore, Health, WriteOptions, WriteResult } from '../store';
import { MemoryGraph } from './graph';
import { neighborhoodOf } from './neighborhood';
import { acquireLock } from './lock';
import { Journal, JournalEntry } from './journal';
import { QueryIndexes } from './indexUpkeep';
import { readIndexFilesAhead } from './indexFiles';
import { JOURNAL, loadGraph, OLD_SNAPSHOTS, SNAPSHOT } from './persistence';
import { writeSnapshot } from './snapshot';

export interface CompactionOptions {
  /**
   * A journal holding records older than this is folded into a new snapshot (0: never by age),
   * when it is at least an eighth of the snapshot's size: a few records beside a large snapshot
   * replay in milliseconds, while rewriting a million-node snapshot blocks for many seconds.
   */
  compactSeconds?: number;
  /** ... and one grown past this many bytes, at the write that crosses it. */
  compactBytes?: number;
}

// So start-up replays little: a 55 MB journal took 6 s to replay, its snapshot under a second.
const COMPACT_SECONDS = 300;
const COMPACT_BYTES = 16 * 1024 * 1024;
const COMPACT_ENTRIES = 2000;

/**
 * The embedded store: the whole graph in memory, on disk as a snapshot plus a journal under
 * KG_DATA_DIR. A write is flushed to the journal before it is applied and answered, and it is
 * applied within one turn of the event loop, so no store call ever sees half a report.
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private g = new MemoryGraph();
  private seq = 0;
  private journal!: Journal;
  private readonly compactMs: number;
  private readonly compactBytes: number;
  private compactTimer?: NodeJS.Timeout;
  private snapshotBytes = 0;
  /** After a failed compaction (a full disk), none is tried before this (ms). */
  private compactRetryAt = 0;
  /** What start-up found and dropped or could not do (a torn journal line); the server prints them. */
  readonly warnings: string[] = [];
  /**
   * Where `init` spent its time: ms and CPU ms since the process began at the end of each of its
   * steps (the server logs them at debug with its own start-up steps).
   */
  readonly startSteps: Record<string, { ms: number; cpuMs: number }> = {};
  private queue: Promise<unknown> = Promise.resolve();
  private release?: () => void;
  private readonly indexes = new QueryIndexes(() => this.g);
  private cache: {
    stats?: Stats;
    /** Nodes by type; a type's list is in name order once it is in `sorted`. */
    byName?: Map<NodeType, GraphNode[]>;
    sorted?: Set<NodeType>;
    reportOf?: Map<string, string>;
  } = {};

  private readonly readOnly: boolean;

  /** `readOnly`: for readers beside a running writer (export): no lock, no write, no clean-up, no compaction. */
  constructor(readonly dataDir: string, opts: CompactionOptions & { readOnly?: boolean } = {}) {
    this.readOnly = opts.readOnly ?? false;
    this.compactMs = this.readOnly ? 0 : (opts.compactSeconds ?? COMPACT_SECONDS) * 1000;
    this.compactBytes = opts.compactBytes ?? COMPACT_BYTES;
  }

  /** The snapshot file (tests and tools read it through loadGraph). */
  get file(): string {
    return path.join(this.dataDir, SNAPSHOT);
  }

  async init(): Promise<void> {
    if (!this.readOnly) fs.mkdirSync(this.dataDir, { recursive: true });
    this.release = this.readOnly ? () => undefined : acquireLock(path.join(this.dataDir, 'graph.lock'));
    try {
      // A writer killed mid-save leaves its temp file; the snapshot itself is whole.
      if (!this.readOnly) for (const f of fs.readdirSync(this.dataDir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(this.dataDir, f), { force: true });
      // The index files are read while the graph is decoded (see readIndexFilesAhead).
      const indexBytes = readIndexFilesAhead(this.dataDir);
      const loaded = await loadGraph(this.dataDir);
      this.step('graph');
      this.g = loaded.graph;
      this.seq = loaded.seq;
      this.indexes.reset();
      if (loaded.snapshot) {
        const bytes = await indexBytes;
        this.step('indexFiles');
        this.indexes.load(this.dataDir, loaded.snapshot, this.warnings, bytes);
        this.step('indexes');
      }
      for (const e of loaded.journal) this.apply(e);
      this.step('journal');
      this.snapshotBytes = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
      this.journal = new Journal(path.join(this.dataDir, JOURNAL), loaded.journalBytes, loaded.journal.length);
      this.warnings.push(...loaded.warnings);
      // Records in the format before checksums, and snapshots in a format before graph.snap,
      // are migrated once, into a snapshot (the old file counts until the new one is renamed in).
      if ((loaded.legacyRecords || loaded.oldFormat) && !this.readOnly && !this.compact()) this.warnings.push('the journal or snapshot is in an older format and could not be rewritten yet (see above); it is retried');
    } catch (e) {
      this.release();
      throw e;
    }
    if (this.compactMs > 0) {
      this.compactTimer = setInterval(() => {
        const j = this.journal;
        const due = j.since !== undefined && Date.now() - j.since >= this.compactMs && j.size * 8 >= this.snapshotBytes;
        if (due && Date.now() >= this.compactRetryAt) void this.serial(() => this.compact());
      }, Math.min(this.compactMs, 30_000));
      this.compactTimer.unref();
    }
  }

  private step(name: string): void {
    const cpu = process.cpuUsage();
    this.startSteps[name] = { ms: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  }

  async close(): Promise<void> {
    clearInterval(this.compactTimer);
    await this.queue;
    this.release?.();
    this.release = undefined;
  }

  async health(): Promise<Health> {
    return { ok: true, nodes: this.g.nodes.size, edges: this.g.edgeCount };
  }

  /**
   * Never written: a store whose reports were all deleted is not empty, so start-up does not
   * seed it again (an unreadable data folder refuses to open before this is asked).
   */
  async isEmpty(): Promise<boolean> {
    return this.g.nodes.size === 0 && this.seq === 0;
  }

  async stats(): Promise<Stats> {
    if (this.cache.stats) return this.cache.stats;
    const counts = new Map<NodeType, number>();
    for (const n of this.g.nodes.values()) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
    return (this.cache.stats = statsOf(counts, this.g.edgeCount));
  }

  async getNodes(ids: readonly string[]): Promise<Array<GraphNode | null>> {
    return ids.map((id) => this.g.nodes.get(id) ?? null);
  }

  async edgesOf(ids: readonly string[], direction: Direction, types?: readonly EdgeType[]) {
    return ids.map((id) => this.g.edgesOf(id, direction, types));
  }

  async reportTexts(ids: readonly string[]): Promise<Array<string | null>> {
    return ids.map((id) => this.g.texts.get(id) ?? null);
  }

  async nodesOfReports(ids: readonly string[]): Promise<GraphNode[][]> {
    return ids.map((id) => [...(this.g.byReport.get(id)?.nodes ?? [])].map((n) => this.g.nodes.get(n)).filter((n): n is GraphNode => !!n).sort(compareNames));
  }

  private inTopics(topics: readonly string[] | undefined, reports?: readonly string[]): (n: GraphNode) => boolean {
    const byTopic = !topics?.length ? undefined
      : (n: GraphNode) => !TOPICAL_TYPES.has(n.type) || this.g.edgesOf(n.id, 'out', ['IN_TOPIC']).some((e) => topics.includes(e.target));
    const stated = reports ? new Set(reports) : undefined;
    const byReport = !stated ? undefined : (n: GraphNode) => !n.mentions.length || n.mentions.some((m) => stated.has(m.reportId));
    if (!byTopic && !byReport) return () => true;
    return (n) => (!byTopic || byTopic(n)) && (!byReport || byReport(n));
  }

  async search(text: string, types: readonly NodeType[] | undefined, first: number, topics?: readonly string[], reports?: readonly string[]): Promise<GraphNode[]> {
    const q = searchKey(text);
    const filtered = !!topics?.length || !!reports;
    const inTopics = this.inTopics(topics, reports);
    if (!q) {
      const listed = this.listByName(types);
      return filtered ? listed.filter(inTopics).slice(0, first) : listed.slice(0, first);
    }
    // The index knows which nodes are gone (apply tells it); only topics and places need the live node.
    const accept = filtered ? (id: string) => inTopics(this.g.nodes.get(id)!) : undefined;
    const ids = this.indexes.searchIndex().best(q, queryWords(text), first, { types, accept });
    return ids.map((id) => this.g.nodes.get(id)).filter((n): n is GraphNode => !!n);
  }

  private listByName(types: readonly NodeType[] | undefined): GraphNode[] {
    if (!this.cache.byName) {
      const by = new Map<NodeType, GraphNode[]>();
      for (const n of this.g.nodes.values()) {
        const list = by.get(n.type);
        if (list) list.push(n);
        else by.set(n.type, [n]);
      }
      this.cache.byName = by;
      this.cache.sorted = new Set();
    }
    const wanted = types?.length ? types : NODE_TYPES;
    // Each type's list is sorted when first asked for (measures are most of a big graph).
    for (const t of wanted) {
      if (this.cache.sorted!.has(t)) continue;
      this.cache.byName.get(t)?.sort(compareNames);
      this.cache.sorted!.add(t);
    }
    const lists = wanted.map((t) => this.cache.byName!.get(t) ?? []);
    return lists.length === 1 ? lists[0] : lists.flat().sort(compareNames);
  }

  async neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number, topics?: readonly string[], reports?: readonly string[]): Promise<Subgraph | null> {
    const start = this.g.nodes.get(id);
    if (!start) return null;
    const inTopics = this.inTopics(topics, reports);
    return neighborhoodOf(this.g, start, depth, limit, (n) => (!types?.length || types.includes(n.type)) && inTopics(n));
  }

  async relatedReforms(id: string, first: number): Promise<RelatedReform[] | null> {
    const target = this.g.nodes.get(id);
    if (!target || target.type !== 'REFORM') return null;
    return this.indexes.relatedReforms(id, first);
  }

  async relatedReformsMany(ids: readonly string[], first: number): Promise<Array<RelatedReform[] | null>> {
    return Promise.all(ids.map((id) => this.relatedReforms(id, first)));
  }

  /** Every node, edge and report text, for exports and tools (read-only views). */
  dump(): { nodes: GraphNode[]; edges: GraphEdge[]; texts: Map<string, string> } {
    return { nodes: [...this.g.nodes.values()], edges: [...this.g.edges.values()], texts: this.g.texts };
  }

  async exportGraph() {
    return this.dump();
  }

  async reports(): Promise<GraphNode[]> {
    return this.reportNodes().sort(reportOrder);
  }

  /**
   * The report nodes, found through the texts the graph keeps (one per report), not a pass over
   * every node: a write asks for them, and at a million nodes sorting all names took seconds.
   */
  private reportNodes(): GraphNode[] {
    const out: GraphNode[] = [];
    for (const id of this.g.texts.keys()) {
      const n = this.g.nodes.get(id);
      if (n) out.push(n);
    }
    return out;
  }

  writeReport(x: Extraction, opts: WriteOptions = {}): Promise<WriteResult> {
    return this.serial(() => {
      const replacing = opts.replace !== undefined && this.g.nodes.get(opts.replace)?.type === 'REPORT';
      if (!replacing && this.g.nodes.has(x.report.id)) return { created: false };
      // A corrected version of a report (same agency and year) replaces the old one.
      const replaces = replacing ? opts.replace : this.earlierVersion(x.report);
      this.log({ seq: this.seq + 1, op: 'write', x, replaces });
      return { created: true, replaced: replaces };
    });
  }

  deleteReport(id: string): Promise<boolean> {
    return this.serial(() => {
      const n = this.g.nodes.get(id);
      if (!n || n.type !== 'REPORT') return false;
      this.log({ seq: this.seq + 1, op: 'delete', id });
      return true;
    });
  }

  rebuild(xs: Extraction[]): Promise<void> {
    return this.serial(async () => {
      const next = new MemoryGraph();
      await next.load(() => {
        for (const x of xs) applyWrite(next, x);
      });
      // A full disk throws here, before anything in memory or on disk has changed.
      const written = this.refusedBy(() => this.snapshot(next, this.seq + 1));
      this.seq++;
      this.g = next;
      this.cache = {};
      this.indexes.reset();
      this.indexes.save(this.dataDir, { seq: this.seq, crc: written.crc }, false);
    });
  }

  /**
   * Journal first (written whole and flushed), then apply: a write the disk refused throws a
   * StorageError before it touches the graph, and an acknowledged one survives any crash.
   */
  private log(entry: JournalEntry): void {
    this.refusedBy(() => this.journal.append(entry));
    this.apply(entry);
    if ((this.journal.size > this.compactBytes || this.journal.entries > COMPACT_ENTRIES) && Date.now() >= this.compactRetryAt) this.compact();
  }

  /**
   * Folds the journal into a new snapshot. The write that asked is already safe in the journal,
   * so a failure (a full disk) only warns and is tried again later; old snapshot and journal
   * stay as they were. Returns whether it succeeded.
   */
  private compact(): boolean {
    try {
      const written = this.snapshot(this.g, this.seq);
      this.indexes.save(this.dataDir, { seq: this.seq, crc: written.crc });
      this.compactRetryAt = 0;
      return true;
    } catch (e) {
      this.compactRetryAt = Date.now() + (this.compactMs || 60_000);
      console.warn(`warning: compaction of ${this.dataDir} failed, the journal is kept and it is retried later: ${(e as Error).message}`);
      return false;
    }
  }

  /** The client is told why its write was refused; the operator, who can free the disk, too. */
  private refusedBy<T>(write: () => T): T {
    try {
      return write();
    } catch (e) {
      console.warn(`warning: a write to ${this.dataDir} was refused: ${(e as Error).message}`);
      throw e;
    }
  }

  /** Writes `g` as the snapshot at `seq`, then empties the journal it makes redundant. */
  private snapshot(g: MemoryGraph, seq: number): { crc: number } {
    const written = writeSnapshot(this.file, g, seq);
    this.snapshotBytes = written.bytes;
    for (const old of OLD_SNAPSHOTS) fs.rmSync(path.join(this.dataDir, old), { force: true });
    try {
      this.journal.reset();
    } catch (e) {
      // Harmless: at start the records the snapshot holds are skipped by their numbers.
      console.warn(`warning: the journal of ${this.dataDir} could not be emptied after a snapshot: ${(e as Error).message}`);
    }
    return written;
  }

  private apply(entry: JournalEntry): void {
    this.indexes.apply(entry, () => {
      if (entry.op === 'write') {
        if (entry.replaces) this.g.removeReport(entry.replaces);
        applyWrite(this.g, entry.x);
      } else this.g.removeReport(entry.id);
      this.seq = entry.seq;
    });
    // Derived views are rebuilt on demand (the query indexes are kept, told what changed).
    this.cache = {};
  }

  private earlierVersion(report: GraphNode): string | undefined {
    const edition = editionKey(report);
    if (edition === null) return undefined;
    return this.reportNodes().filter((n) => editionKey(n) === edition).sort(compareNames)[0]?.id;
  }

  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.readOnly) return Promise.reject(new Error(`${this.dataDir} is open read-only`));
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function applyWrite(g: MemoryGraph, x: Extraction): void {
  for (const n of x.nodes) g.mergeNode(n);
  for (const e of x.edges) g.mergeEdge(e);
  g.texts.set(x.report.id, x.text);
}
