import { pinyin } from 'pinyin-pro';
import { isWordBoundary } from '../mentions/segment';
import { mayStartPlace, mayStartPlaceWith, namesAPlace, placeLengthsFrom } from '../places';
import { loadGlossary, pairKey } from './glossary';
import { NUMERAL, numberEn, numeralValue } from './numbers';

/**
 * English of a Chinese name, composed word by word with the genre's grammar:
 *  - words from the genre glossary (seeds/lexicon/glossary.json), longest first, cut where jieba
 *    cuts the name; modifier before head as in English (执法监督管理机制 → law-enforcement
 *    supervision management mechanism);
 *  - numbers: 三项制度 → three systems, 十五分钟办事圈 → fifteen-minute service circle, and the
 *    一A一B pattern: 一村一警 → one police officer per village;
 *  - a closing nominalised verb (建设, 创建) goes first: 法治政府建设 → building rule-of-law government;
 *    X的Y → Y of X, 关于X的Y → Y on X;
 *  - pinyin only for proper nouns, returned in `proper` so the reader can mark them: places of the
 *    national division list, and brand names (a platform's own name, a name in quotes);
 *  - anything else the glossary cannot say is not invented: the result is the Chinese with a gloss
 *    of what is known, "十项制度 (ten systems)" style, `glossed: true`.
 */
export interface English {
  text: string;
  /** Pinyin proper nouns, each as it stands in `text`. */
  proper: string[];
  /** The text is the Chinese name with a gloss: the glossary could not say all of it. */
  glossed: boolean;
}

export interface ComposeOptions {
  /** The node's own name is a brand (a platform): unknown words in it are its name, in pinyin. */
  brand?: boolean;
  /** What the thing is, for a gloss when no word of the name is known ("reform"). */
  kind?: string;
}

type Item =
  | { k: 'word'; zh: string; en: string }
  | { k: 'num'; zh: string; n: number; measure: boolean; adj?: string; over?: boolean }
  | { k: 'proper'; zh: string; en: string; proper: string }
  | { k: 'unknown'; zh: string; quoted: boolean }
  | { k: 'mark'; zh: string; en: string };

// Measure words between a number and its noun: 三项制度, 52所学校, 四个意识.
const MEASURE_WORDS = '项个大类种条张所名家支位批套座道部件起次宗台只级星';
// Units that make the number an adjective: 十五分钟办事圈 → fifteen-minute service circle.
const ADJ_UNITS: Record<string, string> = { 分钟: 'minute', 小时: 'hour', 天: 'day', 日: 'day', 年: 'year', 级: 'level', 星: 'star', 色: 'colour', 维: 'dimension', 方: 'party', 层: 'tier', 段: 'stage', 化: '' };
const UNIT_RE = new RegExp(`^(?:${Object.keys(ADJ_UNITS).filter(Boolean).join('|')}|[${MEASURE_WORDS}])`);

const INVARIANT = /(?:police|personnel|staff|public|security|management|governance|equipment|information|evidence|property|safety|software|media|data|ing|ese|\bwork|\bsupervision|\btraining|\beducation|\bservice)$/;

/** The plural of an English phrase: its last word. */
export function plural(en: string): string {
  if (!en || INVARIANT.test(en) || /s$/.test(en)) return en;
  if (/[^aeiou]y$/.test(en)) return `${en.slice(0, -1)}ies`;
  if (/(?:x|ch|sh)$/.test(en)) return `${en}es`;
  if (/(?:officer|person)$/.test(en)) return en.replace(/person$/, 'people').replace(/officer$/, 'officers');
  return `${en}s`;
}

/** The singular of an English phrase the glossary gives in the plural ("police officers" → "police officer"). */
export function singular(en: string): string {
  if (/ies$/.test(en)) return `${en.slice(0, -3)}y`;
  if (/[^su]s$/.test(en) && !/(?:ics|ss|news)$/.test(en)) return en.slice(0, -1);
  return en;
}

function syllables(zh: string): string[] {
  // ü (v here) is written u; most syllables have none, and are kept as they are.
  const syl = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  for (let k = 0; k < syl.length; k++) if (syl[k].includes('v')) syl[k] = syl[k].replace(/v/g, 'u');
  return syl;
}

/** 越警管家 → Yuejing Guanjia: one capitalised word per jieba word. */
export function pinyinName(zh: string): string {
  // A place recurs in many names of a report (绍兴市…, 绍兴…): spelt once, with the other names.
  return remembered(SPELT, zh, spell, undefined);
}

