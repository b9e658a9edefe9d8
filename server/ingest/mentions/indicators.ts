import type { Lexicon } from '../lexicon';
import { cleanName, Found, nameStart } from './found';

/**
 * Reported values: "快办率达76.7%", "同比上升13.90%(达23.92%)", "行政、刑事案件快办率分别达
 * 76.7%、26.4%", "网办量超4600万次". Each becomes an OBSERVATION of an INDICATOR.
 */
// (?<!\d): a number starts where its digits do. A match from inside a run of digits also matches
// from the run's start, so this changes nothing found, but spares a rescan of the rest of the run
// from every digit (2 MB of digits took minutes).
const NUMBER = /(近|约|超过|超)?(?<!\d)(\d+(?:\.\d+)?)\s*(%|万人次|万次|万件|万人|人次|万元|亿元|个工作日|小时|分钟|天|分(?![钟之局])|件|次|起|人)(以上|左右|以内)?/g;
const RATE_HEAD = /(满意度|知晓度|率|占比|比例|比重|总量|量|周期|时间|时长|用时|成绩)(分别|均|平均)?(同比|环比)?(达到|达|为|超过|超|提升到|提升至|提高到|提高至|上升到|上升至|升至|降至|下降到|下降至|保持在|保持|增长|上升|下降|提升|提高|减少|降低)?$/;
const CHANGE_HEAD = /(?:平均)?(同比|环比)?(上升|下降|增长|提升|提高|减少|降低|压缩|精简|缩短|双下降)了?$/;
const GENERIC_HEADS = new Set(['比例', '占比', '比重', '总量', '量', '率']);
// RATE_HEAD and CHANGE_HEAD match at most a dozen characters, all at the clause's end: they
// are run on this much of it, so a long clause is not rescanned for every number in it.
const HEAD_WINDOW = 32;
const CLAUSE_MARKS = new Set([',', ';', ':', '。']);
const TARGET_WORDS = /力争|目标|预计/g;

