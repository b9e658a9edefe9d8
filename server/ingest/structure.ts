import { NormalisedText, isFurniture } from './normalise';

/**
 * Stage 2. Headings (一、 / 第X部分 / (一) / 1. 1、 / ——), inline 一是/二是 items, section kinds
 * (achievements, admitted problems, plans) and sentences, all as ranges of the view.
 */
export type SectionKind = 'body' | 'problems' | 'plans';

export interface Block {
  id: number;
  level: number; // 1 一、; 2 (一); 3 1. / ——; 4 一是 items
  marker: string;
  title: string;
  titleStart: number;
  titleEnd: number;
  kind: SectionKind;
  /** For plan sections: the year planned for, when the heading says it. */
  planYear?: number;
  parent?: Block;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  block?: Block;
  /** The sentence is a heading's or an item's title. */
  isTitle: boolean;
  kind: SectionKind;
}

export interface Structure {
  blocks: Block[];
  sentences: Sentence[];
}

const CN_NUM = '一二三四五六七八九十';
const HEADING_PATTERNS: Array<{ level: number; re: RegExp }> = [
  { level: 1, re: new RegExp(`^\\s*(第[${CN_NUM}百]+(?:部分|章|节)\\s*|[${CN_NUM}]{1,3}\\s*[、.]\\s*)`) },
  { level: 2, re: new RegExp(`^\\s*(\\([${CN_NUM}]{1,3}\\)\\s*)`) },
  { level: 3, re: /^\s*(\d{1,2}\s*[、.](?!\d)\s*|\(\d{1,2}\)\s*|——\s*|—\s*)/ },
];
const ITEM_RE = new RegExp(`(^|[。;!?:]\\s*)([${CN_NUM}]{1,3}是)`, 'g');
const SENTENCE_END = /[。!?;]/;
// SENTENCE_END for one code unit: asked of every character of a report (view[i] made a string of each).
const endsSentence = (c: number) => c === 0x3002 || c === 0x21 || c === 0x3f || c === 0x3b;

const PROBLEM_HEADING =
  /(存在的?.{0,8}(问题|不足|短板|困难|差距)|(问题|不足|短板)(和|与|及|、)|不足之处|短板弱项|薄弱环节|面临的.{0,6}(问题|挑战|困难))/;
const PLAN_HEADING =
  /(下一步|下步|今后|明年|工作(打算|计划|思路|安排|要点|重点|展望)|重点工作|努力方向|\d{4}年(的)?(工作|重点|主要|总体))/;
const PAST_HEADING = /(情况|成效|举措和|开展|完成|回顾|成绩)/;

export function classifyHeading(title: string, reportYear?: number): { kind: SectionKind; planYear?: number } {
  if (PROBLEM_HEADING.test(title)) return { kind: 'problems' };
  const year = /(\d{4})年/.exec(title);
  const y = year ? Number(year[1]) : undefined;
  if (PLAN_HEADING.test(title) && !PAST_HEADING.test(title)) {
    if (y !== undefined && reportYear !== undefined && y <= reportYear) return { kind: 'body' };
    return { kind: 'plans', planYear: y ?? (reportYear !== undefined ? reportYear + 1 : undefined) };
  }
  return { kind: 'body' };
}

/**
 * A sentence longer than this (reports' longest are about 200 characters) is analysed in
 * pieces cut at a comma where one is near, else anywhere: the mention finders compare the
 * candidates within a sentence with each other, so a 2 MB text with no full stop took minutes.
 */
const MAX_SENTENCE = 500;

function pieces(view: string, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (b - a > MAX_SENTENCE) {
    let cut = a + MAX_SENTENCE;
    while (cut > a + MAX_SENTENCE / 2 && view[cut - 1] !== ',' && view[cut - 1] !== ':') cut--;
    if (cut === a + MAX_SENTENCE / 2) {
      cut = a + MAX_SENTENCE;
      if (/[\udc00-\udfff]/.test(view[cut])) cut--; // never between the halves of a character
    }
    out.push([a, cut]);
    a = cut;
  }
  out.push([a, b]);
  return out;
}

// /\s/ for one code unit (view[a] made a string of each character a sentence was trimmed at).
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// The sentences of view[from, to), appended to `out`. A module function, not a closure made per
// report: V8 holds a closure's optimised code weakly, and this loop reads every character.
function sentencesOf(view: string, from: number, to: number, block: Block | undefined, isTitle: boolean, outsideBlock: Sentence['kind'], out: Sentence[]): void {
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || endsSentence(view.charCodeAt(i))) {
      const e = i === to ? to : i + 1;
      let a = s;
      let b = e;
      while (a < b && isSpace(view.charCodeAt(a))) a++;
      while (b > a && isSpace(view.charCodeAt(b - 1))) b--;
      // Most sentences are one piece: no list of pieces is made for them.
      if (b - a <= MAX_SENTENCE) {
        if (b - a >= 2) out.push({ start: a, end: b, text: view.slice(a, b), block, isTitle, kind: block?.kind ?? outsideBlock });
      } else {
        for (const [from, to] of pieces(view, a, b)) {
          if (to - from >= 2) out.push({ start: from, end: to, text: view.slice(from, to), block, isTitle, kind: block?.kind ?? outsideBlock });
        }
      }
      s = e;
    }
  }
}

