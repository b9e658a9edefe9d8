/**
 * Numbers in names: the genre counts its slogans (三项制度, 十五分钟办事圈, 一村一警), so a
 * Chinese numeral is read as a number, and a number reads as an English word up to twenty.
 */
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

// A numeral opens with a digit or 一…十: 万州 and 百姓 are no numbers.
export const NUMERAL = /^(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)/;

/** 十五 → 15, 二十 → 20, 三百零五 → 305, 12 → 12; undefined when it is no numeral. */
export function numeralValue(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch === '万') {
      total = (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    } else if (ch in POWER) {
      section += (digit < 0 ? 1 : digit) * POWER[ch];
      digit = -1;
    } else return undefined;
  }
  return total + section + Math.max(digit, 0);
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

export function numberEn(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n] : String(n);
}
