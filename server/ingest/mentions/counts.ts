import type { Lexicon } from '../lexicon';
import { cleanName, Found, hasCJK, ObservationFields } from './found';
import { Figure, figures, shieldedSpans } from './numbers';
import { firstTokens, mayOpenWithPreposition, Token, tokens } from './segment';
import { titles } from './titles';

/**
 * Counts of what a bureau did or found: "破获刑事案件530起", "开展场景化执法培训404次",
 * "梳理确定84个全区重点建设项目", "查处各类治安案件1326,同比上升48.6%". Each figure becomes an
 * OBSERVATION of the counted thing in the text's own words, with its 同比 change as a second
 * observation, and a family (培训场次, 破获案件数) that makes bureaus' counts comparable.
 */

// A change right after a count: ",同比下降4.49%". Sticky, read from the count's end (a slice of
// the rest of the sentence per count and per rate was garbage).
const CHANGE_AFTER = /\)?\s*[,;]?\s*(同比|环比|较上年|比上年|较去年同期|较去年)?(上升|下降|增长|增加|减少|提升|提高|降低)了?\s*(\d+(?:\.\d+)?)\s*(%|个百分点|倍)/y;
// A count written without a measure word is only read when a change follows it: "治安案件1326,同比上升48.6%".
// Sticky, read from the number's end (a slice of the rest of the sentence per number was garbage).
const CHANGE_NEXT = /\s*[,;]\s*(同比|环比)/y;
function changeNext(text: string, end: number): boolean {
  CHANGE_NEXT.lastIndex = end;
  return CHANGE_NEXT.test(text);
}

// A rate's number is taken; numbers inside its name (52所学校…安装率) are not. Read from the
// rates found, not from a list of spans and a closure made per sentence.
function isTaken(taken: Found[], offset: number, i: number): boolean {
  for (const f of taken) if (i >= (f.observation?.indicatorEnd ?? f.start) - offset && i < f.end - offset) return true;
  return false;
}

// Whether some figure ends at j (the figures are few: read in place, not put in a set per sentence).
function figureEndsAt(figs: Figure[], j: number): boolean {
  for (const f of figs) if (f.end === j) return true;
  return false;
}
// Framing that is not part of what is counted: time, scope, adverbs, totals.
const LEAD = /^(?:、|对|其中|同时|此外|另外|共计|合计|总计|共|累计|先后|全年|年内|当年|今年以来|近年来|\d{4}年(?:以来|度)?|全(?:区|县|市|省|局|警|国)(?:公安机关)?|各级公安机关|公安机关|深入|持续|全面|积极|依法|扎实|认真|大力|有效|及时|主动|切实|常态化|全覆盖|还|又|并|已|均|共同|分别)+/;
const TAIL = /(?:达到|达|为|共计|共|计|累计|约|近|超过|超|总计|合计|分别有|分别|均)+$/;
// Words that end the noun after a count: "7个部分共33项", "12名畲族乡贤担任…", "92个派出所构建了…".
// Only verbs that follow a subject: a noun may hold others (便民服务措施, 社会组织).
const NOUN_STOPS = ['共', '和', '与', '及', '等', '被', '获', '了', '的', '在', '到', '向', '由', '全部', '均', '进驻', '入驻', '担任', '实现', '完成', '达到', '构建', '实行', '开展', '参加', '参与', '负责', '落实', '推行', '分别', '分解', '全勤', '在线'];
const MAX_NAME = 30;
// What the stop words start with: most characters of a noun start none of them.
const NOUN_STOP_FIRST = new Set(NOUN_STOPS.map((w) => w[0]));