function spell(zh: string): string {
  // Characters jieba leaves single make one word with their neighbours (禾警通 → Hejingtong).
  // The words as tokens(zh) cuts them, read from the boundaries: spelling needs no tags.
  const words: string[] = [];
  let single = false;
  for (let a = 0, b = 1; a < zh.length; a = b++) {
    while (b < zh.length && !isWordBoundary(zh, b)) b++;
    const word = zh.slice(a, b);
    const isSingle = b - a === 1 && zh.charCodeAt(a) >= 0x3400 && zh.charCodeAt(a) <= 0x9fff;
    if (isSingle && single) words[words.length - 1] += word;
    else words.push(word);
    single = isSingle;
  }
  return words
    .map((w) => syllables(w).join(''))
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
    .replace(/ ([^A-Za-z])/g, '$1');
}

// Sticky: read where a stretch ends, not from a slice of the rest of the name at every length tried.
const PLACE_SUFFIX = /(省|市|县|区|自治州|自治县|镇|乡|街道)/y;
const KIND_END = /(?:省|市|县|区)$/;
const PARTY_COMMITTEE = /(?:省|市|区|县)委/y;

function matchAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/**
 * A place of the national list starting at `i` (绍兴, 海珠区, 广东省), with its English, when its
 * name is longer than `beat` characters (what cut() would take instead of it: a shorter place loses).
 */
function placeAt(s: string, i: number, isBoundary: (at: number) => boolean, beat: number, from = 6): { zh: string; stem: string; suffix: string } | undefined {
  // Most characters open no place's name, and most that may do not with the next one.
  if (!mayStartPlace(s.charCodeAt(i)) || i + 1 >= s.length || !mayStartPlaceWith(s.charCodeAt(i), s.charCodeAt(i + 1))) return undefined;
  // The lengths of the names that open with this character: a stretch is looked up only when a
  // name as long as it, or as it with a suffix of up to three characters, exists.
  const lengths = placeLengthsFrom(s.charCodeAt(i));
  for (let len = Math.min(from, s.length - i); len >= 2; len--) {
    // A place found from here on is at most len characters and a suffix of three: it cannot win.
    if (len + 3 <= beat) return undefined;
    if (!((lengths >>> len) & 0b1111)) continue;
    const written = matchAt(PLACE_SUFFIX, s, i + len)?.[1] ?? '';
    // The suffix is the place's unless it opens the next word: 吉林省委 is Jilin's Party committee.
    const suffix = written && matchAt(PARTY_COMMITTEE, s, i + len) ? '' : written;
    // Asked first of the national list (a lookup), then of the name's words (a cut); only at a
    // length some place opening with this character has (placeLengthsFrom is exact).
    const bare = ((lengths >>> len) & 1) === 1;
    const suffixed = suffix !== '' && ((lengths >>> (len + suffix.length)) & 1) === 1;
    if (!bare && !suffixed) continue;
    const zh = s.slice(i, i + len);
    if (!(bare && namesAPlace(zh)) && !(suffixed && namesAPlace(zh + suffix))) continue;
    // Inside a longer word only with its kind (重庆市公安局 is one word to jieba): 和平 alone may be peace.
    if (!KIND_END.test(zh) && !written) {
      // The place found here would be at most len characters: when that cannot win, the cut of
      // the name's words is asked only if a shorter place could (公安 in 公安局 asks none).
      if (len <= beat) {
        const shorter = placeAt(s, i, isBoundary, beat, len - 1);
        return shorter && !isBoundary(i + len) ? shorter : undefined;
      }
      if (!isBoundary(i + len)) continue;
    }
    // 广东省 may be one word: its own suffix is the kind, its stem the name.
    const own = /^(.{2,}?)(省|市|县|区|自治州|自治县)$/.exec(zh);
    if (own && !suffix) return s[i + len] === '委' ? { zh: own[1], stem: own[1], suffix: '' } : { zh, stem: own[1], suffix: own[2] };
    return { zh: zh + suffix, stem: zh, suffix };
  }
  return undefined;
}

// What a numeral opens with (NUMERAL), besides a digit: tested before reading one from the rest of the name.
const NUMERAL_START = new Set([...'零〇一二两三四五六七八九十'].map((x) => x.charCodeAt(0)));

