import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * Blocks of the binary files (snapshot and index files): a block is its own string table plus
 * one column of 32-bit words that refer to it, so reading one costs a copy of its bytes, one
 * slice per distinct string and a walk over the words: no text to parse. Strings are UTF-16
 * code units as JavaScript holds them (a lone surrogate survives, and the mostly Chinese text
 * is two bytes a character instead of UTF-8's three).
 *
 * Layout of a block: six words (kind, items, strings, string bytes, words, 0), the strings'
 * end offsets, the words, then the string bytes.
 */
const HEAD = 6;

export class BlockWriter {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private words: number[] = [];
  /** Words written before the current `words`: earlier runs, and typed arrays taken whole. */
  private readonly runs: Array<number[] | Uint32Array> = [];
  private wordCount = 0;
  private bytes = 0;
  items = 0;

  constructor(readonly kind: number) {}

  /** Writes a reference to the string (each distinct string is stored once per block). */
  str(s: string): void {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, i);
      this.bytes += 2 * s.length;
    }
    this.words.push(i);
  }

  /** A whole number from 0 to 2³² − 1. */
  u(n: number): void {
    if (!(n >= 0 && n <= 0xffffffff && Number.isInteger(n))) throw new RangeError(`${n} does not fit a block word`);
    this.words.push(n);
  }

  /** A column of whole numbers at once, copied as it lies in memory (Int32 values read back through Int32Array). */
  array(a: Uint32Array | Int32Array): void {
    this.runs.push(this.words, new Uint32Array(a.buffer, a.byteOffset, a.length));
    this.wordCount += this.words.length + a.length;
    this.words = [];
  }

  /** Roughly how many bytes the block holds so far (to cut blocks at a size). */
  get size(): number {
    return this.bytes + 4 * (this.wordCount + this.words.length + this.strings.length);
  }

  finish(): Buffer {
    const n = this.strings.length;
    const runs = [...this.runs, this.words];
    const words = this.wordCount + this.words.length;
    const wordsAt = 4 * (HEAD + n);
    const stringsAt = wordsAt + 4 * words;
    const buf = Buffer.allocUnsafe(stringsAt + this.bytes);
    const head = [this.kind, this.items, n, this.bytes, words, 0];
    for (let i = 0; i < HEAD; i++) buf.writeUInt32LE(head[i], 4 * i);
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += buf.write(this.strings[i], stringsAt + at, 'utf16le');
      buf.writeUInt32LE(at, 4 * (HEAD + i));
    }
    let w = wordsAt;
    for (const run of runs) {
      if (run instanceof Uint32Array) {
        Buffer.from(run.buffer, run.byteOffset, run.byteLength).copy(buf, w);
        w += run.byteLength;
      } else {
        for (const x of run) {
          buf.writeUInt32LE(x, w);
          w += 4;
        }
      }
    }
    return buf;
  }
}

export class BlockReader {
  readonly kind: number;
  readonly items: number;
  private readonly strings: string[];
  private readonly words: Uint32Array;
  private at = 0;

  /** `buf` must start at a multiple of 4 bytes in its memory (Buffer.allocUnsafeSlow). */
  constructor(buf: Buffer, what: () => Error) {
    if (buf.length < 4 * HEAD || buf.byteOffset % 4) throw what();
    const w = new Uint32Array(buf.buffer, buf.byteOffset, HEAD);
    this.kind = w[0];
    this.items = w[1];
    const n = w[2];
    const wordsAt = 4 * (HEAD + n);
    const stringsAt = wordsAt + 4 * w[4];
    if (stringsAt + w[3] !== buf.length) throw what();
    const ends = new Uint32Array(buf.buffer, buf.byteOffset + 4 * HEAD, n);
    this.words = new Uint32Array(buf.buffer, buf.byteOffset + wordsAt, w[4]);
    this.strings = new Array<string>(n);
    let from = stringsAt;
    for (let i = 0; i < n; i++) {
      const to = stringsAt + ends[i];
      if (to < from || to > buf.length) throw what();
      this.strings[i] = buf.toString('utf16le', from, to);
      from = to;
    }
  }

  u(): number {
    return this.words[this.at++];
  }

  s(): string {
    return this.strings[this.words[this.at++]];
  }

  /** The string at place `i` of the block's table (a word read by u() that refers to one). */
  stringAt(i: number): string {
    return this.strings[i];
  }

  /** How many strings the block's table holds. */
  get stringCount(): number {
    return this.strings.length;
  }

  /** Where the next word is read (to read some again: seek). */
  get position(): number {
    return this.at;
  }

  seek(at: number): void {
    this.at = at;
  }

  /** Whether the n words at `a` are those at `b`. */
  wordsEqual(a: number, b: number, n: number): boolean {
    const w = this.words;
    for (let i = 0; i < n; i++) if (w[a + i] !== w[b + i]) return false;
    return true;
  }

  /** The next n words as they lie in the block (a view: copy what must outlive the block). */
  take(n: number): Uint32Array {
    const out = this.words.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  get done(): boolean {
    return this.at >= this.words.length;
  }
}

/**
 * A file of blocks: magic (8 bytes), a header block, data blocks each after its length, then a
 * zero length, the CRC-32 of every byte before it and the magic again. A file cut short lacks
 * the end; a changed byte breaks the checksum.
 */
export class BlockFileReader {
  private crc = 0;
  private pos = 0;
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  private readonly size: number;

