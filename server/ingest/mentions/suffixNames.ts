import type { NodeType } from '../../model/types';
import { FirstCharIndex } from '../charIndex';
import type { Lexicon } from '../lexicon';
import { cleanName, Found, hasCJK, sortPrefix } from './found';
import { isGuidingIdea } from './principles';
import { isWordBoundary, nameStartByWords } from './segment';

interface SuffixRule {
  type: NodeType;
  suffixes: string[];
  generic: Set<string>;
  /** Fewest characters before the suffix (a bare suffix is allowed only when not generic). */
  minStem: number;
  /**
   * Reject when the suffix is directly followed by one of these (文书证据系统制作率 is an indicator).
   * Sticky, read from the kind word's end (lastIndex): a slice of the rest of the sentence per kind word was garbage.
   */
  notFollowedBy?: RegExp;
  maxLen?: number;
}

const AWARD = /^(全省|全国|全市|省级|国家级)/;
const LEADING_COUNT = /^(?:\d{4}年度?|全年|年内|(?:\d+(?:\.\d+)?|[两几数多一二三四五六七八九十]+)(?:余|多)?(?:个|支|家|名|项|所|处|条|批|类|场|件|起))+/;

// Built once per lexicon: a report has hundreds of sentences. `byFirst` holds every rule's
// kind words by first character, so a sentence is read once for all of them.
const cache = new WeakMap<Lexicon, { rules: SuffixRule[]; byFirst: FirstCharIndex<string>; acting: Set<string>; describing: Set<string> }>();
function rules(lex: Lexicon) {
  let r = cache.get(lex);
  if (!r) {
    const built = buildRules(lex);
    const byFirst = new FirstCharIndex<string>();
    for (const suffix of new Set(built.flatMap((x) => x.suffixes))) byFirst.add(suffix, suffix);
    // Verbs that act on a name stand left of it: the genre's action and boundary verbs.
    const v = lex.vocabulary;
    const acting = new Set([...v.boundaryWords, ...v.documentVerbs, ...(v.practiceVerbs ?? [])].filter((w) => w.length > 1));
    // Action verbs also describe what a thing does (流调排查应用, 重点案件核查机制).
    const describing = new Set(v.actionVerbs.filter((w) => w.length > 1 && !acting.has(w)));
    cache.set(lex, (r = { rules: built, byFirst, acting, describing }));
  }
  return r;
}

// The kind words a sentence holds (distinct, in the order first met), and each occurrence as
// (which of them, where), in text order: scratch lists reused from sentence to sentence (a map
// and a list per kind word per sentence were garbage). Only the first nKinds / nOcc are this
// sentence's; suffixNames reads them before the next sentence is read.
const kindWords: string[] = [];
const occKind: number[] = [];
const occAt: number[] = [];
let nKinds = 0;
let nOcc = 0;

/** Where each kind word occurs in the sentence (into the scratch lists above). */
function occurrences(text: string, byFirst: FirstCharIndex<string>): void {
  nKinds = 0;
  nOcc = 0;
  for (let i = 0; i < text.length; i++) {
    const words = byFirst.at(text.charCodeAt(i));
    if (!words) continue;
    for (const w of words) {
      if (!text.startsWith(w, i)) continue;
      let k = kindOf(w);
      if (k < 0) kindWords[(k = nKinds++)] = w;
      occKind[nOcc] = k;
      occAt[nOcc++] = i;
    }
  }
}

function kindOf(w: string): number {
  for (let k = 0; k < nKinds; k++) if (kindWords[k] === w) return k;
  return -1;
}