const SUFFIX_EN: Record<string, string> = { 省: 'Province', 市: '', 县: 'County', 区: 'District', 自治州: 'Autonomous Prefecture', 自治县: 'Autonomous County', 镇: 'Town', 乡: 'Township', 街道: 'Subdistrict' };

/** The fewest glossary words that make up `word` exactly, if any do. */
function cover(word: string, words: Map<string, string>): string[] | undefined {
  const best: Array<string[] | undefined> = [[]];
  for (let i = 1; i <= word.length; i++)
    for (let j = 0; j < i; j++) {
      const w = word.slice(j, i);
      if (best[j] && words.has(w) && (!best[i] || best[j]!.length + 1 < best[i]!.length)) best[i] = [...best[j]!, w];
    }
  return best[word.length];
}

/** The word of `name` that starts at `i` (as tokens(name) cuts it), if one does: up to the next boundary. */
function wordFrom(name: string, i: number): string | undefined {
  if (!isWordBoundary(name, i)) return undefined;
  let j = i + 1;
  while (j < name.length && !isWordBoundary(name, j)) j++;
  return i < name.length ? name.slice(i, j) : undefined;
}

/** Cuts the name into items: glossary words, numbers, places, and what none of these is. */
function cut(name: string): Item[] {
  const g = loadGlossary();
  const items: Item[] = [];
  let quoted = false;
  // The name's words, asked of the segmenter only where a choice needs them (most names are
  // glossary words end to end), and only the part of the name around the place asked about: a
  // boundary needs no part-of-speech tags, nor the whole name cut into tokens.
  const isBoundary = (at: number) => isWordBoundary(name, at);
  let i = 0;
  while (i < name.length) {
    // Read as a code unit first: name[i] makes a string of each character past Latin-1.
    const c = name.charCodeAt(i);
    // “”"「」『』
    if (c === 0x201c || c === 0x201d || c === 0x22 || (c >= 0x300c && c <= 0x300f)) {
      quoted = c === 0x201c || c === 0x300c || c === 0x300e || (c === 0x22 && !quoted);
      i++;
      continue;
    }
    // 《》〈〉()（）[]【】
    if ((c >= 0x3008 && c <= 0x300b) || c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09 || c === 0x5b || c === 0x5d || c === 0x3010 || c === 0x3011) {
      i++;
      continue;
    }
    const ch = name[i];
    // Glossary words, longest first; one character only where jieba cuts after it.
    let hit = '';
    // Only the words opening with these two characters are tried, in place (longest first, and
    // at most one of each length can be here): no slice of the name made and hashed for each.
    const next = i + 1 < name.length ? name.charCodeAt(i + 1) : -1;
    const pairWords = next >= 0 ? g.wordsFromPair.get(pairKey(c, next)) : undefined;
    if (pairWords) {
      for (let k = 0; k < pairWords.length; k++) {
        if (name.startsWith(pairWords[k], i)) {
          hit = pairWords[k];
          break;
        }
      }
    }
    // This character alone is a word: taken where jieba cuts after it.
    const single = ((g.singles[c >>> 5] >>> (c & 31)) & 1) === 1;
    if (!hit && single && (!(next >= 0x3400 && next <= 0x9fff) || isBoundary(i + 1))) hit = name.slice(i, i + 1);
    // Codes written with + (1+6+N, 1+3+5) are names as written.
    const code = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? /^[\dA-Za-z]+(?:[+＋][\dA-Za-z]+)+/.exec(name.slice(i))?.[0] : undefined;
    if (code) {
      items.push({ k: 'mark', zh: code, en: code });
      i += code.length;
      continue;
    }
    const num = (c >= 0x30 && c <= 0x39) || NUMERAL_START.has(c) ? NUMERAL.exec(name.slice(i))?.[0] : undefined;
    // A place the national list names wins over a shorter word or number in it (六安市, 万州区), not
    // over a glossary word as long as itself (公安 is also a county of Hubei).
    const beat = Math.max(hit.length, num?.length ?? 0);
    const place = placeAt(name, i, isBoundary, beat);
    if (place && place.zh.length > beat) {
      const stem = pinyinName(place.stem).replace(/ /g, '');
      items.push({ k: 'proper', zh: place.zh, en: `${stem}${SUFFIX_EN[place.suffix] ? ` ${SUFFIX_EN[place.suffix]}` : ''}`, proper: stem });
      i += place.zh.length;
      continue;
    }
    // A glossary word wins over a number only when it is at least as long (一体化, 一流, 四平台).
    if (num && (!hit || hit.length < num.length || (hit.length === num.length && UNIT_RE.test(name.slice(i + num.length))))) {
      const n = numeralValue(num)!;
      // A year is a name of its own: 2024年度 → 2024.
      const year = /^年度?/.exec(name.slice(i + num.length));
      if (year && n >= 1900 && n < 2100) {
        items.push({ k: 'word', zh: num + year[0], en: year[0] === '年度' ? `${n} annual` : String(n) });
        i += num.length + year[0].length;
        continue;
      }
      // 10余次, 100多人: more than.
      const over = /^[余多]/.test(name.slice(i + num.length)) ? 1 : 0;
      const rest = name.slice(i + num.length + over);
      const unit = UNIT_RE.exec(rest)?.[0];
      const zh = name.slice(i, i + num.length + over + (unit?.length ?? 0));
      if (unit && unit in ADJ_UNITS) items.push({ k: 'num', zh, n, measure: false, adj: ADJ_UNITS[unit], over: !!over });
      else items.push({ k: 'num', zh, n, measure: !!unit, over: !!over });
      i += zh.length;
      continue;
    }
    if (hit && g.proper.has(hit)) {
      items.push({ k: 'proper', zh: hit, en: g.proper.get(hit)!, proper: g.proper.get(hit)! });
      i += hit.length;
      continue;
    }
    if (hit) {
      items.push({ k: 'word', zh: hit, en: g.words.get(hit)! });
      i += hit.length;
      continue;
    }
    // A word the glossary has only in parts (提交市 → 提交 + 市): taken when the parts cover it.
    // Its first part starts here, and is no longer word than this character (a longer one would be
    // the hit): so the word is asked of the cut only when this character is a glossary word.
    const tok = single ? wordFrom(name, i) : undefined;
    const parts = tok && tok.length > 1 ? cover(tok, g.words) : undefined;
    if (parts) {
      for (const w of parts) items.push({ k: 'word', zh: w, en: g.words.get(w)! });
      i += tok!.length;
      continue;
    }
    if (c >= 0x3400 && c <= 0x9fff) {
      const last = items[items.length - 1];
      // Joined to the unknown before it when inside one word or in the same quotes: the cut is
      // asked only when the quotes differ.
      if (last?.k === 'unknown' && (last.quoted === quoted || !isBoundary(i))) last.zh += ch;
      else items.push({ k: 'unknown', zh: ch, quoted });
      i++;
      continue;
    }
    // Latin letters, digits and punctuation as written.
    let j = i + 1;
    while (j < name.length && !/[\u3400-\u9fff“”"「」『』《》〈〉()（）]/.test(name[j]) && !NUMERAL.test(name.slice(j)) ) j++;
    const raw = name.slice(i, j).replace(/、/g, ', ').replace(/[,，]/g, ', ').replace(/\s+/g, ' ');
    if (raw.trim()) items.push({ k: 'mark', zh: name.slice(i, j), en: raw.trim() === ',' ? ',' : raw.trim() });
    i = j;
  }
  return items;
}

const numEn = (it: { n: number; over?: boolean }) => `${it.over ? 'more than ' : ''}${numberEn(it.n)}`;
const enOf = (it: Item): string => (it.k === 'word' || it.k === 'proper' || it.k === 'mark' ? it.en : it.k === 'num' ? numEn(it) : '');

/** 一A一B(两C): one B (and two Cs) per A. Returns the items with the pattern made one word. */
function perPattern(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    const x = items[i + 1];
    const b = items[i + 2];
    const y = items[i + 3];
    if (a?.k === 'num' && a.n === 1 && !a.adj && b?.k === 'num' && b.n === 1 && !b.adj && x && y && (x.k === 'word' || x.k === 'proper') && (y.k === 'word' || y.k === 'proper')) {
      const parts = [`one ${singular(enOf(y))}`];
      let j = i + 4;
      while (items[j]?.k === 'num' && (items[j + 1]?.k === 'word')) {
        const n = items[j] as Extract<Item, { k: 'num' }>;
        parts.push(`${numberEn(n.n)} ${n.n > 1 ? plural(enOf(items[j + 1])) : enOf(items[j + 1])}`);
        j += 2;
      }
      const zh = items.slice(i, j).map((t) => t.zh).join('');
      out.push({ k: 'word', zh, en: `${parts.join(' and ')} per ${singular(enOf(x))}` });
      i = j - 1;
    } else out.push(a);
  }
  return out;
}

/** Numbers with what they count: 三项制度 → three systems; 十五分钟 → fifteen-minute. */
function counted(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.k !== 'num') {
      out.push(it);
      continue;
    }
    const next = items[i + 1];
    if (it.adj !== undefined) out.push({ k: 'word', zh: it.zh, en: it.adj ? `${numberEn(it.n)}-${it.adj}` : numberEn(it.n) });
    else if (next && (next.k === 'word' || next.k === 'proper') && next.en) {
      // The noun counted is the last of the words that follow before a mark: 三项重点工作 → three key tasks.
      let j = i + 1;
      while (items[j + 1] && (items[j + 1].k === 'word') && (items[j + 1] as { en: string }).en && j - i < 3) j++;
      const words = items.slice(i + 1, j + 1).map(enOf).filter(Boolean);
      const last = words.pop()!;
      // 四大行动: four major actions.
      const major = it.zh.endsWith('大') ? ['major'] : [];
      const en = [numEn(it), ...major, ...words, it.n === 1 && !it.over ? singular(last) : plural(last)].join(' ');
      out.push({ k: 'word', zh: items.slice(i, j + 1).map((t) => t.zh).join(''), en });
      i = j;
    } else out.push({ k: 'word', zh: it.zh, en: numEn(it) });
  }
  return out;
}

