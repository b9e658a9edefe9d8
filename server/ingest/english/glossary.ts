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
  /** The longest word by its first code unit (from charCodeAt). */
  longestFrom: Map<number, number>;
  /**
   * The lengths (bit n: length n; 31 and up share bit 31) of the words of two characters or more by their first two
   * code units, keyed by pairKey: far fewer lengths to try than by the first alone, and one
   * small-integer lookup for all of them. Keys two pairs share hold the lengths of both.
   */
  lengthsFromPair: Map<number, number>;
  /** The code units that are a word by themselves, one bit each. */
  singles: Uint32Array;
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
  const longestFrom = new Map<number, number>();
  for (const k of words.keys()) if (k) longestFrom.set(k.charCodeAt(0), Math.max(k.length, longestFrom.get(k.charCodeAt(0)) ?? 0));
  const lengthsFromPair = new Map<number, number>();
  const singles = new Uint32Array(2048);
  for (const k of words.keys()) {
    if (k.length === 1) singles[k.charCodeAt(0) >>> 5] |= 1 << (k.charCodeAt(0) & 31);
    else if (k.length > 1) {
      const key = pairKey(k.charCodeAt(0), k.charCodeAt(1));
      lengthsFromPair.set(key, (lengthsFromPair.get(key) ?? 0) | (1 << Math.min(k.length, 31)));
    }
  }
  glossary = { words, fronted, proper, maxLen: Math.max(...[...words.keys()].map((k) => k.length)), longestFrom, lengthsFromPair, singles };
  return glossary;
}