function buildRules(lex: Lexicon): SuffixRule[] {
  const v = lex.vocabulary;
  const longestFirst = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length);
  return ([
    { type: 'PLATFORM', suffixes: v.platformSuffixes, generic: new Set(v.genericPlatforms), minStem: 2, notFollowedBy: /[^,;。、]{0,4}率|[一-龥]?(?:化|性|率)|能力|头/y },
    { type: 'UNIT', suffixes: v.unitSuffixes, generic: new Set(v.genericUnits), minStem: 2, notFollowedBy: /(?:运行|办案|规范|人员|考核|(?:学习)?会议|所长|长|主任)/y },
    { type: 'ORGANIZATION', suffixes: v.organizationSuffixes, generic: new Set(['法院', '检察院', '公司', '大学']), minStem: 2, notFollowedBy: /习/y },
    // …制度供给 and …治理体系和治理能力现代化 are stock phrases, not named systems.
    { type: 'REFORM', suffixes: v.reformSuffixes, generic: new Set(v.genericReforms), minStem: 2, notFollowedBy: /(?:建设|方面)?的?(?:成效|效果)|[一-龥]?(?:化|性)|供给|和治理能力/y },
    { type: 'PRINCIPLE', suffixes: v.principleSuffixes, generic: new Set(['经验', '思想', '精神', '工作经验', '做法经验', '经验做法']), minStem: 2, notFollowedBy: /做法/y },
  ] as SuffixRule[]).map((r) => ({ ...r, suffixes: longestFirst(r.suffixes) }));
}