export function counts(text: string, offset: number, sentence: number, lex: Lexicon, taken: Found[]): Found[] {
  const out: Found[] = [];
  if (!/\d/.test(text)) return out;
  const verbs = lex.vocabulary.countVerbs ?? [];
  const spans = shieldedSpans(text);
  const figs = figures(text, (end) => changeNext(text, end), spans);
  let prev: { name: string; from: number; to: number; end: number; verbLed: boolean; doc?: { name: string; from: number } } | undefined;
  // "行政、刑事案件分别为120起、56起": the names still to give to the list's next figures.
  let listed: string[] = [];
  let consumedTo = 0;

  for (const fig of figs) {
    if (fig.start < consumedTo || isTaken(taken, offset, fig.start) || fig.baseUnit === '个百分点') continue;
    // The clause that leads to the number, back to the previous figure or clause mark.
    const clauseFrom = Math.max(clauseStart(text, fig.start, spans, figs), prev?.end ?? 0);
    const clauseRaw = text.slice(clauseFrom, fig.start);
    if (/力争|目标|预计|计划/.test(clauseRaw)) continue;
    const sep = text[clauseFrom - 1] ?? '';

    const left = countedThing(clauseRaw, verbs, lex.vocabulary.countVerbNouns);
    const noun = fig.unit ? nounAfter(text, fig.end) : null;
    // "发2起破2起": a one-character word before the next number leads the next count.
    const nounOk = noun && !(noun[1].length <= 1 && isDigit(text.charCodeAt(fig.end + noun[0].length))) && !/^(同比|环比|上升|下降)/.test(noun[1]);
    let name = left.name;
    let from = clauseFrom + left.from;
    let to = fig.start;
    // Where the observation's quote starts: with its counted thing, or at its own words when that was said before.
    let obsFrom = from;
    // 该《意见》从…等7个部分共33项内容: the document just named counts its own parts.
    const ownDoc = documentSubject(text, clauseFrom, fig.start);
    const doc = ownDoc ?? (prev?.doc && /^(?:共|共计|合计|计)?$/.test(clauseRaw.trim()) ? prev.doc : undefined);
    // Its parts are named after the number (33项内容) or by the unit itself (7个部分).
    const part = nounOk ? noun![1] : /^个(部分|方面|环节)$/.exec(fig.unit)?.[1];
    if (doc && part) {
      name = doc.name + part;
      from = ownDoc ? clauseFrom + ownDoc.at : prev!.doc!.from;
      obsFrom = ownDoc ? from : fig.start;
      to = nounOk ? fig.end + noun![0].length : fig.end;
    } else if (nounOk) {
      name = left.name + noun![1];
      to = fig.end + noun![0].length;
      if (!left.name) from = fig.end + noun![0].length - noun![1].length;
    } else if (!name && prev && sep === '、' && clauseRaw.trim() === '' && listed.length) {
      name = listed.shift()!;
      ({ from, to } = prev);
      obsFrom = fig.start;
    } else if (!name && prev && (sep === ',' || sep === '、') && clauseRaw.trim() === '') {
      // "学习128次,5263人次": the second figure counts the same thing.
      ({ name, from, to } = prev);
      obsFrom = fig.start;
    } else if (name.length === 1 && prev && /[\u4e00-\u9fff]$/.test(prev.name)) {
      name = prev.name.replace(/(?:[发破]案|[\u4e00-\u9fff])$/, '') + name;
      from = prev.from;
    } else if (prev?.verbLed && (sep === '、' || sep === '(' || SUBSET.test(clauseRaw)) && !left.verbLed && name) {
      // "举办专家辅导讲堂3期、领导干部讲坛3期": the verb of a list's first item leads every item;
      // so it does a part of the previous count ("查处各类交通违法5.9万起,其中酒驾475起(醉驾132起)").
      name = leadVerb(prev.name, verbs) + name;
    }
    listed = [];
    if (/分别(?:为|是|有|达到?)?$/.test(clauseRaw) && name.includes('、')) [name, ...listed] = splitList(name, leadVerb(name, verbs));
    // "“五类”“两抢”案件发2起破2起": 发 and 破 of cases are 发案 and 破案.
    name = cleanName(name).replace(/(案件?)([发破])$/, '$1$2案');
    if (!/[\u4e00-\u9fff]/.test(name)) continue;
    const obsEnd = nounOk ? to : fig.end;
    // A document's parts are of no family its title's words (…意见) would suggest.
    const family = doc && part ? undefined : familyOf(name, fig.baseUnit, lex);
    // The clause as written names it too when the name came from it alone.
    const written = !nounOk && from === clauseFrom + left.from ? asWritten(clauseRaw, verbs) : '';
    const indicatorAliases = otherNames(name, written, verbs);
    const observation: ObservationFields = {
      indicator: name, indicatorStart: offset + from, indicatorEnd: offset + to, value: fig.value, unit: fig.unit,
      direction: '', qualifier: fig.qualifier, amount: fig.amount, baseUnit: fig.baseUnit, kind: 'count', family,
    };
    // Set after, in this order (the order they were spread in): no empty object made per count.
    if (family && isClause(name, verbs)) observation.clause = true;
    if (indicatorAliases.length) observation.indicatorAliases = indicatorAliases;
    const count: Found = {
      type: 'OBSERVATION', surface: text.slice(obsFrom, obsEnd), name: `${name} ${fig.value}${fig.unit}`,
      start: offset + obsFrom, end: offset + obsEnd, sentence, observation,
    };
    out.push(count);
    prev = { name, from, to, end: obsEnd, doc: doc && part ? { name: doc.name, from } : undefined, verbLed: left.verbLed || (!!prev?.verbLed && name.startsWith(leadVerb(prev.name, verbs)) && leadVerb(prev.name, verbs) !== '') };
    consumedTo = obsEnd;

    const change = changeAfter(text, offset, count);
    if (change) {
      out.push(change);
      consumedTo = prev.end = change.end - offset;
    }
  }
  // "快办率达36.8%,同比上升7.4%": a rate's change is its own value too.
  for (const f of taken) {
    const change = f.observation?.change === undefined ? changeAfter(text, offset, f) : null;
    if (change) out.push(change);
  }
  return out;
}

