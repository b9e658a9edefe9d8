/**
 * Words by their first UTF-16 code unit, for finders that try every position of a sentence:
 * looking up `text.charCodeAt(i)` makes no string per character (text[i] did, for every
 * character of every sentence, and the collector paid for them).
 */
export class FirstCharIndex<T> {
  private readonly slots: Array<T[] | undefined> = new Array<T[] | undefined>(65536).fill(undefined);

  add(word: string, item: T): void {
    if (!word) return;
    const c = word.charCodeAt(0);
    const list = this.slots[c];
    if (list) list.push(item);
    else this.slots[c] = [item];
  }

  /** The items whose word starts with the code unit `code` (from charCodeAt), in the order added. */
  at(code: number): T[] | undefined {
    return this.slots[code];
  }
}