// A joined text these rules leave as it is: words apart by single spaces, no punctuation to tidy.
const TIDY = /[,.;:)]|\s\s|^\s|\s$|[^\S ]/;

function join(parts: string[]): string {
  return tidy(parts.filter(Boolean).join(' '));
}

// The English of the items, as join(items.map(enOf)) (no list of their words made on the way).
function joinItems(items: Item[]): string {
  let joined = '';
  for (const it of items) {
    const en = enOf(it);
    if (en) joined = joined ? `${joined} ${en}` : en;
  }
  return tidy(joined);
}

function tidy(joined: string): string {
  if (!TIDY.test(joined)) return joined;
  return joined.replace(/\s+([,.;:)])/g, '$1').replace(/([,;:])(?=\S)/g, '$1 ').replace(/\s+/g, ' ').replace(/^[,\s]+|[,\s]+$/g, '').trim();
}

const cap = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** The English of the items in order, with the genre's inversions. */
function render(items: Item[], g: ReturnType<typeof loadGlossary>): string {
  // X的Y → Y of X; 关于X的Y → Y on X (the last 的 decides).
  let de = items.length - 1;
  while (de >= 0 && items[de].zh !== '的') de--;
  if (de > 0 && de < items.length - 1) {
    const head = render(items.slice(de + 1), g);
    const about = items[0].zh === '关于';
    const mod = render(items.slice(about ? 1 : 0, de), g);
    return `${head} ${about ? 'on' : 'of'} ${mod}`;
  }
  // A closing nominalised verb leads in English: 法治政府建设 → building rule-of-law government.
  const last = items[items.length - 1];
  // Not in a statement of a problem (法治理念仍待提升): there the verb says what is lacking.
  if (items.length > 1 && last.k === 'word' && g.fronted.has(last.zh) && !items.some((t) => /[仍待还不]/.test(t.zh))) return join([g.fronted.get(last.zh)!, render(items.slice(0, -1), g)]);
  return joinItems(items);
}

