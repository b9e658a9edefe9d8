import fs from 'node:fs';
import path from 'node:path';
import { SEEDS_DIR } from '../../paths';

/**
 * The genre glossary (seeds/lexicon/glossary.json): words that recur across bureaus' reports, with
 * their English; `fronted` are nominalised verbs that lead in English when they close a name
 * (建设 → "building …"); `proper` are names the genre shares, kept in pinyin and marked
 * as proper nouns (枫桥 → Fengqiao). Read once per process.
 */
export interface Glossary {
  words: Map<string, string>;
  fronted: Map<string, string>;
  /** Names the whole genre uses that English keeps in pinyin (枫桥 → Fengqiao): proper nouns. */
  proper: Map<string, string>;
  maxLen: number;
  /** The code units that are a word by themselves, one bit each. */
  singles: Uint32Array;
  /**
   * The words of two characters or more by pairKey of their first two code units, longest first:
   * a name is matched against them in place (startsWith), no slice of it made and hashed. Keys
   * two pairs share (pairKey keeps 14 bits of the first) hold the words of both.
   */
  wordsFromPair: Map<number, string[]>;
}

/** Two code units as one small integer (no heap number): the first's low 14 bits, then the second. */
export const pairKey = (first: number, second: number): number => ((first & 0x3fff) << 16) | second;

let glossary: Glossary | undefined;

export function loadGlossary(): Glossary {
  if (glossary) return glossary;
  const raw = JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, 'lexicon', 'glossary.json'), 'utf8')) as { words: Record<string, string>; fronted?: Record<string, string>; proper?: Record<string, string> };
  const words = new Map(Object.entries(raw.words));
  const fronted = new Map(Object.entries(raw.fronted ?? {}));
  const proper = new Map(Object.entries(raw.proper ?? {}));
  for (const [zh, en] of [...fronted, ...proper]) if (!words.has(zh)) words.set(zh, en);
  const singles = new Uint32Array(2048);
  const wordsFromPair = new Map<number, string[]>();
  for (const k of words.keys()) {
    if (k.length === 1) singles[k.charCodeAt(0) >>> 5] |= 1 << (k.charCodeAt(0) & 31);
    else if (k.length > 1) {
      const key = pairKey(k.charCodeAt(0), k.charCodeAt(1));
      const list = wordsFromPair.get(key);
      if (list) list.push(k);
      else wordsFromPair.set(key, [k]);
    }
  }
  for (const list of wordsFromPair.values()) list.sort((a, b) => b.length - a.length);
  glossary = { words, fronted, proper, maxLen: Math.max(...[...words.keys()].map((k) => k.length)), singles, wordsFromPair };
  return glossary;
}