/**
 * 由各党委成员围绕学习习近平法治思想作研讨发言, 组织全局民警、辅警和职工开展习近平法治思想学习:
 * a count's words that open with a preposition, or list the people who did it between two
 * verbs, are a clause about who did what, not the name of what was counted.
 */
export function isClause(name: string, countVerbs: readonly string[]): boolean {
  // Without a 、 (always a word of its own) only the first word can tell: the rest is not cut,
  // nor the first when the dictionary has no preposition it could be.
  if (!name.includes('、')) return mayOpenWithPreposition(name) && firstTokens(name)(0)?.tag === 'p';
  const t = tokens(name);
  if (t[0]?.tag === 'p') return true;
  // 组织[全局民警、辅警和职工]开展…: the listed nouns are who the counted activity was done by.
  const verb = (x: Token) => /^v/.test(x.tag) && x.tag !== 'vn';
  return t.some((x, i) => x.word === '、' && i > 0 && /^n/.test(t[i - 1].tag) && t.slice(0, i - 1).some(verb) && t.slice(i + 1).some((y) => countVerbs.includes(y.word)));
}

/**
 * 出台了《关于深化…的实施意见》,该《意见》从…: a clause whose subject is 该《short title》 speaks of
 * the document the sentence named before under its full title. Returns that title and where 该 is.
 */
function documentSubject(text: string, clauseFrom: number, figStart: number): { name: string; at: number } | undefined {
  const m = /^\s*该《([^《》]{1,8})》/.exec(text.slice(clauseFrom, figStart));
  if (!m) return undefined;
  const named = titles(text).filter((t) => t.end <= clauseFrom && t.inner.length > m[1].length && t.inner.endsWith(m[1]));
  const last = named[named.length - 1];
  return last ? { name: cleanName(last.inner), at: m[0].indexOf('该') } : undefined;
}

// A part of the count before it: "…5.9万起,其中酒驾475起".
const SUBSET = /^\s*其中/;
// Time and connectives before a clause are not how it names what it counts; its subject and scope are.
const WRITTEN_LEAD = /^(?:、|其中|同时|此外|另外|全年|年内|当年|今年以来|近年来|\d{4}年(?:以来|度)?)+/;

/** The clause before a number as written, without its time words, a closing aside and the verb to the number (共计, 达). */
function asWritten(clause: string, verbs: readonly string[]): string {
  let s = clause.replace(/\s*\([^()]*\)\s*$/, '').replace(TAIL, '').replace(WRITTEN_LEAD, '');
  if (/[,;:。!?]/.test(s)) return '';
  // 示范带动各警种、各部门…: the verbs before a subject opened by 各 belong to the clause before.
  const t = s.includes('各') ? tokens(s) : [];
  const k = t.findIndex((x) => x.word === '各');
  if (k > 0 && t.slice(0, k).every((x) => /^v/.test(x.tag))) s = s.slice(t[k].start);
  // …全覆盖开展培训: how thoroughly it was done is not part of what was counted.
  s = s.replace(mannerBefore(verbs), '');
  return cleanName(s);
}

const MANNER = '全覆盖|常态化|全面|深入|持续|积极|扎实|认真|大力|切实';

/**
 * What a count's indicator is also called: the thing counted without the verbs that lead it
 * (组织开展法治大讲堂 → 法治大讲堂; the count is of 法治大讲堂) and the clause as written, with
 * the subject who counted (各警种、各部门开展培训).
 */
export function otherNames(name: string, written: string, verbs: string[]): string[] {
  const out: string[] = [];
  // 组织销毁…炸药 is also 销毁…炸药: each verb peeled off leaves another name.
  let thing = name;
  for (let v = leadVerb(thing, verbs); v && thing.length - v.length >= 2; v = leadVerb(thing, verbs)) {
    thing = thing.slice(v.length);
    if (hasCJK(thing)) out.push(thing);
  }
  if (written && written !== name && written.length <= MAX_NAME && hasCJK(written) && !out.includes(written)) out.push(written);
  return out;
}

