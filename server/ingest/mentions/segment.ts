import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** One word of a sentence as jieba cuts it, with its part-of-speech tag and offsets. */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

// The dictionary takes ~150 ms to load: once per process, and only when a name needs it.
let jieba: Jieba | undefined;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

// A report asks for the same sentence once per kind word in it; keep the last few cut, for one
// report only (forgetSentences at its start): a report read again must pay for its cuts again,
// as a new report does, or a timing of the same report over and over shows no segmentation.
const recent = new Map<string, Token[]>();

/** Forget the sentences cut so far: called as each report's extraction begins. */
export function forgetSentences(): void {
  recent.clear();
  runs.clear();
  partsTagged.clear();
}

// jieba cuts a text run by run: each run of han characters, letters, digits and +#&._%- is cut
// on its own (jieba-rs's RE_HAN_DEFAULT), and every other character but white space is a word
// by itself. So a clause, a sentence and a title holding the same run share its words: each run
// is cut once per report, and the runs a text still lacks go to jieba in one call.
const OWN_WORD = /[^\u4e00-\u9fd5A-Za-z0-9+#&._%\-\s\ud800-\udfff]/g;
const runs = new Map<string, string[]>();
// Joins runs sent together: a character jieba neither joins to a run nor counts as white space.
const JOIN = '\u0001';

// The text in runs and the characters between them.
function partsOf(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  OWN_WORD.lastIndex = 0;
  for (let m = OWN_WORD.exec(text); m; m = OWN_WORD.exec(text)) {
    if (m.index > from) parts.push(text.slice(from, m.index));
    parts.push(m[0]);
    from = m.index + 1;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

// Cuts, in one call, the runs among `parts` not cut yet in this report.
function cutMissing(parts: Iterable<string>): void {
  const todo: string[] = [];
  const seen = new Set<string>();
  for (const p of parts) if (p.length > 1 && !runs.has(p) && !seen.has(p)) todo.push(p), seen.add(p);
  if (!todo.length) return;
  if (runs.size > 20_000) runs.clear();
  if (!learnRuns(todo, segmenter().cut(todo.join(JOIN), false))) for (const p of todo) runs.set(p, segmenter().cut(p, false));
}

function cutWords(text: string): string[] {
  const parts = partsOf(text);
  cutMissing(parts);
  const out: string[] = [];
  for (const p of parts) {
    if (p.length === 1) out.push(p);
    else for (const w of runs.get(p)!) out.push(w);
  }
  return out;
}

// The words of runs cut together, run by run; false if a word were to straddle two runs.
function learnRuns(todo: string[], words: string[]): boolean {
  let k = 0;
  let at = 0;
  let end = todo[0].length;
  let cur: string[] = [];
  for (const w of words) {
    if (at === end && w === JOIN && k + 1 < todo.length) {
      runs.set(todo[k++], cur);
      cur = [];
      at += 1;
      end = at + todo[k].length;
      continue;
    }
    cur.push(w);
    at += w.length;
    if (at > end) return false;
  }
  if (k !== todo.length - 1 || at !== end) return false;
  runs.set(todo[k], cur);
  return true;
}

// jieba tags a word by looking it up alone (its dictionary tag, else x / m / eng by its
// characters), whatever surrounds it: so `tag` is `cut` plus a lookup per word, and the tags
// it has given are remembered for every later sentence. `cut` costs a third of `tag`; a
// sentence with a word not seen before is tagged whole, which teaches its words.
const tagOf = new Map<string, string>();

// The tags of new words, asked of jieba for those words alone, in one call: a word jieba cut out
// of a text is the best cut of its own characters, so alone it comes back whole (checked: if
// not, the caller tags the whole text).
function learnTags(unknown: string[]): boolean {
  const alone = segmenter().tag(unknown.join(JOIN), false);
  if (alone.length !== 2 * unknown.length - 1 || unknown.some((w, i) => alone[2 * i].word !== w)) return false;
  unknown.forEach((w, i) => tagOf.set(w, alone[2 * i].tag));
  return true;
}

/** The sentence cut into words with POS tags (no HMM: unknown words stay single characters, which keeps cuts stable). */
export function tokens(text: string): Token[] {
  let out = recent.get(text);
  if (out) return out;
  out = [];
  let at = 0;
  let words = cutWords(text);
  let tags = words.map((w) => tagOf.get(w));
  if (tags.includes(undefined)) {
    // A handful of reports teach the words a bureau writes; the bound keeps odd input from growing it.
    if (tagOf.size > 100_000) tagOf.clear();
    if (!learnTags([...new Set(words.filter((w) => !tagOf.has(w)))])) {
      const tagged = segmenter().tag(text, false);
      for (const { word, tag } of tagged) tagOf.set(word, tag);
      // Were jieba ever to cut differently when tagging, its tagged words are the answer.
      if (tagged.length !== words.length || tagged.some((t, i) => t.word !== words[i])) words = tagged.map((t) => t.word);
    }
    tags = words.map((w) => tagOf.get(w));
  }
  for (let i = 0; i < words.length; i++) {
    out.push({ word: words[i], tag: tags[i]!, start: at, end: at + words[i].length });
    at += words[i].length;
  }
  if (recent.size > 512) recent.delete(recent.keys().next().value!);
  recent.set(text, out);
  return out;
}

// Whether a code unit is a word by itself to jieba (OWN_WORD, one unit at a time).
function ownWord(c: number): boolean {
  if ((c >= 0x4e00 && c <= 0x9fd5) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xd800 && c <= 0xdfff)) return false;
  if (c === 0x2b || c === 0x23 || c === 0x26 || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2d) return false;
  // White space as \s reads it.
  if ((c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return false;
  return true;
}

// The part of `text` (as partsOf cuts it) that holds position i is [partFrom, partTo) after
// partAround(text, i): two module variables, not a pair made per call (asked per kind word and
// per part a walk reads).
let partFrom = 0;
let partTo = 0;
function partAround(text: string, i: number): void {
  if (ownWord(text.charCodeAt(i))) {
    partFrom = i;
    partTo = i + 1;
    return;
  }
  let a = i;
  while (a > 0 && !ownWord(text.charCodeAt(a - 1))) a--;
  let b = i + 1;
  while (b < text.length && !ownWord(text.charCodeAt(b))) b++;
  partFrom = a;
  partTo = b;
}

// The words of one part, as tokens() gives them for the whole text. One part is cut alone, as
// cutMissing would (its words are jieba's cut of it), without the list, set and join it makes.
function wordsOfPart(part: string): string[] {
  if (part.length === 1) return [part];
  let words = runs.get(part);
  if (!words) {
    if (runs.size > 20_000) runs.clear();
    runs.set(part, (words = segmenter().cut(part, false)));
  }
  return words;
}

// The tokens of text[a, b), one part; null when a word's tag is one jieba would not give it alone.
// The parts tagged so far in this report, by text and where each part starts: a sentence is asked
// about one place by several finders (a kind word's end, then its name's start).
const partsTagged = new Map<string, Map<number, Token[]>>();

// The tokens of words laid end to end from `at`, with the tags learnt; null if a word has none yet.
function taggedFrom(words: string[], at: number): Token[] | null {
  const out: Token[] = [];
  for (const w of words) {
    const tag = tagOf.get(w);
    if (tag === undefined) return null;
    out.push({ word: w, tag, start: at, end: at + w.length });
    at += w.length;
  }
  return out;
}

function partTokens(text: string, a: number, b: number): Token[] | null {
  let ofText = partsTagged.get(text);
  const known = ofText?.get(a);
  if (known) return known;
  const words = wordsOfPart(text.slice(a, b));
  let out = taggedFrom(words, a);
  if (!out) {
    if (tagOf.size > 100_000) tagOf.clear();
    if (!learnTags([...new Set(words.filter((w) => !tagOf.has(w)))])) return null;
    out = taggedFrom(words, a)!;
  }
  if (!ofText) {
    if (partsTagged.size > 512) partsTagged.clear();
    partsTagged.set(text, (ofText = new Map()));
  }
  ofText.set(a, out);
  return out;
}

/**
 * The word of `text` that holds position i (as tokens(text) has it), cutting only the part of the
 * text around it: most questions about a sentence are about one place in it.
 */
export function wordAt(text: string, i: number): Token | undefined {
  if (i < 0 || i >= text.length) return undefined;
  const whole = recent.get(text);
  if (!whole) {
    partAround(text, i);
    const own = partTokens(text, partFrom, partTo);
    if (own) return own.find((t) => t.end > i);
  }
  return tokens(text).find((t) => t.start <= i && t.end > i);
}

/**
 * The words of `text` by their places relative to the word that holds `at` (0; -1 the word
 * before it …), cut part by part as a walk asks for them: the same words and tags as tokens().
 */
class WordsAround {
  // The words of the part holding `at` (or of the whole text), as partTokens or tokens keeps them.
  private toks: Token[] = [];
  // The words of the parts cut left of them, nearest first: word -1 - k of `toks` is left[k]
  // (a concatenation of the parts per part read was garbage; the kept lists are not written to).
  private left: Token[] | null = null;
  private off = 0;
  // Where the parts cut so far begin in the text.
  private from = 0;
  constructor(private readonly text: string, at: number) {
    partAround(text, at);
    const a = partFrom;
    const own = recent.has(text) ? null : partTokens(text, a, partTo);
    if (own) {
      this.toks = own;
      this.from = a;
    } else this.useWhole();
    this.off = firstEndingAfter(this.toks, at);
  }
  private useWhole(): void {
    this.toks = tokens(this.text);
    this.left = null;
    this.from = 0;
  }
  get(k: number): Token | undefined {
    const i = k + this.off;
    if (i >= 0) return this.toks[i];
    const l = -1 - i;
    while (l >= (this.left?.length ?? 0) && this.from > 0) {
      partAround(this.text, this.from - 1);
      const a = partFrom;
      const more = partTokens(this.text, a, partTo);
      if (!more) {
        const anchor = this.toks[this.off].start;
        this.useWhole();
        this.off = startingAtIndex(this.toks, anchor);
        return this.toks[k + this.off];
      }
      const left = (this.left ??= []);
      for (let j = more.length - 1; j >= 0; j--) left.push(more[j]);
      this.from = a;
    }
    return this.left?.[l];
  }
  /** The word cut so far that starts at `pos`. */
  startingAt(pos: number): Token | undefined {
    const k = startingAtIndex(this.toks, pos);
    if (k >= 0) return this.toks[k];
    if (this.left) for (const t of this.left) if (t.start === pos) return t;
    return undefined;
  }
}

// findIndex as loops: a closure over the place asked about was made per name read.
function firstEndingAfter(toks: Token[], at: number): number {
  for (let k = 0; k < toks.length; k++) if (toks[k].end > at) return k;
  return -1;
}
function startingAtIndex(toks: Token[], pos: number): number {
  for (let k = 0; k < toks.length; k++) if (toks[k].start === pos) return k;
  return -1;
}

/**
 * tokens(text)[k], cutting and tagging only the parts up to the k-th word: for callers that read
 * a text's first words only (a clause's subject, the first 30 characters of a name).
 */
export function firstTokens(text: string): (k: number) => Token | undefined {
  const whole = recent.get(text);
  if (whole) return (k) => whole[k];
  let out: Token[] = [];
  let to = 0;
  let done = false;
  return (k) => {
    while (!done && out.length <= k && to < text.length) {
      partAround(text, to);
      const b = partTo;
      const more = partTokens(text, partFrom, b);
      if (!more) {
        out = tokens(text);
        done = true;
      } else for (const t of more) out.push(t);
      to = b;
    }
    return out[k];
  };
}

// The first code units of the words jieba's dictionary tags p (prepositions: 对, 在, 由, 按照 …),
// read once from the dictionary. A word is tagged p only by the dictionary (a word it lacks is
// x, m or eng), so a text opening with none of them cannot open with a preposition, and need
// not be cut to tell: most counted things (开展培训, 查处案件) are asked about.
let prepositionStarts: Set<number> | undefined;

/** False when the first word of `text` cannot be tagged p; true when it may be (cut to know). */
export function mayOpenWithPreposition(text: string): boolean {
  if (!prepositionStarts) {
    prepositionStarts = new Set();
    // Lines are `word freq tag`; a view of the dictionary's bytes, not a copy.
    const text = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength);
    for (let i = text.indexOf(' p\n'); i >= 0; i = text.indexOf(' p\n', i + 3)) {
      const from = text.lastIndexOf(10, i) + 1;
      prepositionStarts.add(text.toString('utf8', from, Math.min(from + 4, i)).charCodeAt(0));
    }
  }
  return prepositionStarts.has(text.charCodeAt(0));
}

// Where words start, per cut sentence: asked once per kind word found in it.
const starts = new WeakMap<Token[], Set<number>>();

/** True when `i` falls between two words (or at either end), never inside one. */
export function isWordBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const toks = recent.get(text);
  if (!toks) {
    // Only the part around i is cut: a word never spans two parts.
    if (ownWord(text.charCodeAt(i - 1)) || ownWord(text.charCodeAt(i))) return true;
    partAround(text, i);
    let at = partFrom;
    for (const w of wordsOfPart(text.slice(partFrom, partTo))) {
      if (at >= i) break;
      at += w.length;
    }
    return at === i;
  }
  let at = starts.get(toks);
  if (!at) starts.set(toks, (at = new Set(toks.map((t) => t.start))));
  return at.has(i);
}

// Words that never open or continue a name: prepositions, conjunctions, particles, adverbs,
// pronouns, localisers, modal words, measure words, punctuation.
const FUNCTION_TAG = /^(p|c|u[a-z]*|d|r|f|y|e|o|x|zg|q)$/;
const NOMINAL_TAG = /^(n[a-z]*|j|b|an|m|eng|s)$/;

/**
 * Where a name that ends in a kind word begins, found by its words: walk left from the kind
 * word over whole words and stop at a function word (by its POS tag), at a verb that acts on
 * the name (one of `actingVerbs`, or any verb followed by 了), or at `lower`. Verbs that
 * describe the named thing stay in it (执法质量考评领导小组, 三级联动执法监督管理机制), so a name
 * always starts at a word boundary, never mid-word. Returns the start, or -1 when the name runs
 * longer than `maxLen` (its start is then unknown).
 */
export function nameStartByWords(text: string, kindStart: number, lower: number, actingVerbs: ReadonlySet<string>, maxLen = 20, describingVerbs: ReadonlySet<string> = new Set()): number {
  if (kindStart >= text.length) return kindStart;
  // The walk reads a few words left of the kind word: only their parts of the sentence are cut.
  // toks.get(k), not a closure over it made per name.
  const toks = new WordsAround(text, kindStart);
  let k = 0;
  const kind = toks.get(0)!;
  // The kind word may sit inside a longer word (执法办案管理中心: 管理中心): start at that word,
  // unless that word is a verb (推广应用 is no 应用).
  if (kind.start < kindStart && ((/^v/.test(kind.tag) && kind.tag !== 'vn') || acts(kind, toks.get(-1), actingVerbs))) return -1;
  let start = kind.start < kindStart ? kind.start : kindStart;
  // 进中心, 驻中心: a one-character verb makes the kind word its object.
  const verb = toks.get(-1);
  const subject = toks.get(-2);
  // Not for a Latin kind word: 警务通APP is one brand name, and a bare APP names nothing.
  if (verb?.tag === 'v' && verb.word.length === 1 && subject && subject.word.length > 1 && /^n/.test(subject.tag) && kind.tag !== 'eng') return start;
  for (k -= 1; toks.get(k); k--) {
    const t = toks.get(k)!;
    // 街(路)面勤务机制: a short aside in brackets stays inside the name.
    if (t.word === ')' && toks.get(k - 2)?.word === '(' && toks.get(k - 1)!.word.length <= 3 && toks.get(k - 3) && NOMINAL_TAG.test(toks.get(k - 3)!.tag)) {
      start = toks.get(k - 3)!.start;
      k -= 3;
      continue;
    }
    // A localiser inside a compound (网上网下服务机制) continues it; elsewhere it ends the name.
    const inCompound = t.tag === 'f' && (t.word.length > 1 || (toks.get(k - 1) && NOMINAL_TAG.test(toks.get(k - 1)!.tag) && toks.get(k - 1)!.word.length > 1));
    // 县人民政府网站: a level before a body's name is part of it, however jieba tags it.
    const level = /^[省市县区]$/.test(t.word) && !!toks.get(k + 1) && NOMINAL_TAG.test(toks.get(k + 1)!.tag);
    if (t.start < lower || (FUNCTION_TAG.test(t.tag) && !inCompound && !level) || /[的了着过]/.test(t.word)) break;
    // 流调排查应用, 案件核查机制: a verb between a noun and the kind word describes the thing.
    const describes = describingVerbs.has(t.word) && t.end === start && start === kindStart && toks.get(k - 1) && NOMINAL_TAG.test(toks.get(k - 1)!.tag) && toks.get(k - 1)!.word.length > 1;
    // A describing verb right after a function word or an acting verb (上线运行…平台) acts itself.
    const opensClause = !toks.get(k - 1) || /^(p|c|u[a-z]*|d|r|x|y|e|o)$/.test(toks.get(k - 1)!.tag) || actingVerbs.has(toks.get(k - 1)!.word);
    // A verb with 了 or 过 right after it (read as a code unit: a slice of the rest of the sentence per verb was garbage).
    if ((!describes && (acts(t, toks.get(k - 1), actingVerbs) || (describingVerbs.has(t.word) && opensClause))) || (t.tag.startsWith('v') && (text.charCodeAt(t.end) === 0x4e86 || text.charCodeAt(t.end) === 0x8fc7))) break;
    if (kindStart - t.start > maxLen) return -1;
    start = t.start;
  }
  // 我局党委理论中心组: the bureau speaking of itself is not part of its body's name.
  const first = toks.startingAt(start);
  if (first && /^(局|厅|分局)$/.test(first.word) && /[我本]$/.test(text.slice(0, start))) start = first.end;
  return start;
}

// A listed verb acts on the name when used as a verb (建设 in 规范化建设领导小组 is a noun), and
// so does a compound opening with one (建立健全, 不断加强).
function acts(t: Token, prev: Token | undefined, verbs: ReadonlySet<string>): boolean {
  if (verbs.has(t.word)) return t.tag !== 'vn' || !prev || !NOMINAL_TAG.test(prev.tag);
  // 负责人 is a person, whatever verb it opens with; 党组织 is a body, whatever verb it ends with.
  if (/^n/.test(t.tag) && /[人者员]$/.test(t.word)) return false;
  if (t.tag === 'nt') return false;
  for (let n = 2; n < t.word.length; n++) if (verbs.has(t.word.slice(0, n)) || verbs.has(t.word.slice(t.word.length - n))) return true;
  return false;
}
