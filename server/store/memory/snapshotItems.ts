import type { GraphNode, MentionRef, PropValue } from '../../model/types';
import type { BlockReader, BlockWriter } from './binary';
import { mentionAt, type MemoryGraph, type Support } from './graph';

/**
 * How a snapshot writes and reads the parts of its items (snapshot.ts: the file and its nodes;
 * snapshotEdges.ts: edges in columns): lists of strings, mentions and properties.
 */

/** An edge end that is no node (version 5 on): its id follows as a string. */
export const NOT_A_NODE = 0xffffffff;

// Property values carry a tag: null, false, true, a string, a number (written as its shortest text).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const STRING = 3;
const NUMBER = 4;

// What most items hold: shared while reading (the graph swaps in its own shared empty values).
export const NONE = Object.freeze([]) as unknown as string[];
export const NO_PROPS = Object.freeze({}) as Record<string, PropValue>;

export function strings(b: BlockReader): string[] {
  const n = b.u();
  if (!n) return NONE;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = b.s();
  return out;
}

/**
 * Report ids as the graph keeps them (MemoryGraph.support), asked once per block and report
 * (nodes) or per run of mentions of one report (edges): mentions are made with the graph's
 * string (putNode and keepEdge would swap it in), and comparing them (support, mentionAt) is
 * then comparing a pointer, not the characters.
 */
export class ReportIds {
  private raw?: string;
  private kept = '';
  private block?: BlockReader;
  /** The reports of nodes' mentions in `block`, by the place of their id in its table. */
  private slots: Array<Support | undefined> = [];

  constructor(private readonly g: MemoryGraph, private readonly damaged: (why: string) => Error) {}

  /**
   * The report of a node's mention whose id is string `slot` of block `b`: made now if new, as
   * putNode would make it. Looked up once per block and report, not per mention: a node
   * mentioned by many reports (a place, a reform) turns to another report at each mention.
   */
  nodeReport(b: BlockReader, slot: number): Support {
    if (b !== this.block) {
      this.block = b;
      this.slots = new Array<Support | undefined>(b.stringCount);
    }
    let s = this.slots[slot];
    if (!s) {
      const raw = b.stringAt(slot);
      if (raw === undefined) throw this.damaged(`names string ${slot} of a block of ${b.stringCount}`);
      this.slots[slot] = s = this.g.support(raw);
    }
    return s;
  }

  /** An edge's: the graph's string when it has the report, else the one read (keepEdge makes the report). */
  edge(raw: string): string {
    if (raw === this.raw) return this.kept;
    const s = this.g.byReport.get(raw);
    if (!s) return raw;
    this.raw = raw;
    return (this.kept = s.id);
  }
}

/**
 * A node's mentions, each with the graph's report id, and into `reports` the distinct reports
 * they are of (what putNode would work out from them again).
 */
export function nodeMentions(b: BlockReader, ids: ReportIds, reports: Support[]): MentionRef[] {
  const n = b.u();
  const out = new Array<MentionRef>(n);
  reports.length = 0;
  for (let i = 0; i < n; i++) {
    const s = ids.nodeReport(b, b.u());
    out[i] = { reportId: s.id, start: b.u(), end: b.u() };
    // A report's mentions usually come together: most repeats are the one just seen.
    if (reports[reports.length - 1] !== s) reports.push(s);
  }
  if (reports.length > 2) {
    const distinct = new Set(reports);
    reports.length = 0;
    for (const s of distinct) reports.push(s);
  }
  return out;
}

export function mentions(b: BlockReader, report: (raw: string) => string): MentionRef[] {
  const n = b.u();
  const out = new Array<MentionRef>(n);
  for (let i = 0; i < n; i++) out[i] = { reportId: report(b.s()), start: b.u(), end: b.u() };
  return out;
}

