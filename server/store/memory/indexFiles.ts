import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GraphNode } from '../../model/types';
import { emptyIndex, newKey, putContext, type ReformIndex, slotOf } from '../related';
import { blocksOfFile, BlockFileWriter, BlockReader, BlockWriter, checksumAt } from './binary';
import { atomicWrite } from './diskWrites';

/**
 * `search.idx` and `related.idx`: the two query indexes of one snapshot, so that the first query
 * after a start reads an index instead of building one (seconds at a million nodes). Each file
 * starts by naming its graph: the snapshot's journal sequence and checksum. An index whose graph
 * is not the snapshot being loaded (older, newer, another folder's), or that is damaged in any
 * way, is not used: the store builds that index again when it is first asked for, and saves it
 * with the next snapshot. Nodes are named by their position in the snapshot (SnapshotRead.order).
 */
export const SEARCH_INDEX = 'search.idx';
export const RELATED_INDEX = 'related.idx';
export const NO_FILE = 'there is none';
const MAGIC = Buffer.from('KGINDEX\u0001');
export type IndexKind = 'search' | 'related';
const KIND: Record<IndexKind, number> = { search: 1, related: 2 };
/**
 * Each kind's format; a file of another is built again (search 2: posting tables read as they
 * lie; 3: no strings in the file's blocks, so each is a view into the file read whole, and ids
 * by hash, so the first write after a start needs no map of every id; related 2: contexts of the
 * contract's types only).
 */
const VERSION: Record<IndexKind, number> = { search: 3, related: 2 };

/** The graph an index was made from. */
export interface GraphVersion {
  seq: number;
  crc: number;
}

/** Writes an index file for the graph `version` (atomicWrite); `blocks` null writes nothing. */
export function writeIndexFile(file: string, kind: IndexKind, version: GraphVersion, blocks: BlockWriter[]): number {
  return atomicWrite(file, `the ${kind} index`, (put) => {
    const w = new BlockFileWriter(put, MAGIC);
    const head = new BlockWriter(0);
    for (const x of [VERSION[kind], KIND[kind], Math.floor(version.seq / 2 ** 32), version.seq % 2 ** 32, version.crc]) head.u(x);
    w.block(head.finish());
    for (const b of blocks) w.block(b.finish());
    w.end();
    return { bytes: w.bytes };
  }).bytes;
}

/** An index file read ahead: its bytes, and whether they have the checksum they end with. */
export interface IndexFileBytes {
  bytes: Buffer;
  checksumOk: boolean;
}

/**
 * Reads each file whole and checks its checksum, in a worker thread: the files' bytes are then
 * handed over (not copied). The first pass over a hundred MB just read costs a few hundred ms of
 * CPU here, which the worker spends on the other core while the main thread decodes the graph.
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const out = {};
const { files, fileTail } = workerData;
for (const [kind, file] of files) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const bytes = Buffer.allocUnsafeSlow(size);
      let got = 0;
      for (let r = 1; got < size && r > 0; got += r) r = fs.readSync(fd, bytes, got, size - got, got);
      if (got !== size) continue;
      const end = size - fileTail; // where the checksum is (binary.ts checksumAt)
      const checksumOk = end >= 0 && zlib.crc32(bytes.subarray(0, end)) >>> 0 === bytes.readUInt32LE(end);
      out[kind] = { bytes: bytes.buffer, checksumOk };
    } finally {
      fs.closeSync(fd);
    }
  } catch {}
}
parentPort.postMessage(out, Object.values(out).map((f) => f.bytes));
`;

/**
 * The index files of a folder, read whole and checked beside the main thread (READER): called
 * before the graph is read, the disk and the checksum are done while the graph is decoded, and
 * the memory is taken while the heap is still small (taken beside a heap of gigabytes, a hundred
 * MB made the collector go over all of it). A file that is not there or cannot be read is left
 * out, as is everything if no worker can run: readIndexFile then reads it and says why.
 */