// Every English name composed, by what it names and its Chinese: the same names recur in report
// after report, so a server composes 派出所 or 杭州市公安局 once. The one cache of English names
// (agencies, places and a lexicon name's transliterations too): what it keeps is the whole
// composition, text and proper nouns together, so a name read from it is marked as when first
// composed. Bounded by emptying when full (the names come from reports: their number has no limit).
// Kept as one map per kind of name (and per composition's options), each keyed by the Chinese
// alone: a lookup builds no key string, and a name is looked up many times more than composed.
const spaces: Array<Map<string, unknown>> = [];
let composedCount = 0;
const COMPOSED_MAX = 50000;

/** A map of names for remembered(), emptied with the others (forgetComposedNames, or the cache full). */
export function namesCache<T>(): Map<string, T> {
  const m = new Map<string, T>();
  spaces.push(m);
  return m;
}

/**
 * Empty the cache: what a process that has read no report yet holds. For timing a report as a
 * server meets a new one (the bench), where reading the same report again would find every name.
 */
export function forgetComposedNames(): void {
  for (const m of spaces) m.clear();
  composedCount = 0;
}

/**
 * `make(key, arg)`, once per key of `cache` and process (see above); callers must not change what it
 * returns. `make` takes its argument rather than closing over it: no closure is made per lookup.
 */
