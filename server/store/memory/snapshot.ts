import fs from 'node:fs';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../../model/types';
import { MemoryGraph } from './graph';

const VERSION = 1;

interface SnapshotFile {
  version: number;
  savedAt: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  texts: Record<string, string>;
}

export class CorruptSnapshotError extends Error {}

/** Reads the snapshot; a missing file is an empty graph, an unreadable one is an error. */
export function readSnapshot(file: string): MemoryGraph | null {
  if (!fs.existsSync(file)) return null;
  let data: SnapshotFile;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotFile;
  } catch (e) {
    throw new CorruptSnapshotError(`the graph snapshot ${file} is not valid JSON (${(e as Error).message}); move it away to start from the seeds, or restore a backup`);
  }
  if (data.version !== VERSION || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) {
    throw new CorruptSnapshotError(`the graph snapshot ${file} has an unknown format (version ${String(data.version)})`);
  }
  const g = new MemoryGraph();
  for (const n of data.nodes) g.putNode(n);
  for (const e of data.edges) g.putEdge(e);
  g.texts = new Map(Object.entries(data.texts ?? {}));
  return g;
}

/**
 * Writes the whole graph to a temp file, flushes it to disk, renames it over the snapshot and
 * flushes the directory: a crash leaves either the old snapshot or the new one, never a mix.
 */
export function writeSnapshot(file: string, g: MemoryGraph): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const data: SnapshotFile = {
    version: VERSION,
    savedAt: new Date().toISOString(),
    nodes: [...g.nodes.values()],
    edges: [...g.edges.values()],
    texts: Object.fromEntries(g.texts),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(data));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