/** The 同比 change written right after a value (",同比下降4.49%"): a second observation of the same indicator. */
function changeAfter(text: string, offset: number, level: Found): Found | null {
  CHANGE_AFTER.lastIndex = level.end - offset;
  const ch = CHANGE_AFTER.exec(text);
  if (!ch) return null;
  const o = level.observation!;
  const direction = (ch[1] ?? '') + ch[2];
  const value = Number(ch[3]);
  const end = level.end + ch[0].length;
  o.direction = direction;
  o.change = value;
  return {
    type: 'OBSERVATION', surface: text.slice(level.start - offset, end - offset), name: `${o.indicator} ${value}${ch[4]}`,
    start: level.start, end, sentence: level.sentence,
    observation: {
      indicator: o.indicator, indicatorStart: o.indicatorStart, indicatorEnd: o.indicatorEnd, value, unit: ch[4],
      direction, amount: value, baseUnit: ch[4], kind: 'change', family: o.family, indicatorAliases: o.indicatorAliases,
    },
  };
}

/** What a clause before a number counts: "全区共接报有效警情(含交通类、移车类)" → 接报有效警情. */
export function countedThing(clause: string, verbs: string[], nouns: string[] = []): { name: string; from: number; verbLed: boolean } {
  let from = 0;
  let s = clause;
  const cutLeft = (n: number) => { from += n; s = s.slice(n); };
  // Titles listed before 等 stand for the kind after them: 配发《…》《…》等书籍 → 配发书籍 (below).
  s = s.replace(/\s*\([^()]*\)\s*$/, '').replace(TAIL, '');
  for (let m = LEAD.exec(s); m && m[0]; m = LEAD.exec(s)) cutLeft(m[0].length);
  // The subject before the first verb is who counted, not what: 主要负责人主持召开… → 主持召开….
  let verbAt = -1;
  const re = alternation(verbs);
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (s.length - m.index - m[0].length >= 1 && !inNoun(s, m.index, m[0], nouns)) {
      verbAt = m.index;
      break;
    }
    re.lastIndex = m.index + 1;
  }
  if (verbAt > 0 && !insideQuote(s, verbAt)) cutLeft(verbAt);
  let name = s.replace(/(《[^》]*》?)+等?/g, '');
  if (name.length > MAX_NAME) {
    let cut = name.length - MAX_NAME;
    // Too long to be a name: keep from the verb nearest the number that still leaves an object.
    for (const v of verbs) {
      const i = name.lastIndexOf(v);
      if (i > cut && name.length - i - v.length >= 2) cut = Math.min(...[i, name.length - 4].filter((x) => x >= cut));
    }
    name = name.slice(cut);
    from += cut;
  }
  return { name, from, verbLed: verbAt >= 0 };
}

/**
 * The noun a count is written before: "84个全区重点建设项目、…" → 全区重点建设项目, "1起29年命案积案" →
 * 29年命案积案, "678名“管家民警”在线值守" → “管家民警”. Returns [span, noun] like a match.
 */
function nounAfter(text: string, at: number): [string, string] | null {
  NOUN_LEAD.lastIndex = at;
  let i = at + NOUN_LEAD.exec(text)![0].length;
  if (!/[\u4e00-\u9fff“]/.test(text[i] ?? '')) return null;
  const from = i;
  while (i < text.length && i - from < 14) {
    const c = text[i];
    // A quoted name is the noun only when it comes first (678名“管家民警”); later it names something else.
    if (c === '“' && i === from) {
      const close = text.indexOf('”', i);
      if (close < 0 || close - i > 12) break;
      i = close + 1;
      continue;
    }
    if (!/[\u4e00-\u9fff]/.test(c)) break;
    if (i > from && NOUN_STOP_FIRST.has(c) && NOUN_STOPS.some((w) => text.startsWith(w, i))) break;
    i++;
  }
  return i > from ? [text.slice(at, i), text.slice(from, i)] : null;
}
// What may stand between a count and its noun. Sticky, read from the count's end: the noun is
// read in the sentence from there, not in a slice of the rest of it made per count.
const NOUN_LEAD = /(的|\d+年)?/y;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Where the clause before `i` begins: after the last clause mark outside quotes, titles and a (…) aside. */
function clauseStart(text: string, i: number, spans: Array<[number, number]>, figs: Figure[]): number {
  for (let j = i - 1; j >= 0; j--) {
    // A plain loop: a closure over j (a new binding each turn) cost a context per character.
    const span = spanHolding(spans, j);
    if (span) {
      j = span[0];
      continue;
    }
    const c = text.charCodeAt(j);
    if (c === 0x29) {
      const open = text.lastIndexOf('(', j);
      if (open >= 0) {
        j = open;
        continue;
      }
    }
    // 、 between counts separates them; between nouns it lists what one count counts (检查单位、仓库及作业现场389家次).
    if (CLAUSE_MARKS.has(c) && (c !== 0x3001 || figureEndsAt(figs, j) || figureEndsAt(figs, j - 1))) return j + 1;
  }
  return 0;
}