export function remembered<T, A>(cache: Map<string, T>, key: string, make: (key: string, arg: A) => T, arg: A): T {
  let r = cache.get(key);
  if (r === undefined) {
    r = make(key, arg);
    if (composedCount >= COMPOSED_MAX) forgetComposedNames();
    cache.set(key, r);
    composedCount++;
  }
  return r;
}

// Names of places and brands in pinyin (pinyinName).
const SPELT = namesCache<string>();

// Compositions by their options (brand or not, then kind), then by name.
const composedPlain = namesCache<Map<string, English>>();
const composedBrand = namesCache<Map<string, English>>();

function composedOf(name: string, opts: ComposeOptions): English {
  const byKind = opts.brand ? composedBrand : composedPlain;
  const kind = opts.kind ?? '';
  let names = byKind.get(kind);
  if (!names) byKind.set(kind, (names = new Map()));
  let hit = names.get(name);
  if (hit === undefined) {
    hit = composeUncached(name, opts);
    if (composedCount >= COMPOSED_MAX) forgetComposedNames();
    // Emptied while composing (or just now): this kind's map went with the others; start it anew.
    if (byKind.get(kind) !== names) byKind.set(kind, (names = new Map()));
    names.set(name, hit);
    composedCount++;
  }
  return hit;
}

/** The composed English of a name; see the module comment. */
export function composeEnglish(name: string, opts: ComposeOptions = {}): English {
  const hit = composedOf(name, opts);
  return { ...hit, proper: [...hit.proper] };
}

/** composeEnglish without the copy, for callers in this stage that only read what it returns. */
export function composeEnglishShared(name: string, opts: ComposeOptions = {}): English {
  return composedOf(name, opts);
}

function composeUncached(name: string, opts: ComposeOptions): English {
  const g = loadGlossary();
  const cutItems = cut(name.trim());
  // Most names count nothing: their items stand as cut (both passes would copy them unchanged).
  const items = cutItems.some((t) => t.k === 'num') ? counted(perPattern(cutItems)) : cutItems;
  const proper: string[] = [];
  let unknowns = 0;
  for (const t of items) {
    if (t.k === 'proper') proper.push(t.proper);
    else if (t.k === 'unknown') unknowns++;
  }
  if (!unknowns) return { text: cap(render(items, g)), proper, glossed: false };
  const unknown = items.filter((t) => t.k === 'unknown');
  // A brand (a platform's own name, or a quoted name of one): what the glossary does not know is its name.
  if (opts.brand || unknown.every((t) => t.k === 'unknown' && t.quoted && opts.brand !== false && opts.kind === 'platform')) {
    const lastUnknown = items.map((t) => t.k).lastIndexOf('unknown');
    const brandZh = items.slice(0, lastUnknown + 1).map((t) => t.zh).join('');
    const brand = pinyinName(brandZh);
    const rest = render(items.slice(lastUnknown + 1), g);
    return { text: join([brand, rest]), proper: [brand, ...proper], glossed: false };
  }
  // Otherwise say it in Chinese with a gloss of what is known, never invented words.
  // The gloss marks what it leaves out (…); one that would say only numbers says what the thing is.
  const gap: Item = { k: 'mark', zh: '', en: '…' };
  const shown = items.map((t) => (t.k === 'unknown' ? gap : t)).filter((t, i, a) => !(t === gap && a[i - 1] === gap));
  const says = items.some((t) => (t.k === 'word' || t.k === 'proper') && t.en && !NUMERAL.test(t.zh));
  const gloss = says ? render(shown, g).replace(/^[,\s]+/, '') : '';
  const what = gloss || (opts.kind ?? 'name');
  const text = `${name.trim()} (${what})`;
  return { text, proper, glossed: true };
}

/** The words of a name the glossary lacks (what a glossary maintainer would add next). */
export function unknownWords(name: string): string[] {
  return cut(name.trim()).flatMap((t) => (t.k === 'unknown' ? [t.zh] : []));
}
