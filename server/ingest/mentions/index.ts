import type { NodeType } from '../../model/types';
import type { Lexicon } from '../lexicon';
import type { Sentence } from '../structure';
import { documents } from './documents';
import { execAll, Found, sortPrefix } from './found';
import { indicators } from './indicators';
import { jointLeadership, leadersNamed, relativeBodies } from './leaders';
import { lexiconMatches } from './lexiconMatch';
import { inlineProblems } from './problems';
import { remarksOnSubject } from './principles';
import { quotedNames } from './quoted';
import { longestPlaceName, namesAPlace, placeLengthsFrom } from '../places';
import { isWordBoundary, Token, wordAt } from './segment';
import { suffixNames } from './suffixNames';

export type { Found, ObservationFields } from './found';

// Kinds that name one thing each: where two overlap, the longer span wins (the lexicon on ties).
const EXCLUSIVE: ReadonlySet<NodeType> = new Set(['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'REFORM', 'PRINCIPLE']);

/** Stage 3: everything each sentence names. */
export function extractMentions(sentences: Sentence[], lex: Lexicon): Found[] {
  const out: Found[] = [];
  for (let k = 0; k < sentences.length; k++) mentionsOf(sentences[k], k, lex, out);
  return out;
}

// One sentence's mentions, appended to `out`. A module function, not a closure made per report:
// V8 holds a closure's optimised code weakly, so each full collection dropped it and the hottest
// loop of the stage ran unoptimised until compiled again (tens of ms of compiler time each).
function mentionsOf(s: Sentence, k: number, lex: Lexicon, out: Found[]): void {
  // Appended in place, finder after finder in this order (spreads and flatMap made an array per candidate).
  nCands = 0;
  candsFrom = s.start;
  for (const c of lexiconMatches(s.text, s.start, k, lex)) {
    cands[nCands++] = withItsPlace(c, s);
    const built = bodyBuilt(c, s, lex);
    if (built) cands[nCands++] = built;
  }
  addCands(suffixNames(s.text, s.start, k, lex));
  addCands(documents(s.text, s.start, k, lex));
  addCands(remarksOnSubject(s.text, s.start, k));
  addCands(quotedNames(s.text, s.start, k, lex, s.isTitle, principleEndsAt));
  addCands(ruleOfLawProgrammes(s, k));
  addCands(jointLeadership(s, k));
  addCands(leadersNamed(s, k, lex));
  addCands(relativeBodies(s, k));
  let nRanked = 0;
  for (let j = 0; j < nCands; j++) {
    const c = cands[j];
    if ((EXCLUSIVE.has(c.type) || c.type === 'INDICATOR') && (c.concept || c.bounded || !endsWithKnown(c, lex)) && !namesAQuality(c, s.text, c.end - s.start)) ranked[nRanked++] = c;
  }
  sortPrefix(ranked, nRanked, longerFirst);
  let nKept = 0;
  for (let j = 0; j < nRanked; j++) {
    const c = ranked[j];
    // A known concept named inside another kind's name (派出所 in 派出所刑事办案负面清单机制)
    // is mentioned too; within one kind, the longer name is the one meant.
    if (overlapsKept(c, nKept)) continue;
    kept[nKept++] = c;
  }
  // Lexicon indicators named without a value stay as indicator mentions.
  sortPrefix(kept, nKept, earlierFirst);
  for (let j = 0; j < nKept; j++) out.push(kept[j]);
  // The scratch lists let go of this sentence's candidates: held, those the sentence dropped
  // would outlive the next scavenge.
  cands.fill(undefined!, 0, nCands);
  ranked.fill(undefined!, 0, nRanked);
  kept.fill(undefined!, 0, nKept);
  append(out, indicators(s.text, s.start, k, lex, s.kind === 'plans'));
  append(out, inlineProblems(s.text, s.start, k));
}

// A sentence's candidates, those ranked and those kept, in scratch lists reused from sentence to
// sentence: only the first nCands (nRanked, nKept) entries are this sentence's. Three fresh lists
// per sentence, each given room for 17 on its first push, and the work arrays of their sorts were
// a tenth of what extraction allocated.
const cands: Found[] = [];
const ranked: Found[] = [];
const kept: Found[] = [];
let nCands = 0;
let candsFrom = 0;

function addCands(from: readonly Found[]): void {
  for (let i = 0; i < from.length; i++) cands[nCands++] = from[i];
}

// Whether a programme or idea named so far ends at `at` of the sentence (quotedNames asks).
function principleEndsAt(at: number): boolean {
  for (let j = 0; j < nCands; j++) if (cands[j].type === 'PRINCIPLE' && cands[j].end === candsFrom + at) return true;
  return false;
}

const longerFirst = (a: Found, b: Found) => b.end - b.start - (a.end - a.start) || Number(!!b.concept) - Number(!!a.concept);
const earlierFirst = (a: Found, b: Found) => a.start - b.start;

function overlapsKept(c: Found, nKept: number): boolean {
  for (let j = 0; j < nKept; j++) {
    const o = kept[j];
    if (c.start < o.end && c.end > o.start && (o.type === c.type || !(c.concept || c.bounded)) && !(o.start === c.start && o.end === c.end && o.concept && c.concept) && !insideTitle(c, o) && !namedAfter(c, o)) return true;
  }
  for (let j = 0; j < nKept; j++) if (wordsOfATitle(c, kept[j])) return true;
  return false;
}

function append<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

/**
 * 发布机构: 淄川区人民政府: a body the lexicon knows by its level (区人民政府) written after its
 * place is that place's body, named in full, not one relative to the writer: 淄川区政府.
 */
function withItsPlace(c: Found, s: Sentence): Found {
  if (c.type !== 'ORGANIZATION' || !c.concept || !/^[省市区县]/.test(c.surface)) return c;
  const at = c.start - s.start;
  // Only a place's name can be the word: when none ends here, the sentence need not be cut.
  if (!placeNameEndsAt(s.text, at + 1)) return c;
  if (isWordBoundary(s.text, at)) return c;
  const word = wordAt(s.text, at);
  const place = word && word.start < at && word.end === at + 1 ? word : undefined;
  if (!place || !/^ns/.test(place.tag) || !isPlaceName(place.word)) return c;
  const surface = s.text.slice(place.start, c.end - s.start);
  return { type: c.type, surface, name: place.word + c.concept.name.slice(1), start: s.start + place.start, end: c.end, sentence: c.sentence, bounded: true };
}

/**
 * 推进数字化执法办案中心建设: building a body names the body too (the unit the programme builds),
 * with a describing word before it (数字化, 智能化) that makes it this bureau's kind of centre.
 */
function bodyBuilt(c: Found, s: Sentence, lex: Lexicon): Found | undefined {
  if (c.type !== 'REFORM' || !c.concept || !c.surface.endsWith('建设')) return undefined;
  const stem = c.surface.slice(0, -2);
  const unit = lex.byForm.get(stem);
  if (unit?.type !== 'UNIT') return undefined;
  const at = c.start - s.start;
  const last = at > 0 ? wordAt(s.text, at - 1) : undefined;
  const before = last?.end === at ? last : undefined;
  const described = !!before && before.word.length >= 3 && before.word.endsWith('化') && /^n/.test(before.tag);
  const from = described ? before!.start : at;
  const surface = s.text.slice(from, at + stem.length);
  return { type: 'UNIT', surface, name: described ? surface : unit.name, start: s.start + from, end: s.start + at + stem.length, sentence: c.sentence, ...(described ? { bounded: true } : { concept: unit }) };
}

/** 派出所案件管理中心: a known body opening a longer name of its kind is the one it is named after. */
function namedAfter(c: Found, o: Found): boolean {
  return !!c.concept && !o.concept && c.type === o.type && c.start === o.start && o.end - c.end >= 4;
}

/**
 * 提升执法规范化水平: a programme's name before 水平 or 程度 names how far the bureau has come,
 * a quality, not the programme being carried out.
 */
function namesAQuality(c: Found, text: string, end: number): boolean {
  return c.type === 'REFORM' && !!c.concept && !c.surface.startsWith('“') && (text.startsWith('水平', end) || text.startsWith('程度', end));
}

/**
 * 《关于深化公安执法规范化建设的意见》, 制定进一步全面深化公安改革实施方案: a programme or idea
 * written into a document's title is part of that title, not a mention of its own (the report
 * names the document); a quoted practice in a title (《关于…“会前学法”活动…》) is still named.
 */
function wordsOfATitle(c: Found, o: Found): boolean {
  return o.type === 'POLICY_DOCUMENT' && (c.type === 'REFORM' || c.type === 'PRINCIPLE') && !!c.concept && !c.surface.startsWith('“')
    && c.start >= o.start && c.end <= o.end && !(c.start === o.start && c.end === o.end);
}

/** A name inside a 《》 title (a nested law, the issuing body, a quoted practice) is mentioned too. */
function insideTitle(c: Found, o: Found): boolean {
  if (o.type !== 'POLICY_DOCUMENT' || !o.surface.startsWith('《') || c.start <= o.start || c.end >= o.end) return false;
  return !!c.inTitle || c.surface.startsWith('“') || !!c.concept;
}

/** 笃学践行习近平法治思想 is 习近平法治思想 with a verb in front: the lexicon's span is the name. */
function endsWithKnown(c: Found, lex: Lexicon): boolean {
  const name = c.surface;
  const opens = formStarts(lex);
  // Look up each proper suffix of the name rather than scanning every lexicon form (only those
  // that start with a character some form starts with: a slice and a lookup each).
  for (let i = 1; i <= name.length - 2; i++) {
    const code = name.charCodeAt(i);
    if (!(opens[code >>> 5] & (1 << (code & 31)))) continue;
    // 区委区政府 names its parts itself (its aliases): 区政府 at its end is one of them, not the name.
    if (c.aliases?.includes(name.slice(i))) continue;
    const concept = lex.byForm.get(name.slice(i));
    if (concept && (concept.type === c.type || c.type === 'UNIT' || c.type === 'ORGANIZATION')) return true;
  }
  return false;
}

// The code units the lexicon's forms start with, one bit each, built once per lexicon.
const formStartBits = new WeakMap<Lexicon, Uint32Array>();
function formStarts(lex: Lexicon): Uint32Array {
  let bits = formStartBits.get(lex);
  if (!bits) {
    bits = new Uint32Array(2048);
    for (const form of lex.byForm.keys()) if (form) bits[form.charCodeAt(0) >>> 5] |= 1 << (form.charCodeAt(0) & 31);
    formStartBits.set(lex, bits);
  }
  return bits;
}

/**
 * 法治杭州建设, 法治公安建设: the genre's standing rule-of-law programmes, written out with 建设
 * (法治政府、法治公安建设 shares it). 法治 before anything but the police or a place
 * (法治思维, 法治环境, 法治方向) is a quality, not a programme; 法治政府建设 is the report's subject.
 */
const PROGRAMME = /法治([\u4e00-\u9fff]{2,3}?)(”?)(?=建设|、法治[\u4e00-\u9fff]{2,3}建设)/g;

function ruleOfLawProgrammes(s: Sentence, k: number): Found[] {
  const out: Found[] = [];
  if (!s.text.includes('法治')) return out;
  for (const m of execAll(PROGRAMME, s.text)) {
    const start = s.start + m.index!;
    const at = m.index! + 2;
    // A place: jieba tags the rarer ones (吴兴, 景宁) as proper names; it also tags the common
    // noun 城市 (我市一流法治城市建设) as one, so the name must be the country's or a division's.
    if (m[1] !== '公安' && !(isPlaceName(m[1]) && placeWord(wordAt(s.text, at), at, m[1].length))) continue;
    const written = s.text.startsWith('建设', m.index! + m[0].length);
    const end = start + m[0].length + (written ? 2 : 0);
    out.push({ type: 'REFORM', surface: s.text.slice(start - s.start, end - s.start), name: `法治${m[1]}建设`, start, end, sentence: k });
  }
  return out;
}

const placeWord = (t: Token | undefined, at: number, len: number) => !!t && t.start === at && t.end === at + len && /^n[sr]/.test(t.tag);

/** Whether some text[j, end) with j < end - 1 is a place's name (isPlaceName). */
function placeNameEndsAt(text: string, end: number): boolean {
  const longest = longestPlaceName();
  for (let j = end - 2; j >= 0 && end - j <= longest; j--) {
    // Only a stretch as long as some place's name that opens with its first character is looked up.
    const len = end - j;
    if ((placeLengthsFrom(text.charCodeAt(j)) >>> Math.min(len, 31)) & 1 || (len === 2 && text.startsWith('中国', j))) if (isPlaceName(text.slice(j, end))) return true;
  }
  return false;
}

/** 上海, 淄川, 嘉兴, 吴兴, 中国: the country or a division of it (province, city, county or district). */
function isPlaceName(w: string): boolean {
  // namesAPlace knows every province, city and county by full and short name, and the municipalities.
  return w === '中国' || namesAPlace(w);
}