/** Names that end in a kind word of their type (…平台, …中心, …大学, …改革, …思想). */
export function suffixNames(text: string, offset: number, sentence: number, lex: Lexicon): Found[] {
  const out: Found[] = [];
  const { rules: all, byFirst, acting, describing } = rules(lex);
  occurrences(text, byFirst);
  // Most sentences hold no kind word: no rule has anything to read.
  if (!nKinds) return out;
  for (const rule of all) {
    const nSuffixes = suffixesIn(rule);
    for (let h = 0; h < nSuffixes; h++) {
      const suffix = rule.suffixes[ruleHits[h]];
      const kind = kindOf(suffix);
      for (let o = 0; o < nOcc; o++) {
        if (occKind[o] !== kind) continue;
        const i = occAt[o];
        let end = i + suffix.length;
        // …系统制作率 is an indicator; a quoted “…系统”安装率 is the system itself.
        if (rule.notFollowedBy && followedBy(rule.notFollowedBy, text, end) && text[end] !== '”') continue;
        // Names that continue into a longer kind word are found from that one (…中心学习组).
        if (continuesInto(rule.suffixes, suffix, text, end)) continue;
        // A name ends where a word ends (中心 in 中心组 is not a kind word).
        if (!isWordBoundary(text, end)) continue;
        // The words before the kind word, back to the verb that acts on it; a closing quote
        // ends them (“四位一体”重点案件核查机制), except for “X”平台 and “X”工作机制, whose name is X.
        const close = text.lastIndexOf('”', i - 1);
        const quotedKind = close >= 0 && rule.type === 'PLATFORM' && close === i - 1;
        const lower = quotedKind ? Math.max(0, text.lastIndexOf('“', i - 1)) : close >= 0 ? close + 1 : 0;
        // 公安机关主要负责人述法、公安机关负责人出庭应诉等制度: each item of the list is one.
        if (text[i - 1] === '等' && (rule.type === 'REFORM' || rule.type === 'PLATFORM')) {
          const items = listedBefore(text, i - 1, lower, acting, describing);
          if (items) {
            for (const [a, b] of items) out.push({ type: rule.type, surface: text.slice(a, b), name: cleanName(text.slice(a, b)), start: offset + a, end: offset + b, sentence, bounded: true });
            continue;
          }
        }
        let byWords = quotedKind ? lower : nameStartByWords(text, i, lower, acting, rule.maxLen ?? 16, describing);
        if (byWords < 0) continue;
        // “两法衔接”工作机制, “专业+机制+大数据”新型警务运行模式: the quoted words open the name,
        // and the text names it by them (and by the words after them) as well.
        const aliases: string[] = [];
        const open = close >= 0 ? text.lastIndexOf('“', close) : -1;
        if (!quotedKind && close >= 0 && byWords === close + 1 && open >= 0 && close - open <= 13 && rule.type !== 'PRINCIPLE') {
          aliases.push(text.slice(open + 1, close));
          if (!rule.generic.has(text.slice(close + 1, end)) && end - close > 3) aliases.push(text.slice(close + 1, end));
          byWords = open;
        }
        // Leading quantities and times (12支, 2022年) are not part of the name; levels (三级) are.
        let start = byWords + (LEADING_COUNT.exec(text.slice(byWords, i))?.[0].length ?? 0);
        let surface = text.slice(start, end);
        if (surface.startsWith('“') && !surface.slice(1).includes('”') && text[end] !== '”') {
          start += 1; // an opening quote that closes elsewhere is not part of the name
          surface = text.slice(start, end);
        }
        if (quotedKind) {
          // “X”平台: the name is X; the kind word is not part of it.
          const q = text.lastIndexOf('“', i);
          if (q >= start) {
            start = q;
            end = close + 1;
            surface = text.slice(start, end);
          }
        }
        // “助跑小队”: the closing quote belongs to the mention.
        if (text[start] === '“' && text[end] === '”') {
          end += 1;
          surface = text.slice(start, end);
        }
        // 党的二十大精神: 的 is part of this name.
        if (rule.type === 'PRINCIPLE' && text.slice(start - 2, start) === '党的') {
          start -= 2;
          surface = text.slice(start, end);
        }
        // Outside bodies are named by kind: 市财政局 → 财政局, 区人民检察院 → 人民检察院.
        if (rule.type === 'ORGANIZATION' && /(局|院|所|庭|校)$/.test(suffix)) {
          const kind = /^(?:[\u4e00-\u9fff]{0,6}?[省市县区镇乡])(?=[\u4e00-\u9fff]{3,})/.exec(surface);
          if (kind && !/(大学|学院|事务所)$/.test(suffix)) {
            start += kind[0].length;
            surface = text.slice(start, end);
          }
        }
        // Police bodies too: 县涉案财物管理中心, 市、县两级…中心 → 涉案财物管理中心.
        if (rule.type === 'UNIT') {
          const level = /^(?:[市县区省镇乡村]、?)+(?:两级|三级|级)?(?=[\u4e00-\u9fff]{4,})/.exec(surface);
          if (level && !/^(市局|县局|区局)/.test(surface)) {
            start += level[0].length;
            surface = text.slice(start, end);
          }
        }
        // “三会一课”和谈心谈话等党组织生活制度: what follows 等 is the class of the items listed
        // before it (they are the names), not a name of its own.
        if (text[start - 1] === '等' && !surface.startsWith('“')) continue;
        const name = cleanName(surface);
        const stem = quotedKind ? name : name.slice(0, name.length - suffix.length);
        if (rule.generic.has(name) || AWARD.test(name)) continue;
        if (rule.type === 'PRINCIPLE' && !isGuidingIdea(text, start, name)) continue;
        // …制度建设 is rule-making in general; 法治政府建设… is the report's own subject.
        if (rule.type === 'REFORM' && ((suffix === '制度' && text.startsWith('建设', end)) || name.startsWith('法治政府建设'))) continue;
        // “全省数字化改革最佳应用”: a quoted title an award gives is no name of the thing.
        const quoteOpen = text.lastIndexOf('“', start);
        if (quoteOpen >= 0 && text.indexOf('”', quoteOpen) >= end && AWARD.test(text.slice(quoteOpen + 1))) continue;
        if (suffix === '中心' && stem.length < 3) continue;
        if (rule.type === 'PLATFORM' && /扫码$/.test(name)) continue;
        if (rule.type === 'UNIT' && lex.vocabulary.nonUnitWords && holdsAny(name, lex.vocabulary.nonUnitWords)) continue;
        // Quoted praise (“建设运行成效突出”中心) is an award, not a unit's name.
        if (rule.type === 'UNIT' && /“[^”]{6,}”/.test(surface)) continue;
        // 市禁毒办: a level before an office's kind word is its name.
        const levelled = rule.type === 'ORGANIZATION' && /^[省市县区]$/.test(stem) && suffix.length >= 3;
        if (stem.length < rule.minStem && !levelled && !(stem.length === 0 && !rule.generic.has(suffix) && suffix.length >= 3)) continue;
        if (!hasCJK(name, 2) && rule.type !== 'PLATFORM') continue;
        if (/^[,、;:。]/.test(name) || /^[的了和与及]/.test(name)) continue;
        // 分局党委理论学习中心组 is the bureau's own 党委理论学习中心组: the body goes by that too.
        const own = rule.type === 'UNIT' ? /^(?:分局|局|厅)(?=党)/.exec(name) : null;
        if (own) aliases.push(name.slice(own[0].length));
        out.push({ type: rule.type, surface, name, start: offset + start, end: offset + end, sentence, ...(aliases.length ? { aliases } : {}) });
        // 执法质量考评领导小组: a leading group is named after the programme it leads.
        const led = suffix === '领导小组' ? /^(?:分局|局|厅)?(.{4,14}?)(?:工作)?$/.exec(stem) : null;
        if (led && !/^法治政府建设/.test(led[1]) && !/^[“(]/.test(led[1]) && hasCJK(led[1], 4)) {
          const from = start + stem.indexOf(led[1]);
          out.push({ type: 'REFORM', surface: led[1], name: led[1], start: offset + from, end: offset + from + led[1].length, sentence, bounded: true });
        }
      }
    }
  }
  return out;
}

// Plain loops, not closures made per kind word found (each captured the place it was asked about).
function followedBy(re: RegExp, text: string, end: number): boolean {
  re.lastIndex = end;
  return re.test(text);
}
function continuesInto(suffixes: string[], suffix: string, text: string, end: number): boolean {
  for (let k = 0; k < suffixes.length; k++) if (suffixes[k] !== suffix && text.startsWith(suffixes[k], end)) return true;
  return false;
}
function holdsAny(name: string, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (name.includes(words[k])) return true;
  return false;
}

// Each rule's kind words by their places in its list (longest first), so a sentence visits only
// the kind words it holds, in the rule's order (most sentences hold one or two of hundreds).
const places = new WeakMap<SuffixRule, Map<string, number[]>>();
// The places of the rule's kind words the sentence holds, sorted, as ruleHits[0, n): a scratch
// list (a pair per kind word and a list per rule were garbage). Read before the next rule asks.
const ruleHits: number[] = [];
const byNumber = (a: number, b: number) => a - b;
function suffixesIn(rule: SuffixRule): number {
  let p = places.get(rule);
  if (!p) {
    const built = new Map<string, number[]>();
    rule.suffixes.forEach((w, k) => built.set(w, [...(built.get(w) ?? []), k]));
    places.set(rule, (p = built));
  }
  let n = 0;
  for (let j = 0; j < nKinds; j++) {
    const ks = p.get(kindWords[j]);
    if (ks) for (const k of ks) ruleHits[n++] = k;
  }
  sortPrefix(ruleHits, n, byNumber);
  return n;
}

// , ; : 。 ! ? as code units.
const CLAUSE_END = new Set([0x2c, 0x3b, 0x3a, 0x3002, 0x21, 0x3f]);

// Items of a list named together before 等<kind>: long enough to be names, not aspects (运行、管理、考核).
const LIST_ITEM = /^[\u4e00-\u9fffA-Za-z0-9]{6,16}$/;

/** The spans of the items listed before 等 at `etAt` (at least two, each a name by its length), or null. */
function listedBefore(text: string, etAt: number, lower: number, acting: ReadonlySet<string>, describing: ReadonlySet<string>): Array<[number, number]> | null {
  const items: Array<[number, number]> = [];
  let end = etAt;
  // Within the clause: a 、 before its comma belongs to another list.
  for (let j = etAt - 1; j > lower; j--) if (CLAUSE_END.has(text.charCodeAt(j))) {
    lower = j;
    break;
  }
  for (let mark = text.lastIndexOf('、', end - 1); mark > lower; mark = text.lastIndexOf('、', end - 1)) {
    if (!LIST_ITEM.test(text.slice(mark + 1, end))) return null;
    items.unshift([mark + 1, end]);
    end = mark;
  }
  if (!items.length) return null;
  // The first item begins after the verb that acts on the list.
  const first = nameStartByWords(text, end, lower, acting, 16, describing);
  if (first < 0 || !LIST_ITEM.test(text.slice(first, end))) return null;
  items.unshift([first, end]);
  return items;
}
