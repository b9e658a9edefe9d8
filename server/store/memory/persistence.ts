import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Extraction, GraphEdge, GraphNode } from '../../model/types';
import { MemoryGraph } from './graph';

/**
 * On disk the embedded store is a snapshot plus a write-ahead journal:
 * - `graph.ndjson`: a header line, then one line per node, edge and report text; written to a
 *   temp file, flushed, renamed, directory flushed (a crash leaves the old one or the new one);
 * - `journal.ndjson`: one line per write since that snapshot, flushed before the write answers.
 * Start-up reads the snapshot and replays the journal; a torn last line (a write that never
 * answered) is dropped, anything else unreadable stops the start with a clear message.
 * Lines keep memory flat: a million-node graph is larger than one JavaScript string can be.
 */
export class CorruptSnapshotError extends Error {}

export const SNAPSHOT = 'graph.ndjson';
export const JOURNAL = 'journal.ndjson';
const LEGACY = 'graph.json';
const VERSION = 2;

export type JournalEntry =
  | { seq: number; op: 'write'; x: Extraction; replaces?: string }
  | { seq: number; op: 'delete'; id: string };

interface Header {
  version: number;
  seq: number;
  savedAt: string;
  nodes: number;
  edges: number;
}

export async function loadGraph(dir: string): Promise<{ graph: MemoryGraph; seq: number; journal: JournalEntry[]; journalBytes: number }> {
  const graph = new MemoryGraph();
  let seq = 0;
  const snap = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snap)) {
    await graph.load(async () => {
      seq = await readSnapshot(snap, graph);
    });
  } else if (fs.existsSync(path.join(dir, LEGACY))) await graph.load(() => readLegacy(path.join(dir, LEGACY), graph));
  const jpath = path.join(dir, JOURNAL);
  const journal: JournalEntry[] = [];
  let journalBytes = 0;
  if (fs.existsSync(jpath)) {
    const raw = fs.readFileSync(jpath, 'utf8');
    journalBytes = Buffer.byteLength(raw);
    const lines = raw.split('\n');
    lines.forEach((line, i) => {
      if (!line) return;
      let e: JournalEntry;
      try {
        e = JSON.parse(line) as JournalEntry;
      } catch {
        // Only the last line can be torn: a write cut off by a crash, never acknowledged.
        if (lines.slice(i + 1).some((l) => l)) throw new CorruptSnapshotError(`the journal ${jpath} is damaged at line ${i + 1}; restore a backup or move it away to start from the snapshot`);
        return;
      }
      if (e.seq > seq) journal.push(e);
    });
  }
  return { graph, seq, journal, journalBytes };
}

async function readSnapshot(file: string, g: MemoryGraph): Promise<number> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let header: Header | undefined;
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line) continue;
    let rec: { n?: GraphNode; e?: GraphEdge; t?: [string, string] } & Partial<Header>;
    try {
      rec = JSON.parse(line);
    } catch {
      throw new CorruptSnapshotError(`the graph snapshot ${file} is damaged at line ${n}; move it away to start from the seeds, or restore a backup`);
    }
    if (!header) {
      if (rec.version !== VERSION) throw new CorruptSnapshotError(`the graph snapshot ${file} has an unknown format (version ${String(rec.version)})`);
      header = rec as Header;
      continue;
    }
    if (rec.n) g.putNode(rec.n);
    else if (rec.e) g.putEdge(rec.e);
    else if (rec.t) g.texts.set(rec.t[0], rec.t[1]);
  }
  if (!header) throw new CorruptSnapshotError(`the graph snapshot ${file} is empty`);
  if (g.nodes.size !== header.nodes || g.edges.size !== header.edges) {
    throw new CorruptSnapshotError(`the graph snapshot ${file} is incomplete (${g.nodes.size}/${header.nodes} nodes, ${g.edges.size}/${header.edges} edges)`);
  }
  return header.seq;
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

/** Writes the whole graph as a new snapshot at `seq` and empties the journal. */
export function writeSnapshot(dir: string, g: MemoryGraph, seq: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SNAPSHOT);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    let buf: string[] = [];
    let size = 0;
    const put = (s: string) => {
      buf.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    };
    const flush = () => {
      if (buf.length) fs.writeSync(fd, buf.join(''));
      buf = [];
      size = 0;
    };
    put(`${JSON.stringify({ version: VERSION, seq, savedAt: new Date().toISOString(), nodes: g.nodes.size, edges: g.edges.size })}\n`);
    for (const n of g.nodes.values()) put(`${JSON.stringify({ n })}\n`);
    for (const e of g.edges.values()) put(`${JSON.stringify({ e })}\n`);
    for (const t of g.texts) put(`${JSON.stringify({ t })}\n`);
    flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fs.rmSync(path.join(dir, LEGACY), { force: true });
  fs.writeFileSync(path.join(dir, JOURNAL), '');
  fsyncDir(dir);
}

/** Appends one write to the journal and flushes it to disk before returning. */
export function appendJournal(dir: string, entry: JournalEntry): number {
  const line = `${JSON.stringify(entry)}\n`;
  const fd = fs.openSync(path.join(dir, JOURNAL), 'a');
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return Buffer.byteLength(line);
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
