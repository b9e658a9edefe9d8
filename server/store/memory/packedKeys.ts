import { BlockReader, BlockWriter } from './binary';
import { firstAtLeast } from './postings';

/**
 * The name keys of the nodes whose keys are not just their name (aliases, an English name, a
 * folded form), as search.idx holds them: the ordinals ascending, where each one's keys begin,
 * where each key ends, and all their UTF-16 units in one run. Read back, they stay as read: a
 * node's keys become strings when a search or write first looks at that node, so a start makes
 * none of the hundreds of thousands a million-node graph has.
 */
export class PackedKeys {
  private constructor(
    private readonly ordinals: Uint32Array,
    /** keyStart[i]..keyStart[i + 1]: the keys of ordinals[i] (one key: the node's keys are that string). */
    private readonly keyStart: Uint32Array,
    /** Where each key's units end in `units`. */
    private readonly keyEnd: Uint32Array,
    private readonly units: Uint16Array,
  ) {}

  /** Writes the keys of each ordinal `keysAt` gives keys for (ascending ordinals), as one block. */
  static encode(n: number, keysAt: (o: number) => string | readonly string[] | undefined): BlockWriter {
    const ordinals: number[] = [];
    const keyStart: number[] = [0];
    const keyEnd: number[] = [];
    const text: string[] = [];
    let units = 0;
    for (let o = 0; o < n; o++) {
      const keys = keysAt(o);
      if (keys === undefined) continue;
      ordinals.push(o);
      for (const k of typeof keys === 'string' ? [keys] : keys) {
        text.push(k);
        keyEnd.push((units += k.length));
      }
      keyStart.push(keyEnd.length);
    }
    // An even number of units, so they are whole words of the block.
    const packed = Buffer.alloc(2 * (units + (units % 2)));
    let at = 0;
    for (const t of text) at += packed.write(t, at, 'utf16le');
    const b = new BlockWriter(4);
    b.u(ordinals.length);
    b.u(keyEnd.length);
    b.u(units);
    b.array(Uint32Array.from(ordinals));
    b.array(Uint32Array.from(keyStart));
    b.array(Uint32Array.from(keyEnd));
    b.array(new Uint32Array(packed.buffer, packed.byteOffset, packed.length / 4));
    return b;
  }

  /** The keys `encode` wrote, as views into the block; null when they do not add up. */
  static decode(b: BlockReader): PackedKeys | null {
    const [m, k, units] = [b.u(), b.u(), b.u()];
    const ordinals = b.take(m);
    const keyStart = b.take(m + 1);
    const keyEnd = b.take(k);
    const words = b.take((units + (units % 2)) / 2);
    if (!b.done || ordinals.length !== m || keyStart.length !== m + 1 || keyEnd.length !== k || words.length !== (units + (units % 2)) / 2 || keyStart[m] !== k || (k && keyEnd[k - 1] !== units)) return null;
    for (let i = 0; i < m; i++) if (keyStart[i] >= keyStart[i + 1] || (i && ordinals[i] <= ordinals[i - 1])) return null;
    for (let i = 1; i < k; i++) if (keyEnd[i] < keyEnd[i - 1]) return null;
    return new PackedKeys(ordinals, keyStart, keyEnd, new Uint16Array(words.buffer, words.byteOffset, units));
  }

  /** The keys of ordinal o (undefined when they are its name). */
  keysOf(o: number): string | string[] | undefined {
    const ords = this.ordinals;
    const lo = firstAtLeast(ords, o);
    if (lo === ords.length || ords[lo] !== o) return undefined;
    const [from, to] = [this.keyStart[lo], this.keyStart[lo + 1]];
    if (to - from === 1) return this.key(from);
    const keys = new Array<string>(to - from);
    for (let j = from; j < to; j++) keys[j - from] = this.key(j);
    return keys;
  }

  private key(j: number): string {
    const from = j ? this.keyEnd[j - 1] : 0;
    return String.fromCharCode.apply(null, this.units.subarray(from, this.keyEnd[j]) as unknown as number[]);
  }
}