export function readIndexFilesAhead(dir: string): Promise<Partial<Record<IndexKind, IndexFileBytes>>> {
  const files = ([['search', SEARCH_INDEX], ['related', RELATED_INDEX]] as const).map(([kind, name]) => [kind, path.join(dir, name)]);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(READER, { eval: true, workerData: { files, fileTail: checksumAt(MAGIC) } });
    } catch {
      return resolve({});
    }
    worker.once('message', (read: Partial<Record<IndexKind, { bytes: ArrayBuffer; checksumOk: boolean }>>) => {
      const out: Partial<Record<IndexKind, IndexFileBytes>> = {};
      for (const [kind, f] of Object.entries(read) as Array<[IndexKind, { bytes: ArrayBuffer; checksumOk: boolean }]>) out[kind] = { bytes: Buffer.from(f.bytes), checksumOk: f.checksumOk };
      resolve(out);
    });
    worker.once('error', () => resolve({}));
    worker.once('exit', () => resolve({}));
  });
}

/**
 * The blocks of an index file made from `version`, or why it cannot be used (missing, made
 * from another graph or in another format, damaged). The file is one Buffer (`bytes` when read
 * ahead, else read here) and its blocks are views into it: nothing is copied or made per item.
 * The whole file is checked before any of it is used.
 */
export function readIndexFile(file: string, kind: IndexKind, version: GraphVersion, ahead?: IndexFileBytes): { blocks: BlockReader[] } | { why: string } {
  let buf = ahead?.bytes;
  if (!buf) {
    if (!fs.existsSync(file)) return { why: NO_FILE };
    try {
      buf = readWhole(file);
    } catch (e) {
      return { why: `it cannot be read (${(e as Error).message})` };
    }
  }
  try {
    const blocks = blocksOfFile(buf, MAGIC, ahead?.checksumOk);
    const head = blocks.shift();
    if (!head) return { why: 'it is empty' };
    const [v, k, hi, lo, crc] = [head.u(), head.u(), head.u(), head.u(), head.u()];
    if (v !== VERSION[kind] || k !== KIND[kind]) return { why: `it has another format (version ${v}, kind ${k})` };
    if (hi * 2 ** 32 + lo !== version.seq || crc !== version.crc) return { why: `it was made from another graph (write ${hi * 2 ** 32 + lo}, not ${version.seq}, or another snapshot)` };
    return { blocks };
  } catch (e) {
    return { why: `it is damaged (${(e as Error).message})` };
  }
}

/** A file in memory of its own (so views of 32-bit words into it lie at multiples of 4). */
function readWhole(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafeSlow(size);
    for (let got = 0; got < size;) {
      const r = fs.readSync(fd, buf, got, size - got, got);
      if (r <= 0) return buf.subarray(0, got);
      got += r;
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The related-reform index as blocks: each reform and its context, by position; null when a node
 * has none. Format 2: contexts of the contract's types only (format 1 also held organisations,
 * documents and reforms, so its files are built again).
 */
export function encodeRelated(ix: ReformIndex, positionOf: (id: string) => number | undefined): BlockWriter[] | null {
  const b = new BlockWriter(1);
  for (const [id, s] of ix.slot) {
    const keys = ix.ctx[s];
    if (!keys) continue;
    const p = positionOf(id);
    if (p === undefined) return null;
    b.items++;
    b.u(p);
    b.u(keys.length);
    for (const k of keys) {
      const q = positionOf(ix.keyAt[k]);
      if (q === undefined) return null;
      b.u(q);
    }
  }
  return [b];
}

/**
 * The index encodeRelated wrote, its nodes found by position (`positions` of them); null when
 * one is missing or not a reform. Nodes are numbered by position as they are met, so no id is
 * hashed: the ids are only listed (keyAt), and looked up when a write first asks.
 */
export function decodeRelated(blocks: BlockReader[], nodeAt: (position: number) => GraphNode | undefined, positions: number): ReformIndex | null {
  const [b] = blocks;
  if (!b || blocks.length !== 1) return null;
  const ix = emptyIndex();
  // Key + 1 of each position (0: none yet).
  const keyAtPosition = new Int32Array(positions);
  for (let i = 0; i < b.items; i++) {
    const p = b.u();
    const reform = p < positions ? nodeAt(p) : undefined;
    if (reform?.type !== 'REFORM') return null;
    const n = b.u();
    // Written in the order the context keeps (id order), so it is kept as read.
    const keys = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const q = b.u();
      let k = q < positions ? keyAtPosition[q] - 1 : -1;
      if (k < 0) {
        const node = q < positions ? nodeAt(q) : undefined;
        if (!node) return null;
        k = newKey(ix, node.id);
        keyAtPosition[q] = k + 1;
      }
      keys[j] = k;
    }
    putContext(ix, slotOf(ix, reform.id), reform, keys);
  }
  return ix;
}
