import fs from 'node:fs';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../../model/types';
import { MemoryGraph } from './graph';
import { CorruptSnapshotError, JournalEntry, readJournal } from './journal';
import { readNdjsonSnapshot } from './ndjsonSnapshot';
import { readSnapshot, type SnapshotRead, VERSION as SNAPSHOT_VERSION } from './snapshot';

export { CorruptSnapshotError } from './journal';
export type { JournalEntry } from './journal';

/**
 * On disk the embedded store is a snapshot plus a write-ahead journal, and beside them the
 * search and related-reform indexes of the snapshot's graph:
 * - `graph.snap` (snapshot.ts): binary blocks of nodes, edges and report texts, checksummed;
 *   written to a temp file, checked, renamed, directory flushed;
 * - `journal.ndjson` (journal.ts): one checksummed, numbered line per write since that
 *   snapshot, flushed before the write answers;
 * - `search.idx`, `related.idx` (indexFiles.ts): each names the snapshot it was made from, and
 *   is used only with that one.
 * Start-up reads the snapshot and its indexes, then replays the journal; a torn last line (a
 * write that never answered) is dropped with a warning, anything else unreadable stops the
 * start with the file, the line and the reason. Older folders hold `graph.ndjson` (one JSON
 * line per item) or `graph.json`: they load as before and the store then writes `graph.snap`
 * and removes them (once; until the new file is renamed in, the old one is what counts).
 */
export const SNAPSHOT = 'graph.snap';
export const NDJSON_SNAPSHOT = 'graph.ndjson';
export const JOURNAL = 'journal.ndjson';
export const LEGACY = 'graph.json';
/** The files of the formats before `graph.snap`, newest first. */
export const OLD_SNAPSHOTS = [NDJSON_SNAPSHOT, LEGACY];

export interface Loaded {
  graph: MemoryGraph;
  seq: number;
  /** What the binary snapshot read (absent when the graph came from an older format or from nothing). */
  snapshot?: SnapshotRead;
  /** The graph came from a snapshot in an older format (`graph.ndjson`, `graph.json`, an older `graph.snap`): it is to be written anew. */
  oldFormat: boolean;
  journal: JournalEntry[];
  /** Bytes of whole journal records (a torn tail beyond them is not counted). */
  journalBytes: number;
  /** Journal records in the format before checksums. */
  legacyRecords: number;
  warnings: string[];
}

export async function loadGraph(dir: string): Promise<Loaded> {
  const graph = new MemoryGraph();
  let seq = 0;
  let snapshot: SnapshotRead | undefined;
  let oldFormat = false;
  const snap = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snap)) {
    await graph.load(() => {
      snapshot = readSnapshot(snap, graph);
      seq = snapshot.seq;
      oldFormat = snapshot.version < SNAPSHOT_VERSION;
    });
  } else if (fs.existsSync(path.join(dir, NDJSON_SNAPSHOT))) {
    oldFormat = true;
    await graph.load(async () => {
      seq = await readNdjsonSnapshot(path.join(dir, NDJSON_SNAPSHOT), graph);
    });
  } else if (fs.existsSync(path.join(dir, LEGACY))) {
    oldFormat = true;
    await graph.load(() => readLegacy(path.join(dir, LEGACY), graph));
  }
  const j = readJournal(path.join(dir, JOURNAL), seq);
  return { graph, seq, snapshot, oldFormat, journal: j.entries, journalBytes: j.size, legacyRecords: j.legacy, warnings: j.warnings };
}

function readLegacy(file: string, g: MemoryGraph): void {
  let data: { version?: number; nodes?: GraphNode[]; edges?: GraphEdge[]; texts?: Record<string, string> };
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CorruptSnapshotError(`the graph snapshot ${file} is not valid JSON (${(e as Error).message}); move it away to start from the seeds, or restore a backup`);
  }
  if (data.version !== 1 || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) throw new CorruptSnapshotError(`the graph snapshot ${file} has an unknown format`);
  for (const n of data.nodes) g.putNode(n);
  for (const e of data.edges) g.putEdge(e);
  for (const [k, v] of Object.entries(data.texts ?? {})) g.texts.set(k, v);
}