  constructor(private readonly fd: number, private readonly magic: Buffer, private readonly damaged: (why: string) => Error) {
    this.size = fs.fstatSync(fd).size;
    const m = this.take(magic.length, true);
    if (!m.equals(magic)) throw damaged('has an unknown format');
  }

  /** The checksum of what was read so far (of the whole file once next() said null). */
  get checksum(): number {
    return this.crc >>> 0;
  }

  /** The next block, or null at the end (after which the checksum has been checked). */
  next(): BlockReader | null {
    return this.read(false);
  }

  /** next(), the block in memory of its own (the next block does not overwrite its words). */
  nextCopy(): BlockReader | null {
    return this.read(true);
  }

  private read(copy: boolean): BlockReader | null {
    const len = this.take(4, true).readUInt32LE(0);
    if (len === 0) {
      const want = this.crc >>> 0;
      const end = this.take(4 + this.magic.length, false);
      if (end.readUInt32LE(0) !== want) throw this.damaged('is damaged: its checksum does not match (a changed byte)');
      if (!end.subarray(4).equals(this.magic)) throw this.damaged('is damaged: its end is not where the file ends');
      if (this.pos !== this.size) throw this.damaged('is damaged: bytes after its end');
      return null;
    }
    // A copy is read straight into memory of its own (index files are 100 MB at 1M nodes).
    const buf = this.take(len, true, copy ? Buffer.allocUnsafeSlow(len) : undefined);
    return new BlockReader(buf, () => this.damaged(`is damaged at byte ${this.pos}: a block that does not add up`));
  }

  private take(n: number, checked: boolean, into?: Buffer): Buffer {
    if (this.pos + n > this.size) throw this.damaged(`is incomplete: it stops at byte ${this.size} without its end`);
    if (!into && n > this.buf.length) this.buf = Buffer.allocUnsafeSlow(Math.max(n, 2 * this.buf.length));
    const out = into ?? this.buf.subarray(0, n);
    let got = 0;
    while (got < n) {
      const r = fs.readSync(this.fd, out, got, n - got, this.pos + got);
      if (r <= 0) throw this.damaged(`is incomplete: it stops at byte ${this.pos + got} without its end`);
      got += r;
    }
    if (checked) this.crc = zlib.crc32(out, this.crc);
    this.pos += n;
    return out;
  }
}

/** How far from a file of blocks' end its checksum starts (the CRC-32, then the magic). */
export const checksumAt = (magic: Buffer): number => 4 + magic.length;

/**
 * The blocks of a file of blocks (BlockFileReader's format) held whole in `buf`, as views into it,
 * after checking its end and checksum (`checksumOk` when already checked). A block that does not
 * lie at a multiple of 4 bytes is copied.
 */
export function blocksOfFile(buf: Buffer, magic: Buffer, checksumOk?: boolean): BlockReader[] {
  const size = buf.length;
  const tail = 4 + checksumAt(magic);
  if (size < magic.length || !buf.subarray(0, magic.length).equals(magic)) throw new Error('has an unknown format');
  if (size < magic.length + tail || !buf.subarray(size - magic.length).equals(magic) || buf.readUInt32LE(size - tail) !== 0) throw new Error(`is incomplete: it stops at byte ${size} without its end`);
  checksumOk ??= zlib.crc32(buf.subarray(0, size - checksumAt(magic))) >>> 0 === buf.readUInt32LE(size - checksumAt(magic));
  if (!checksumOk) throw new Error('is damaged: its checksum does not match (a changed byte)');
  const blocks: BlockReader[] = [];
  for (let at = magic.length; at < size - tail;) {
    const len = buf.readUInt32LE(at);
    at += 4;
    if (len === 0 || at + len > size - tail) throw new Error(`is damaged at byte ${at}: a block that does not add up`);
    let block = buf.subarray(at, at + len);
    if (block.byteOffset % 4) block = Buffer.from(block.buffer.slice(block.byteOffset, block.byteOffset + len));
    blocks.push(new BlockReader(block, () => new Error(`is damaged at byte ${at}: a block that does not add up`)));
    at += len;
  }
  return blocks;
}

/** Writes a file of blocks (see BlockFileReader); returns its size and checksum. */
export class BlockFileWriter {
  private crc = 0;
  bytes = 0;

  constructor(private readonly put: (b: Buffer) => void, private readonly magic: Buffer) {
    this.raw(magic);
  }

  block(b: Buffer): void {
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(b.length, 0);
    this.raw(len);
    this.raw(b);
  }

  end(): number {
    this.raw(Buffer.alloc(4));
    const tail = Buffer.allocUnsafe(4 + this.magic.length);
    tail.writeUInt32LE(this.crc >>> 0, 0);
    this.magic.copy(tail, 4);
    this.put(tail);
    this.bytes += tail.length;
    return this.crc >>> 0;
  }

  private raw(b: Buffer): void {
    this.crc = zlib.crc32(b, this.crc);
    this.put(b);
    this.bytes += b.length;
  }
}