export function indicators(text: string, offset: number, sentence: number, lex: Lexicon, planned = false): Found[] {
  const out: Found[] = [];
  const boundary = lex.vocabulary.boundaryWords;
  let consumedTo = 0;
  let lastObservation: Found | undefined;
  let lastIndicatorStem = '';

  const push = (name: string, nameFrom: number, nameTo: number, numStart: number, numEnd: number,
    value: number, unit: string, direction: string, qualifier?: string, change?: number) => {
    const f: Found = {
      type: 'OBSERVATION', surface: text.slice(nameFrom, numEnd), name: `${name} ${value}${unit}`,
      start: offset + nameFrom, end: offset + numEnd, sentence,
      observation: { indicator: name, indicatorStart: offset + nameFrom, indicatorEnd: offset + nameTo, value, unit, direction, qualifier, change },
    };
    out.push(f);
    lastObservation = f;
    if (/量$/.test(name)) lastIndicatorStem = name.replace(/(总量|量)$/, '');
    void numStart;
  };

  // Values a plan sets out to reach (力争…达到) are targets, not results.
  if (planned) return out;
  // Numbers come in order, so the last clause mark and target word before each are found by
  // one pass over the sentence, not a search back from every number (2 MB of 1% took minutes).
  let scanned = 0;
  let lastMark = -1;
  const clauseStart = (at: number) => {
    for (; scanned < at; scanned++) if (CLAUSE_MARKS.has(text[scanned])) lastMark = scanned;
    return lastMark + 1;
  };
  const targets = [...text.matchAll(TARGET_WORDS)].map((t) => t.index!);
  let target = -1;
  const targetWithin = (from: number, to: number) => {
    while (target + 1 < targets.length && targets[target + 1] + 2 <= to) target++;
    return target >= 0 && targets[target] >= from;
  };
  for (const m of text.matchAll(NUMBER)) {
    const numStart = m.index!;
    const numEnd = numStart + m[0].length;
    if (numStart < consumedTo) continue;
    const unit = m[3];
    const scale = unit.startsWith('万') ? 10000 : unit.startsWith('亿') ? 1e8 : 1;
    const value = Number(m[2]) * scale;
    const outUnit = unit === '%' ? '%' : unit.replace(/^[万亿]/, '');
    const qualifier = (m[1] ?? '') + (m[4] ?? '') || undefined;

    // The clause before the number: back to the previous number or clause mark.
    const clauseFrom = Math.max(consumedTo, clauseStart(numStart));
    const clause = text.slice(clauseFrom, numStart);
    if (targetWithin(clauseFrom, numStart)) continue;

    // (达23.92%) after a change: the level reached.
    if (/^\s*\(?达到?\s*$/.test(clause) && lastObservation?.observation?.change === undefined && lastObservation && openedBefore(text, numStart)) {
      const o = lastObservation.observation!;
      o.change = o.value;
      o.value = value;
      o.unit = outUnit;
      lastObservation.end = offset + numEnd + (text[numEnd] === ')' ? 1 : 0);
      lastObservation.surface = text.slice(lastObservation.start - offset, lastObservation.end - offset);
      lastObservation.name = `${o.indicator} ${value}${outUnit}`;
      consumedTo = numEnd;
      continue;
    }

    const tailFrom = Math.max(clauseFrom, numStart - HEAD_WINDOW);
    const tail = text.slice(tailFrom, numStart);
    const rate = RATE_HEAD.exec(tail);
    const change = rate ? null : CHANGE_HEAD.exec(tail);
    const head = rate ?? change;
    if (!head) continue;
    // Counts and durations only for quantities that are measured: …量, …周期, …时间, …成绩.
    if (unit !== '%' && !(rate && /(量|周期|时间|时长|用时|成绩)$/.test(rate[1]))) continue;
    if (unit !== '%' && rate && /(周期|时间|时长|用时)$/.test(rate[1]) && !/(天|小时|分钟|个工作日)$/.test(unit)) continue;
    const headStart = tailFrom + head.index!;
    const nameEnd = rate ? headStart + rate[1].length : headStart;
    const direction = rate ? (rate[3] ?? '') + (rate[4] ?? '') || m[1] || '为' : (change![1] ?? '') + change![2];
    const listed = rate?.[2] === '分别' || rate?.[2] === '均';
    const headLen = rate ? rate[1].length : 0;
    const nameFrom = nameStart(text, nameEnd, clauseFrom, boundary, 24, { exceptions: lex.exceptions, listMarks: listed, minKeep: headLen + 2, dropScope: true });
    if (nameFrom < 0) continue;
    let names: Array<[string, number, number]> = [];
    const written = text.slice(nameFrom, nameEnd).replace(/^、/, '');
    const from = nameFrom + (text[nameFrom] === '、' ? 1 : 0);

    if (rate && (rate[2] === '分别' || rate[2] === '均') && written.includes('、')) {
      // 行政、刑事案件快办率分别达76.7%、26.4%: the shared tail completes the short parts.
      const parts = written.split('、');
      const last = parts[parts.length - 1];
      const tail = last.slice(Math.min(parts[0].length, last.length - 1));
      let p = from;
      names = parts.map((part) => {
        const full = RATE_HEAD.test(part) || /(率|占比|比例)$/.test(part) ? part : part + tail;
        const r: [string, number, number] = [cleanName(full), p, p + part.length];
        p += part.length + 1;
        return r;
      });
    } else {
      let name = cleanName(written);
      if (!name && change && unit === '%') {
        // 参加考试民警8360余人,同比上升27.3%: the count before is the value, the % its change.
        const counted = countBefore(text, clauseFrom, lex);
        if (counted) {
          push(counted.name, counted.from, counted.to, numStart, numEnd, counted.value, counted.unit, direction, counted.qualifier, Number(m[2]));
          out[out.length - 1].start = offset + counted.from;
          out[out.length - 1].surface = text.slice(counted.from, numEnd);
          consumedTo = numEnd;
        }
        continue;
      }
      if (!name || GENERIC_HEADS.has(name)) {
        // 网办量超4600万次,比例达86.1%: a bare 比例 belongs to the previous quantity.
        if (lastIndicatorStem && name) name = lastIndicatorStem + name;
        else continue;
      }
      names = [[name, from, nameEnd]];
    }

    if (rate?.[2] === '分别' && names.length > 1) {
      // The values follow as a list: 76.7%、26.4%.
      const list = /^(\d+(?:\.\d+)?%(?:以上)?)(?:、(\d+(?:\.\d+)?%(?:以上)?))+/.exec(text.slice(numStart));
      const values = list ? list[0].split('、') : [m[0]];
      let p = numStart;
      values.forEach((raw, k) => {
        const n = names[Math.min(k, names.length - 1)];
        push(n[0], n[1], n[2], p, p + raw.length, Number(raw.replace(/[%以上]/g, '')), '%', direction, raw.includes('以上') ? '以上' : undefined);
        p += raw.length + 1;
      });
      consumedTo = numStart + (list ? list[0].length : m[0].length);
      continue;
    }
    for (const n of names) push(n[0], n[1], n[2], numStart, numEnd, value, outUnit, direction, qualifier);
    consumedTo = numEnd;
  }
  return out;
}

const COUNT_NOUN: Record<string, string> = { 人次: '人次', 人: '人数', 场次: '场次', 场: '场次', 件: '件数', 次: '次数', 起: '起数', 个: '个数', 项: '项数' };

/** "(达" or "(达到" just before `at`: a level reached, in brackets after a change. */
function openedBefore(text: string, at: number): boolean {
  const before = text.endsWith('达到', at) ? at - 2 : text.endsWith('达', at) ? at - 1 : at;
  return text[before - 1] === '(';
}

/**
 * The count that ends the clause before `clauseFrom`: "参加考试民警8360余人". Looked for in the
 * COUNT_WINDOW characters before it (a name is at most 40 of them): reading back from there for
 * every number made a long sentence quadratic.
 */
const COUNT_WINDOW = 256;
// (?<!\d): as in NUMBER, a count starts where its digits do.
const COUNT_AT_END = /(?<!\d)(\d+(?:\.\d+)?)(余|多)?(人次|场次|人|场|件|次|起|个|项)$/;
function countBefore(text: string, clauseFrom: number, lex: Lexicon) {
  const end = Math.max(0, clauseFrom - 1);
  const windowFrom = Math.max(0, end - COUNT_WINDOW);
  const before = text.slice(windowFrom, end);
  let from = end;
  while (from > windowFrom && !CLAUSE_MARKS.has(text[from - 1])) from--;
  const m = COUNT_AT_END.exec(before);
  if (!m) return null;
  const stemEnd = end - m[0].length;
  const stemFrom = nameStart(text, stemEnd, from, lex.vocabulary.boundaryWords, 24, { exceptions: lex.exceptions });
  if (stemFrom < 0) return null;
  const stem = cleanName(text.slice(stemFrom, stemEnd));
  if (stem.length < 2) return null;
  return { name: stem + COUNT_NOUN[m[3]], from: stemFrom, to: stemEnd, value: Number(m[1]), unit: m[3], qualifier: m[2] };
}
