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

/**
 * A list of words searched in text, as one regular expression of them (longest first) would be,
 * without one: an alternation of a hundred verbs made the engine try every verb at every
 * character, where this tries only the words that start with the character there.
 */
export class WordList {
  private readonly index = new FirstCharIndex<string>();

  constructor(words: readonly string[]) {
    // Stable sort: words of one length keep their order, as alternatives in a regex would.
    for (const w of [...words].filter(Boolean).sort((a, b) => b.length - a.length)) this.index.add(w, w);
  }

  /** The word that starts at `i` (the longest), or undefined. */
  at(text: string, i: number): string | undefined {
    const list = this.index.at(text.charCodeAt(i));
    if (list) for (const w of list) if (text.startsWith(w, i)) return w;
    return undefined;
  }

  /** The leftmost word at or after `from`, and where it starts. */
  find(text: string, from = 0): { index: number; word: string } | undefined {
    for (let i = from; i < text.length; i++) {
      const word = this.at(text, i);
      if (word !== undefined) return { index: i, word };
    }
    return undefined;
  }

  /** Whether any of the words occurs in the text. */
  occursIn(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.at(text, i) !== undefined) return true;
    return false;
  }
}
