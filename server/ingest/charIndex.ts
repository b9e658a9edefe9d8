/**
 * Words by their first UTF-16 code unit, for finders that try every position of a sentence:
 * looking up `text.charCodeAt(i)` makes no string per character (text[i] did, for every
 * character of every sentence, and the collector paid for them).
 */
export class FirstCharIndex<T> {
  private readonly slots: Array<T[] | undefined> = new Array<T[] | undefined>(65536).fill(undefined);
  // One bit per code unit that starts a word: 8 KB that stay in the cache, where the slots
  // (256 KB) were read at every character and missed it, though most characters start no word.
  private readonly starts = new Uint32Array(2048);

  add(word: string, item: T): void {
    if (!word) return;
    const c = word.charCodeAt(0);
    const list = this.slots[c];
    if (list) list.push(item);
    else this.slots[c] = [item];
    this.starts[c >>> 5] |= 1 << (c & 31);
  }

  /** The items whose word starts with the code unit `code` (from charCodeAt), in the order added. */
  at(code: number): T[] | undefined {
    return this.starts[code >>> 5] & (1 << (code & 31)) ? this.slots[code] : undefined;
  }
}

