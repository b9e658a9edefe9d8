import { execAll } from './found';

/**
 * Where a run of digits in a sentence is a reported figure, and the unit it is written with.
 * Reports write digits that are not figures everywhere: years and dates (2023年, 2024-01-12),
 * document and article numbers (〔2023〕12号, 第23条), versions (2.0版), codes and slogans in
 * quotes (“1310”, “4个100%”, “3·16”专案, 昆仑2023), formulas (1+3+5), phone numbers. A figure is a
 * number outside quotes and titles, followed by a measure word.
 */

export interface Figure {
  /** Where the number starts and the figure (number, qualifier, unit) ends, in the sentence. */
  start: number;
  end: number;
  /** The number as written: 5.9 for 5.9万起. */
  value: number;
  /** The measure word as written after the number, with 余/多 and 万/亿: 万起, 余件, 多亿元. */
  unit: string;
  /** The measure word alone: 起, 件, 元. */
  baseUnit: string;
  /** value × 万/亿: 59000 for 5.9万起. */
  amount: number;
  /** 余, 多 (written inside the unit), 以上, 左右 (after it). */
  qualifier?: string;
}

// Longest first: 场次 before 场, 家次 before 家, 万元 is 万 + 元.
const MEASURE_WORDS = [
  // A document's or a plan's divisions are counted in 个部分/个方面/个环节 (7个部分共33项内容).
  '个百分点', '个部分', '个方面', '个环节', '个领域', '平方米', '人次', '家次', '批次', '车次', '架次', '案次', '户次', '场次', '公斤', '千克', '公里', '课时', '学时',
  '个', '项', '场', '次', '人', '名', '起', '宗', '件', '家', '所', '处', '支', '条', '批', '期', '份', '册', '台', '辆', '部',
  '套', '篇', '块', '张', '户', '类', '轮', '组', '元', '克', '吨', '本', '枚', '发', '堂', '封', '单', '例', '位', '架', '艘', '把',
  '只', '头', '株', '亩', '间', '座', '箱', '瓶', '袋', '个', '余', '多',
];
// Sticky, read from after the number (lastIndex): the rest of the sentence was sliced, and its
// white space replaced away, per number.
const MEASURE = new RegExp(`(余|多)?(万|亿|千)?(余|多)?(${MEASURE_WORDS.filter((w) => w !== '余' && w !== '多').join('|')})(以上|左右)?`, 'y');
const SCALE: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

// A measure word that starts a noun is no measure word: 个工作日, 个月, 个小时, 名义, 次日, 部门, 期间.
const NOT_MEASURE = /(?:个工作日|个月|个小时|个半|名义|名单|次日|次年|部门|部署|期间|期限|期满|条件|条例|支持|支部|张贴|件事|类似|组织|组长|人员|人民|人大|家庭|家长|所在|所属|处置|处理|处罚|起诉|起草|台账|本级|本地|本部|发布|发生|单位|场所|场景|轮训|套路|例如|位居|位列|位于|架构|把关|只有|只要|间隔|座谈|头部)/y;

const OPEN_CLOSE: Record<string, string> = { '“': '”', '《': '》', '〔': '〕', '[': ']', '【': '】' };

/** Which characters of a sentence lie inside quotes, titles or bracketed document numbers. */
export function shieldedSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const open = /[“《〔[【]/g;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const i = m.index;
    let j = text.indexOf(OPEN_CLOSE[text[i]], i + 1);
    // A title cut off by the end of the excerpt runs to the end of the sentence.
    if (j < 0) j = text.length - 1;
    out.push([i, j + 1]);
    // Quotes nest inside titles (《关于2025年“会前学法”…》), so a title is not skipped over.
    if (text[i] !== '《') open.lastIndex = j + 1;
  }
  return out;
}

function inside(spans: Array<[number, number]>, i: number): boolean {
  for (let k = 0; k < spans.length; k++) if (i >= spans[k][0] && i < spans[k][1]) return true;
  return false;
}

/** Every figure of a sentence, in order; `wanted` can keep a number without a unit (治安案件1326,同比…). */
const DIGITS = /\d+(?:\.\d+)?/g;

export function figures(text: string, unitless: (end: number) => boolean = () => false, spans = shieldedSpans(text)): Figure[] {
  const out: Figure[] = [];
  for (const m of execAll(DIGITS, text)) {
    const start = m.index!;
    const numEnd = start + m[0].length;
    if (inside(spans, start)) continue;
    const before = text[start - 1] ?? '';
    // Codes, formulas, dates and versions: 1+3+5, 2024-01-12, 11370302004216167U/2024, 2.0版.
    if (/[A-Za-z0-9.\-+·/_:#•~—]/.test(before) || atCode(CODE_AFTER, text, numEnd)) continue;
    // Ranks, ordinals and frequencies: 第23条, 前3名, 每周1次.
    if (/(第|前|每[\u4e00-\u9fff]{0,2})\s*$/.test(text.slice(Math.max(0, start - 3), start))) continue;
    // What follows the number, past white space, read in place from `at`.
    SPACE.lastIndex = numEnd;
    SPACE.test(text);
    const at = SPACE.lastIndex;
    const gap = at - numEnd;
    // A number of years counts only after 连续 (连续15年); otherwise 年 makes a date or an age.
    if (text.charCodeAt(at) === 0x5e74 && text.charCodeAt(at + 1) !== 0x5ea6 && /连续\s*$/.test(text.slice(0, start)) && !atCode(YEAR_WORD, text, at)) {
      out.push({ start, end: numEnd + gap + 1, value: Number(m[0]), unit: '年', baseUnit: '年', amount: Number(m[0]) });
      continue;
    }
    if (atCode(NOT_MEASURE, text, at)) continue;
    MEASURE.lastIndex = at;
    const u = MEASURE.exec(text);
    if (!u || (u[4] === '个百分点' && (u[1] || u[2] || u[3]))) {
      if ((at === text.length || !atCode(FIGURE_GOES_ON, text, at)) && /[\u4e00-\u9fff)”]/.test(before) && unitless(numEnd)) {
        out.push({ start, end: numEnd, value: Number(m[0]), unit: '', baseUnit: '', amount: Number(m[0]) });
      }
      continue;
    }
    const written = (u[1] ?? '') + (u[2] ?? '') + (u[3] ?? '') + u[4];
    // 近3000人, 约20次, 超5万件: said before the number, so not part of the unit as written.
    const lead = /(近|约|超过|超|逾)\s*$/.exec(text.slice(Math.max(0, start - 2), start))?.[1] ?? '';
    const qualifier = lead + (u[1] ?? u[3] ?? '') + (u[5] ?? '') || undefined;
    const value = Number(m[0]);
    out.push({
      start, end: numEnd + gap + u[0].length, value, unit: written, baseUnit: u[4],
      amount: round(value * (u[2] ? SCALE[u[2]] : 1)), qualifier,
    });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

// Sticky expressions read at a place of the sentence (lastIndex), for what follows a number.
const SPACE = /\s*/y;
const CODE_AFTER = /[A-Za-z\-+·/_#~—]/y;
const YEAR_WORD = /年(度|以来|底|初|内)/y;
// A character after a number that leaves it a figure without a unit: none, or not a digit, han or %.
const FIGURE_GOES_ON = /[\d\u4e00-\u9fff%]/y;
function atCode(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}
