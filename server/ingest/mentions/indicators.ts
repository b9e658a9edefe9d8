import type { Lexicon } from '../lexicon';
import { counts, otherNames } from './counts';
import { cleanName, execAll, Found, nameStart } from './found';
import { wordAt } from './segment';

/**
 * Reported values: "快办率达76.7%", "同比上升13.90%(达23.92%)", "行政、刑事案件快办率分别达
 * 76.7%、26.4%", "网办量超4600万次". Each becomes an OBSERVATION of an INDICATOR.
 */
const NUMBER = /(近|约|超过|超)?(?<!\d)(\d+(?:\.\d+)?)\s*(余|多)?(万|亿)?(余|多)?(%|人次|元|个工作日|小时|分钟|天|分(?![钟之局])|件|次|起|人)(以上|左右|以内)?/g;
const RATE_HEAD = /(满意度|知晓度|率|占比|比例|比重|总量|量|周期|时间|时长|用时|成绩)(分别|均|平均)?(同比|环比)?(达到|达|为|超过|超|提升到|提升至|提高到|提高至|上升到|上升至|升至|降至|下降到|下降至|保持在|保持|增长|上升|下降|提升|提高|减少|降低)?$/;
const CHANGE_HEAD = /(?:平均)?(分别|均)?(同比|环比)?(上升|下降|增长|提升|提高|减少|降低|压缩|精简|缩短|双下降)了?$/;
// , ; : 。 as code units: the walk back to one reads a character at a time.
const CLAUSE_MARK = new Set([0x2c, 0x3b, 0x3a, 0x3002]);
const GENERIC_HEADS = new Set(['比例', '占比', '比重', '总量', '量', '率']);
// 、 , ; : as code units.
const LEAD_MARK = new Set([0x3001, 0x2c, 0x3b, 0x3a]);

export function indicators(text: string, offset: number, sentence: number, lex: Lexicon, planned = false): Found[] {
  const r: Reading = { text, offset, sentence, lex, out: [], consumedTo: 0, lastStem: '' };
  // Values a plan sets out to reach (力争…达到) are targets, not results; no digit, no value.
  if (planned || !/\d/.test(text)) return r.out;
  rates(r);
  // Numbers no rate or total claimed are counts of what the bureau did: appended to the rates
  // (most sentences have none), not spread with them into a third list.
  const c = counts(text, offset, sentence, lex, r.out);
  if (!r.out.length) return c;
  for (let k = 0; k < c.length; k++) r.out.push(c[k]);
  return r.out;
}

// What reading a sentence's values keeps from one number to the next. The readers below are
// module functions, not closures made per sentence: V8 holds a closure's optimised code weakly,
// so every full collection dropped theirs and they ran unoptimised until compiled again.
interface Reading {
  text: string;
  offset: number;
  sentence: number;
  lex: Lexicon;
  out: Found[];
  consumedTo: number;
  last?: Found;
  lastStem: string;
}

function pushValue(r: Reading, name: string, nameFrom: number, nameTo: number, numStart: number, numEnd: number,
  value: number, unit: string, direction: string, qualifier?: string, change?: number, amount = value, baseUnit = unit): void {
  const { text, offset, sentence, lex } = r;
  const f: Found = {
    type: 'OBSERVATION', surface: text.slice(nameFrom, numEnd), name: `${name} ${value}${unit}`,
    start: offset + nameFrom, end: offset + numEnd, sentence,
    observation: { indicator: name, indicatorStart: offset + nameFrom, indicatorEnd: offset + nameTo, value, unit, direction, qualifier, change, amount, baseUnit, kind: 'quantity' },
  };
  // 接报刑事治安警情同比下降20.1%: the quantity is 刑事治安警情, received.
  const aliases = otherNames(name, '', lex.vocabulary.countVerbs ?? []);
  if (aliases.length) f.observation!.indicatorAliases = aliases;
  r.out.push(f);
  r.last = f;
  if (/量$/.test(name)) r.lastStem = name.replace(/(总量|量)$/, '');
  void numStart;
}