// The first span that holds j, as spans.find would give it.
function spanHolding(spans: Array<[number, number]>, j: number): [number, number] | undefined {
  for (let k = 0; k < spans.length; k++) if (j >= spans[k][0] && j < spans[k][1]) return spans[k];
  return undefined;
}

// , ; : 。 ! ? 、 ( as code units (read one character at a time).
const CLAUSE_MARKS = new Set([0x2c, 0x3b, 0x3a, 0x3002, 0x21, 0x3f, 0x3001, 0x28]);

/** 查处行政、刑事案件 → 查处行政案件, 查处刑事案件: the verb leads every part, the last part's tail completes the shorter ones. */
function splitList(name: string, verb: string): string[] {
  const parts = name.slice(verb.length).split('、').filter(Boolean);
  const last = parts[parts.length - 1];
  const tail = last.slice(Math.min(parts[0].length, last.length - 1));
  return parts.map((p) => verb + (p === last || p.endsWith(tail) ? p : p + tail));
}

// The longest verb the name opens with, the first listed of equals: one pass, asked per figure.
function leadVerb(name: string, verbs: string[]): string {
  let best = '';
  for (const v of verbs) if (v.length > best.length && name.startsWith(v)) best = v;
  return best;
}

/** 组织 in 党组织 is no verb. */
function inNoun(s: string, i: number, v: string, nouns: string[]): boolean {
  return nouns.some((w) => {
    const k = w.indexOf(v);
    return k >= 0 && s.startsWith(w, i - k);
  });
}

function insideQuote(s: string, i: number): boolean {
  return s.lastIndexOf('“', i) > s.lastIndexOf('”', i);
}

/**
 * 开展培训 + 场次 → 培训场次; 破获刑事案件 + 起 → 破获案件数: of the families whose words the name
 * holds, the one listed first (举办执法规范化培训班 is training, not a rule).
 */
export function familyOf(name: string, baseUnit: string, lex: Lexicon): string | undefined {
  const fams = lex.vocabulary.countFamilies;
  if (!fams) return undefined;
  let ix = familyIndexes.get(fams);
  if (!ix) {
    ix = { kindOf: new Map(), familyOf: new Map(), rank: new Map(), words: /(?!)/g };
    for (const [kind, units] of Object.entries(fams.unitKinds)) for (const u of units) ix.kindOf.set(u, kind);
    fams.families.forEach((f, k) => {
      for (const w of f.words) if (!ix!.familyOf.has(w)) {
        ix!.familyOf.set(w, f.family);
        ix!.rank.set(w, k);
      }
    });
    ix.words = alternation([...ix.familyOf.keys()]);
    familyIndexes.set(fams, ix);
  }
  const kind = ix.kindOf.get(baseUnit);
  if (!kind) return undefined;
  let best: string | undefined;
  ix.words.lastIndex = 0;
  for (let m = ix.words.exec(name); m; m = ix.words.exec(name)) {
    if (best === undefined || ix.rank.get(m[0])! < ix.rank.get(best)!) best = m[0];
    ix.words.lastIndex = m.index + 1;
  }
  return best ? ix.familyOf.get(best)! + kind : undefined;
}

// Word lists live as long as the lexicon: each becomes one regular expression, longest words first.
const alternations = new WeakMap<readonly string[], RegExp>();
const familyIndexes = new WeakMap<object, { kindOf: Map<string, string>; familyOf: Map<string, string>; rank: Map<string, number>; words: RegExp }>();
// Manner words before a verb, one expression per verb list (it was compiled anew for every count).
const mannerBeforeVerb = new WeakMap<readonly string[], RegExp>();
function mannerBefore(verbs: readonly string[]): RegExp {
  let re = mannerBeforeVerb.get(verbs);
  if (!re) mannerBeforeVerb.set(verbs, (re = new RegExp(`(?:${MANNER})(?=${alternation(verbs).source})`, 'g')));
  return re;
}
function alternation(words: readonly string[]): RegExp {
  let re = alternations.get(words);
  if (!re) {
    const sorted = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(sorted.join('|') || '(?!)', 'g');
    alternations.set(words, re);
  }
  return re;
}

export type { Figure };