export function structure(n: NormalisedText, reportYear?: number): Structure {
  const view = n.view;
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const stack: Block[] = [];
  let pos = 0;

  const push = (level: number, marker: string, titleStart: number, titleEnd: number) => {
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    const title = view.slice(titleStart, titleEnd).replace(/[。!?;:]$/, '').trim();
    const own = classifyHeading(title, reportYear);
    // A heading inherits its section's kind unless it says otherwise at the top level.
    const kind = level === 1 || !parent ? own.kind : parent.kind === 'body' && level < 4 ? own.kind : parent.kind;
    const block: Block = {
      id: blocks.length, level, marker, title, titleStart, titleEnd, kind, parent,
      planYear: own.planYear ?? parent?.planYear,
    };
    blocks.push(block);
    stack.push(block);
    return block;
  };
  const current = () => stack[stack.length - 1];
  const kindNow = () => current()?.kind ?? 'body';

  const addSentences = (from: number, to: number, block: Block | undefined, isTitle: boolean) => sentencesOf(view, from, to, block, isTitle, kindNow(), sentences);

  for (const line of view.split('\n')) {
    const lineStart = pos;
    const lineEnd = pos + line.length;
    pos = lineEnd + 1;
    if (!line.trim() || isFurniture(n, lineStart)) continue;

    let bodyStart = lineStart;
    // A short unmarked line that names a problems or plans part is a top-level heading
    // ("存在的短板", "下一步工作思路").
    const bare = line.trim();
    const marked = HEADING_PATTERNS.some(({ re }) => re.test(line));
    if (!marked && bare.length <= 24 && !/[。;,:]/.test(bare) && classifyHeading(bare, reportYear).kind !== 'body') {
      const at = lineStart + line.indexOf(bare);
      const block = push(1, '', at, at + bare.length);
      addSentences(at, at + bare.length, block, true);
      continue;
    }
    for (const { level, re } of HEADING_PATTERNS) {
      const m = re.exec(line);
      if (!m) continue;
      const titleStart = lineStart + m[0].length;
      const rest = view.slice(titleStart, lineEnd);
      const stop = rest.search(SENTENCE_END);
      // A heading line without a full stop is all title; otherwise the title is its first sentence.
      const titleEnd = stop < 0 ? lineEnd : titleStart + stop + 1;
      if (stop < 0 && rest.length > 60) break; // a long unpunctuated line is prose, not a heading
      const block = push(level, m[1].trim(), titleStart, titleEnd);
      addSentences(titleStart, titleEnd, block, true);
      bodyStart = titleEnd;
      break;
    }

    // Inline items: 一是…。二是…。 split the rest of the line into item blocks.
    const body = view.slice(bodyStart, lineEnd);
    const items: Array<{ at: number; marker: string }> = [];
    ITEM_RE.lastIndex = 0;
    for (let m = ITEM_RE.exec(body); m; m = ITEM_RE.exec(body)) {
      items.push({ at: bodyStart + m.index + m[1].length, marker: m[2] });
    }
    if (!items.length) {
      // A line without a heading continues the current block (but leaves an item when the
      // paragraph changes, since items live within one paragraph).
      while (stack.length && stack[stack.length - 1].level === 4) stack.pop();
      addSentences(bodyStart, lineEnd, current(), false);
      continue;
    }
    while (stack.length && stack[stack.length - 1].level === 4) stack.pop();
    addSentences(bodyStart, items[0].at, current(), false);
    items.forEach((item, k) => {
      const end = k + 1 < items.length ? items[k + 1].at : lineEnd;
      const titleStart = item.at + item.marker.length;
      const stop = view.slice(titleStart, end).search(SENTENCE_END);
      const titleEnd = stop < 0 ? end : titleStart + stop + 1;
      const block = push(4, item.marker, titleStart, titleEnd);
      addSentences(titleStart, titleEnd, block, true);
      addSentences(titleEnd, end, block, false);
    });
  }
  return { blocks, sentences };
}

/** Titles of a block and its ancestors, innermost first. */
export function headingChain(block: Block | undefined): Block[] {
  const out: Block[] = [];
  for (let b = block; b; b = b.parent) out.push(b);
  return out;
}