/** An edge's `n` mentions (not one: see readSnapshot), each the very mention object of an end mentioned at that span where there is one (MemoryGraph.keepEdge). */
export function edgeMentions(b: BlockReader, n: number, source: GraphNode | undefined, target: GraphNode | undefined, ids: ReportIds): MentionRef[] {
  const out = new Array<MentionRef>(n);
  for (let i = 0; i < n; i++) {
    const reportId = ids.edge(b.s());
    const start = b.u();
    const end = b.u();
    out[i] = mentionAt(source, reportId, start, end) ?? mentionAt(target, reportId, start, end) ?? { reportId, start, end };
  }
  return out;
}

export function props(b: BlockReader): Record<string, PropValue> {
  const n = b.u();
  if (!n) return NO_PROPS;
  const out: Record<string, PropValue> = {};
  for (let i = 0; i < n; i++) {
    const k = b.s();
    const tag = b.u();
    out[k] = tag === NULL ? null : tag === FALSE ? false : tag === TRUE ? true : tag === STRING ? b.s() : Number(b.s());
  }
  return out;
}

/**
 * Passes over an item's properties, giving a text that tells them apart (undefined: none), so
 * that edges with the same ones can share one object (sharedProps).
 */
export function propsKey(b: BlockReader): string | undefined {
  const n = b.u();
  if (!n) return undefined;
  let key = '';
  for (let i = 0; i < n; i++) {
    const k = b.s();
    const tag = b.u();
    // Each string after its length: no two lists of properties give the same text.
    if (tag >= STRING) {
      const v = b.s();
      key += `${k.length}:${k}${tag}${v.length}:${v}`;
    } else key += `${k.length}:${k}${tag}`;
  }
  return key;
}

export interface LastProps {
  block: BlockReader;
  at: number;
  words: number;
  props: Record<string, PropValue>;
}

/**
 * A node's properties: the very object of the last node of its type read when they are the same
 * words of the same block (so the same keys, in the same order, and values), frozen then so that
 * a write copies it first (withProps). Nodes come by report, and a report's measures of one
 * section have the same properties: at a million nodes 720 thousand measures have 40 thousand
 * distinct ones.
 */
export function nodeProps(b: BlockReader, type: string, last: Map<string, LastProps>): Record<string, PropValue> {
  const at = b.position;
  const n = b.u();
  if (!n) return NO_PROPS;
  for (let i = 0; i < n; i++) {
    b.u();
    if (b.u() >= STRING) b.u();
  }
  const words = b.position - at;
  const had = last.get(type);
  if (had && had.block === b && had.words === words && b.wordsEqual(had.at, at, words)) {
    if (!Object.isFrozen(had.props)) Object.freeze(had.props);
    return had.props;
  }
  const props = propsAgain(b, at);
  b.seek(at + words);
  last.set(type, { block: b, at, words, props });
  return props;
}

/** The properties at word `at`, read again (the reader stays where it was). */
export function propsAgain(b: BlockReader, at: number): Record<string, PropValue> {
  const after = b.position;
  b.seek(at);
  const out = props(b);
  b.seek(after);
  return out;
}

/** The one object of the properties at word `at` (their `key`), shared by every edge with the same (undefined: too many kinds to keep). */
export function sharedProps(b: BlockReader, at: number, key: string, shared: Map<string, Record<string, PropValue>>): Record<string, PropValue> | undefined {
  let out = shared.get(key);
  if (!out) {
    if (shared.size >= 0xffff) return undefined;
    shared.set(key, (out = Object.freeze(propsAgain(b, at))));
  }
  return out;
}

export function putMentions(b: BlockWriter, ms: readonly MentionRef[]): void {
  b.u(ms.length);
  for (const m of ms) {
    b.str(m.reportId);
    b.u(m.start);
    b.u(m.end);
  }
}

export function putProps(b: BlockWriter, p: Record<string, PropValue>): void {
  const keys = Object.keys(p).filter((k) => p[k] !== undefined);
  b.u(keys.length);
  for (const k of keys) {
    const v = p[k];
    b.str(k);
    if (v === null) b.u(NULL);
    else if (typeof v === 'boolean') b.u(v ? TRUE : FALSE);
    else if (typeof v === 'number') {
      b.u(NUMBER);
      b.str(String(v));
    } else {
      b.u(STRING);
      b.str(String(v));
    }
  }
}
