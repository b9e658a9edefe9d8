import type { NodeType } from '../../model/types';
import type { Concept } from '../lexicon';
import { stripQuotes } from '../lexicon';

/** One thing a sentence names, as a range of the normalised view. */
export interface Found {
  type: NodeType;
  /** As written (view text of the span, quotes kept). */
  surface: string;
  /** Canonical name: the lexicon's, or the cleaned surface. */
  name: string;
  start: number;
  end: number;
  sentence: number;
  concept?: Concept;
  observation?: ObservationFields;
  /** Other names the text gives it in the same span (“两法衔接”工作机制 is also 两法衔接). */
  aliases?: string[];
  /** Its start is fixed by the text's structure (an item of a list, the programme a leading group is named after), not found by walking left: a known name at its end does not make it a longer form of that name. */
  bounded?: boolean;
  /** Named inside a 《》 title (the law a regulation implements, the body issuing a notice), so mentioned in its own right. */
  inTitle?: boolean;
}

export interface ObservationFields {
  indicator: string;
  indicatorStart: number;
  indicatorEnd: number;
  value: number;
  unit: string;
  /** How the report states it: 达, 超, 同比上升, 下降 … */
  direction: string;
  /** For changes stated with a resulting level, e.g. 同比上升13.90%(达23.92%). */
  change?: number;
  qualifier?: string;
  /** The number times 万/亿, in `baseUnit`: 46000000 次 for 4600万次. */
  amount?: number;
  baseUnit?: string;
  /** quantity: a named rate or total (快办率达76.7%); count: what a bureau did or found (破案656起); change: a count's 同比 change. */
  kind?: 'quantity' | 'count' | 'change';
  /** The counted thing is written as a clause with its doers (由各党委成员围绕…作研讨发言), not a name: it is counted under its family alone. */
  clause?: boolean;
  /** The comparable family of a count (培训场次, 破获案件数). */
  family?: string;
  /** Other names of the indicator in the text's words: what was counted without the verb (开展场景化执法培训 → 场景化执法培训), the clause as written with its subject (全区共发刑事案件). */
  indicatorAliases?: string[];
}

// Code units that can belong to a name written without spaces ([\u3400-\u9fffA-Za-z0-9+\-·“”()],
// and 、 in a list), tested one at a time as the scan walks left.
function isNameUnit(c: number, listMarks: boolean): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
    || c === 0x2b || c === 0x2d || c === 0xb7 || c === 0x201c || c === 0x201d || c === 0x28 || c === 0x29 || (listMarks && c === 0x3001);
}
const LEADING_QUANTITY =
  /^(?:(?:\d+(?:\.\d+)?|[两几数多])(?:余|多)?(?:个|支|家|名|人|项|所|处|条|批|级|类|场|件|起|大项|小项)|[一二三四五六七八九十]+(?:个|支|名|批|项|条|大|级))+/;
const LEADING_TIME = /^(?:全年|年内|今年|去年|近年来|近半年来|当年|同期|\d{4}年(?:度)?|\d{1,2}月(?:份)?)+/;
// Where a figure applies (全区, 公安机关) is not part of the quantity's name.
const LEADING_SCOPE = /^(?:全(?:区|县|市|省|局|分局)(?:公安机关)?|县域|市域|区域内?|公安机关|我局|本局)+/;

/**
 * Where a name that ends at `end` begins: scan left over name characters (at most `maxLen`),
 * then cut after the rightmost boundary word (的, 与, 依托, 开发 …), leading quantities and
 * time words. Returns the start index in `text`.
 */
