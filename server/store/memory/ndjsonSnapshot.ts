import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { GraphEdge, GraphNode } from '../../model/types';
import { atomicWrite } from './diskWrites';
import type { MemoryGraph } from './graph';
import { CorruptSnapshotError, hex32 } from './journal';

/**
 * The snapshot format before the binary one (snapshot.ts): read so that old data folders still
 * open (the store then writes the binary snapshot and removes this file), and written only to
 * make such folders (tests of the migration).
 *
 * `graph.ndjson`, version 3: a header line counting every section, one line per node, edge and
 * report text, and a fixed-length end line `{"end":"<crc32>"}` whose CRC-32 covers every byte
 * before it. A snapshot cut short lacks the end line; a changed byte breaks the checksum; both
 * refuse to load. Version 2 (no end line, nodes and edges counted) still loads.
 */
const VERSION = 3;
const endLine = (crc: number) => `{"end":"${hex32(crc)}"}\n`;
const END_BYTES = endLine(0).length;

interface Header {
  version: number;
  seq: number;
  savedAt: string;
  nodes: number;
  edges: number;
  reports?: number;
  texts?: number;
}

/** Loads the snapshot into `g`; returns the journal sequence number it holds everything up to. */
export async function readNdjsonSnapshot(file: string, g: MemoryGraph): Promise<number> {
  const damaged = (why: string) => new CorruptSnapshotError(`the graph snapshot ${file} ${why}; move it away to start from the seeds, or restore a backup`);
  const bodyEnd = fs.statSync(file).size - END_BYTES;
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  // The checksum is taken on the raw chunks as they pass, not on each line again.
  let crc = 0;
  let pos = 0;
  input.on('data', (b) => {
    const chunk = b as Buffer;
    if (pos < bodyEnd) crc = zlib.crc32(pos + chunk.length <= bodyEnd ? chunk : chunk.subarray(0, bodyEnd - pos), crc);
    pos += chunk.length;
  });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let header: Header | undefined;
  let end: string | undefined;
  let n = 0;
  let reports = 0;
  let unreadable = 0;
  for await (const line of rl) {
    n++;
    if (!line || unreadable) continue;
    let rec: { n?: GraphNode; e?: GraphEdge; t?: [string, string]; end?: string } & Partial<Header>;
    try {
      rec = JSON.parse(line);
    } catch {
      // A version 3 file cut in the middle of a line says "incomplete" below, once read to the end.
      if (header?.version !== VERSION) throw damaged(`is damaged at line ${n}`);
      unreadable = n;
      continue;
    }
    if (!rec || typeof rec !== 'object') throw damaged(`is damaged at line ${n}: not a record`);
    if (!header) {
      if (rec.version !== VERSION && rec.version !== 2) throw damaged(`has an unknown format (version ${String(rec.version)})`);
      header = rec as Header;
      continue;
    }
    if (end !== undefined) throw damaged(`is damaged at line ${n}: a line after its end line`);
    if (rec.n) {
      g.putNode(rec.n);
      if (rec.n.type === 'REPORT') reports++;
    } else if (rec.e) g.putEdge(rec.e);
    else if (rec.t) g.texts.set(rec.t[0], rec.t[1]);
    else if (typeof rec.end === 'string' && header.version === VERSION) end = rec.end;
    else throw damaged(`is damaged at line ${n}: not a node, edge or text`);
  }
  if (!header) throw damaged('is empty');
  const counts = `${g.nodes.size}/${header.nodes} nodes, ${g.edges.size}/${header.edges} edges, ${reports}/${header.reports ?? '?'} reports, ${g.texts.size}/${header.texts ?? '?'} texts`;
  if (header.version === VERSION) {
    if (end === undefined) throw damaged(`is incomplete: it stops at line ${n} without its end line (${counts})`);
    if (unreadable) throw damaged(`is damaged at line ${unreadable}`);
    if (end !== hex32(crc)) throw damaged('is damaged: its checksum does not match (a changed byte)');
  }
  if (g.nodes.size !== header.nodes || g.edges.size !== header.edges
    || (header.version === VERSION && (reports !== header.reports || g.texts.size !== header.texts))) {
    throw damaged(`is incomplete (${counts})`);
  }
  return header.seq;
}

/** Writes the whole graph as a snapshot in this format at `seq` (atomicWrite); returns its size. */
export function writeNdjsonSnapshot(file: string, g: MemoryGraph, seq: number): number {
  return atomicWrite(file, 'the graph snapshot', (write) => {
    let crc = 0;
    let bytes = 0;
    let buf: string[] = [];
    let size = 0;
    const flush = () => {
      if (!buf.length) return;
      const chunk = Buffer.from(buf.join(''));
      crc = zlib.crc32(chunk, crc);
      write(chunk);
      bytes += chunk.length;
      buf = [];
      size = 0;
    };
    const put = (s: string) => {
      buf.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    };
    let reports = 0;
    for (const n of g.nodes.values()) if (n.type === 'REPORT') reports++;
    const header: Header = { version: VERSION, seq, savedAt: new Date().toISOString(), nodes: g.nodes.size, edges: g.edges.size, reports, texts: g.texts.size };
    put(`${JSON.stringify(header)}\n`);
    for (const n of g.nodes.values()) put(`${JSON.stringify({ n })}\n`);
    for (const e of g.edges.values()) put(`${JSON.stringify({ e })}\n`);
    for (const t of g.texts) put(`${JSON.stringify({ t })}\n`);
    flush();
    write(Buffer.from(endLine(crc)));
    return { bytes: bytes + END_BYTES };
  }).bytes;
}