function rates(r: Reading): void {
  const { text, offset, lex } = r;
  const boundary = lex.vocabulary.boundaryWords;
  for (const m of execAll(NUMBER, text)) {
    const numStart = m.index!;
    const numEnd = numStart + m[0].length;
    if (numStart < r.consumedTo) continue;
    // The number and unit as written (4600万次, 2200余万元); the amount in the base unit beside them.
    const unit = m[6];
    const value = Number(m[2]);
    const outUnit = (m[3] ?? '') + (m[4] ?? '') + (m[5] ?? '') + unit;
    const amount = Math.round(value * (m[4] === '万' ? 1e4 : m[4] === '亿' ? 1e8 : 1) * 1e6) / 1e6;
    const qualifier = (m[1] ?? '') + (m[3] ?? m[5] ?? '') + (m[7] ?? '') || undefined;

    // The clause before the number: back to the previous number or clause mark.
    let markAt = numStart;
    while (markAt > r.consumedTo && !CLAUSE_MARK.has(text.charCodeAt(markAt - 1))) markAt--;
    const clauseFrom = Math.max(r.consumedTo, markAt);
    const clause = text.slice(clauseFrom, numStart);
    if (/力争|目标|预计/.test(clause)) continue;

    // (达23.92%) after a change: the level reached.
    if (/^\(?达到?$/.test(clause.trim()) && r.last?.observation?.change === undefined && r.last && /\($/.test(text.slice(0, numStart).replace(/达到?$/, ''))) {
      const o = r.last.observation!;
      o.change = o.value;
      o.value = value;
      o.unit = outUnit;
      o.amount = amount;
      o.baseUnit = unit;
      r.last.end = offset + numEnd + (text[numEnd] === ')' ? 1 : 0);
      r.last.surface = text.slice(r.last.start - offset, r.last.end - offset);
      r.last.name = `${o.indicator} ${value}${outUnit}`;
      r.consumedTo = numEnd;
      continue;
    }

    const rate = RATE_HEAD.exec(clause);
    const change = rate ? null : CHANGE_HEAD.exec(clause);
    const head = rate ?? change;
    if (!head) continue;
    // Counts and durations only for quantities that are measured: …量, …周期, …时间, …成绩.
    if (unit !== '%' && !(rate && /(量|周期|时间|时长|用时|成绩)$/.test(rate[1]))) continue;
    if (unit !== '%' && rate && /(周期|时间|时长|用时)$/.test(rate[1]) && !/(天|小时|分钟|个工作日)$/.test(unit)) continue;
    const headStart = clauseFrom + head.index!;
    const nameEnd = rate ? headStart + rate[1].length : headStart;
    const direction = rate ? (rate[3] ?? '') + (rate[4] ?? '') || m[1] || '为' : (change![2] ?? '') + change![3];
    // 行政、刑事案件快办率分别达76.7%、26.4%; 刑事、治安警情分别同比下降12.3%、8.5%.
    const eachOf = rate?.[2] === '分别' || change?.[1] === '分别';
    const listed = eachOf || rate?.[2] === '均';
    const headLen = rate ? rate[1].length : 0;
    const scoped = nameStart(text, nameEnd, clauseFrom, boundary, 24, { exceptions: lex.exceptions, listMarks: listed, minKeep: headLen + 2, dropScope: true });
    if (scoped < 0) continue;
    const nameFrom = afterPopulation(text, scoped, nameEnd - headLen - 2);
    let names: Array<[string, number, number]> = [];
    // A name never starts on the punctuation before it (…69.9%,行政、刑事案件快办率).
    // Counted in place, not matched on a slice of the name.
    let lead = 0;
    while (nameFrom + lead < nameEnd && LEAD_MARK.has(text.charCodeAt(nameFrom + lead))) lead++;
    const written = text.slice(nameFrom + lead, nameEnd);
    const from = nameFrom + lead;

    if (listed && written.includes('、')) {
      // 行政、刑事案件快办率分别达76.7%、26.4%: the shared tail completes the short parts.
      const parts = written.split('、');
      const last = parts[parts.length - 1];
      const tail = last.slice(Math.min(parts[0].length, last.length - 1));
      let p = from;
      names = parts.map((part) => {
        const full = part === last || part.endsWith(tail) || RATE_HEAD.test(part) || /(率|占比|比例)$/.test(part) ? part : part + tail;
        const r: [string, number, number] = [cleanName(full), p, p + part.length];
        p += part.length + 1;
        return r;
      });
    } else {
      let name = cleanName(written);
      // 参加考试民警8360余人,同比上升27.3%: the count and its change are read as counts.
      if (!name && change && unit === '%') continue;
      if (!name || GENERIC_HEADS.has(name)) {
        // 网办量超4600万次,比例达86.1%: a bare 比例 belongs to the previous quantity.
        if (r.lastStem && name) name = r.lastStem + name;
        else continue;
      }
      names = [[name, from, nameEnd]];
    }

    if (eachOf && names.length > 1) {
      // The values follow as a list: 76.7%、26.4%.
      const list = /^(\d+(?:\.\d+)?%(?:以上)?)(?:、(\d+(?:\.\d+)?%(?:以上)?))+/.exec(text.slice(numStart));
      const values = list ? list[0].split('、') : [m[0]];
      let p = numStart;
      values.forEach((raw, k) => {
        const n = names[Math.min(k, names.length - 1)];
        pushValue(r, n[0], n[1], n[2], p, p + raw.length, Number(raw.replace(/[%以上]/g, '')), '%', direction, raw.includes('以上') ? '以上' : undefined);
        p += raw.length + 1;
      });
      r.consumedTo = numStart + (list ? list[0].length : m[0].length);
      continue;
    }
    for (const n of names) pushValue(r, n[0], n[1], n[2], numStart, numEnd, value, outUnit, direction, qualifier, undefined, amount, unit);
    r.consumedTo = numEnd;
  }
}

/**
 * 全区52所学校“一键报警音视频复合系统”安装率达100%: a count and the noun it counts before a
 * rate's name say what the rate is taken over (52 schools), not what is measured; the name
 * starts after them. `latest` keeps at least a word before the rate's head.
 */
// Sticky, read at the name's start: the rest of the sentence was sliced per rate.
const POPULATION = /\d+(?:余|多)?[个支家名人项所处条批类座]/y;
function afterPopulation(text: string, from: number, latest: number): number {
  POPULATION.lastIndex = from;
  const count = POPULATION.exec(text);
  if (!count) return from;
  const noun = wordAt(text, from + count[0].length);
  if (!noun || noun.start !== from + count[0].length || !/^n/.test(noun.tag) || noun.end > latest) return from;
  return noun.end;
}