export function nameStart(
  text: string, end: number, lower: number, boundary: string[], maxLen = 16,
  opts: { exceptions?: ReadonlySet<string>; listMarks?: boolean; keepQuantity?: boolean; minKeep?: number; dropScope?: boolean } = {},
): number {
  let s = end;
  while (s > lower && end - s < 40 && isNameUnit(text.charCodeAt(s - 1), !!opts.listMarks)) s--;
  let cand = text.slice(s, end);
  // The cut is the furthest end of any boundary word occurring in the candidate.
  let cut = 0;
  const byFirst = wordsByFirstChar(boundary);
  for (let i = 0; i < cand.length; i++) {
    const words = byFirst.get(cand[i]);
    if (!words) continue;
    for (const w of words) {
      if (i + w.length <= cut || !cand.startsWith(w, i)) continue;
      // A one-character boundary inside a word (在押, 平均, 到达) is no boundary.
      if (w.length === 1 && opts.exceptions && isInsideWord(cand, i, opts.exceptions)) continue;
      // 通过 in 通过率 is part of the name, not a boundary before it.
      if (opts.minKeep && cand.length - (i + w.length) < opts.minKeep) continue;
      cut = i + w.length;
    }
  }
  // A quoted part keeps its opening quote even when a boundary word sits inside the quotes.
  const open = cand.lastIndexOf('“', cut);
  const close = cand.lastIndexOf('”', cut);
  if (open >= 0 && open > close) cut = open;
  s += cut;
  cand = text.slice(s, end);
  const q = (opts.keepQuantity ? null : LEADING_QUANTITY.exec(cand)) ?? LEADING_TIME.exec(cand);
  if (q) s += q[0].length;
  const t = LEADING_TIME.exec(text.slice(s, end));
  if (t) s += t[0].length;
  const scope = opts.dropScope ? LEADING_SCOPE.exec(text.slice(s, end)) : null;
  if (scope && end - s - scope[0].length >= 2) s += scope[0].length;
  // Too long to be one name: the boundary was not found, so the start is unknown.
  return end - s > maxLen ? -1 : s;
}

// Boundary lists come from the lexicon and live as long as it: index each once.
const firstCharIndexes = new WeakMap<readonly string[], Map<string, string[]>>();
function wordsByFirstChar(words: readonly string[]): Map<string, string[]> {
  let ix = firstCharIndexes.get(words);
  if (!ix) {
    ix = new Map();
    for (const w of words) {
      if (!w) continue;
      const list = ix.get(w[0]);
      if (list) list.push(w);
      else ix.set(w[0], [w]);
    }
    firstCharIndexes.set(words, ix);
  }
  return ix;
}

function isInsideWord(cand: string, i: number, exceptions: ReadonlySet<string>): boolean {
  return exceptions.has(cand.slice(i, i + 2)) || exceptions.has(cand.slice(i, i + 3)) || (i > 0 && exceptions.has(cand.slice(i - 1, i + 1))) || (i > 0 && exceptions.has(cand.slice(i - 1, i + 2)));
}

/**
 * Every match of a global expression, as matchAll gives them (none of these match empty text),
 * without matchAll's iterator and copy of the expression: each finder reads every sentence.
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

export function cleanName(surface: string): string {
  return stripQuotes(surface).replace(/\s+/g, '').trim();
}

export function hasCJK(s: string, min = 2): boolean {
  // Counted, not matched: a match array per name checked was garbage the collector paid for.
  let n = 0;
  for (let i = 0; i < s.length && n < min; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) n++;
  }
  return n >= min;
}

/**
 * Sorts list[0, n) in place, stably, as list.slice(0, n).sort(cmp) would order it: by insertion,
 * for the few entries a sentence has (Array.prototype.sort made a work array per call, and a
 * scratch list's entries past n are not the sentence's).
 */
export function sortPrefix<T>(list: T[], n: number, cmp: (a: T, b: T) => number): void {
  // A long list (a sentence that is a table) would take n² steps: the built-in sort orders it.
  if (n > 48) {
    const sorted = list.slice(0, n).sort(cmp);
    for (let i = 0; i < n; i++) list[i] = sorted[i];
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = list[i];
    let j = i - 1;
    for (; j >= 0 && cmp(list[j], x) > 0; j--) list[j + 1] = list[j];
    list[j + 1] = x;
  }
}
