import fs from 'node:fs';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../../model/types';
import { MemoryGraph } from './graph';
import { CorruptSnapshotError, JournalEntry, readJournal } from './journal';
import { readSnapshot } from './snapshot';

export { CorruptSnapshotError } from './journal';
export type { JournalEntry } from './journal';

/**
 * On disk the embedded store is a snapshot plus a write-ahead journal:
 * - `graph.ndjson` (snapshot.ts): header, one line per node, edge and report text, checksummed
 *   end line; written to a temp file, checked, renamed, directory flushed;
 * - `journal.ndjson` (journal.ts): one checksummed, numbered line per write since that
 *   snapshot, flushed before the write answers.
 * Start-up reads the snapshot and replays the journal; a torn last line (a write that never
 * answered) is dropped with a warning, anything else unreadable stops the start with the file,
 * the line and the reason. Lines keep memory flat: a million-node graph is larger than one
 * JavaScript string can be.
 */
export const SNAPSHOT = 'graph.ndjson';
export const JOURNAL = 'journal.ndjson';
export const LEGACY = 'graph.json';

export interface Loaded {
  graph: MemoryGraph;
  seq: number;
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
  const snap = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snap)) {
    await graph.load(async () => {
      seq = await readSnapshot(snap, graph);
    });
  } else if (fs.existsSync(path.join(dir, LEGACY))) await graph.load(() => readLegacy(path.join(dir, LEGACY), graph));
  const j = readJournal(path.join(dir, JOURNAL), seq);
  return { graph, seq, journal: j.entries, journalBytes: j.size, legacyRecords: j.legacy, warnings: j.warnings };
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
