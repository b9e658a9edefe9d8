import type { NodeType } from '../../model/types';
import type { Lexicon } from '../lexicon';
import { execAll, Found } from './found';
import { tokens } from './segment';

// Reports put the names of their practices, slogans and campaigns in quotes (“两个确立”,
// “1+3+5”, “日清、周巡、月通报”); longer quoted runs are themes or sentences, not names.
const QUOTED = /“([^“”]{2,12})”/g;
const CLAUSE_MARK = /[。;:!?()《》]/;

/**
 * Quoted names, typed by what they name: a PLATFORM or UNIT when they end in (or are followed
 * by) that kind's word, a PRINCIPLE when they end in 思想/精神 or spell out the principle just
 * before them (习近平法治思想“十一个坚持”), otherwise a REFORM (a named practice, programme or
 * slogan). Not names: case codes (“107”专案, “3·16”), crime or case categories (“五类”“两抢”案件,
 * “小案”), records of zero (“零发生”), a list of levels (“市、县、所队”) and a single common
 * word used as a metaphor (“标尺”, “生命线”, “领头羊”).
 */
export function quotedNames(text: string, offset: number, sentence: number, lex: Lexicon, inHeading: boolean, principlesBefore: (at: number) => boolean): Found[] {
  const out: Found[] = [];
  const v = lex.vocabulary;
  if (!text.includes('“')) return out;
  const { kindWords, contextKinds } = wordsOf(lex);
  const all = execAll(QUOTED, text);
  const named = new Set<number>();
  all.forEach((m, j) => {
    const at = m.index!;
    const end = at + m[0].length;
    // The context first: it is read from the sentence, where isName cuts the quoted words.
    if (!inHeading && !namedByContext(text, at, end, m[1], v.practiceVerbs ?? [], contextKinds)) return;
    if (isName(m[1], text.slice(end, end + 4))) named.add(j);
  });
  // “两打两控”“清源断流”等专项行动: quotes listed together name things of one kind.
  for (let j = 0; j < all.length; j++) {
    const next = all[j + 1];
    if (!next || next.index! !== all[j].index! + all[j][0].length) continue;
    if (named.has(j) && isName(next[1], '')) named.add(j + 1);
    if (named.has(j + 1) && isName(all[j][1], '')) named.add(j);
  }
  for (const [j, m] of all.entries()) {
    const inner = m[1];
    const at = m.index!;
    const end = at + m[0].length;
    const after = text.slice(end, end + 4);
    const concept = lex.byForm.get(m[0]) ?? lex.byForm.get(inner);
    let type: NodeType = concept?.type ?? 'REFORM';
    if (!concept) {
      if (!named.has(j)) continue;
      // “深I学”平台, “助跑小队”: the kind word decides, and the suffix rule reads it.
      if (kindWords.some((x) => inner.endsWith(x) || after.startsWith(x))) continue;
      // “枫桥式”公安派出所: the quoted words describe a unit named after them (within two
      // characters of the quote: looked for in place, not in a slice made per kind word).
      if (v.unitSuffixes.some((x) => x.length >= 2 && (text.startsWith(x, end) || text.startsWith(x, end + 1) || text.startsWith(x, end + 2)))) continue;
      if (/(思想|精神)$/.test(inner) || principlesBefore(at)) type = 'PRINCIPLE';
    }
    if (!NAMED_TYPES.has(type)) continue;
    out.push({ type, surface: m[0], name: concept?.name ?? inner, start: offset + at, end: offset + end, sentence, concept });
  }
  return out;
}

const NAMED_TYPES: ReadonlySet<NodeType> = new Set(['REFORM', 'PRINCIPLE', 'PLATFORM', 'UNIT', 'ORGANIZATION']);

// The kind words a quote is read against, joined once per lexicon (they were spread anew for every quote).
const lists = new WeakMap<Lexicon, { kindWords: string[]; contextKinds: string[] }>();
function wordsOf(lex: Lexicon) {
  let w = lists.get(lex);
  if (!w) {
    const v = lex.vocabulary;
    w = { kindWords: [...v.platformSuffixes, ...v.unitSuffixes, ...v.organizationSuffixes], contextKinds: [...v.reformSuffixes, '制', '工作', '专项行动', '行动', '战略'] };
    lists.set(lex, w);
  }
  return w;
}

/**
 * Whether the sentence treats the quoted words as a name: a numeric slogan (“两个确立”, “1310”,
 * “三会一课”), a practice the sentence carries out (推进“除险保安”, 开展“日清、周巡、月通报”),
 * words inside a document title (《关于…“会前学法”活动…》), or a name with its kind word
 * (“海上项目警官制”, “两法衔接”工作机制, …专项行动). A quoted goal, praise or category word
 * without such a sign (“金名片”, “稳进提质”) is not taken.
 */
function namedByContext(text: string, at: number, end: number, inner: string, verbs: string[], kinds: string[]): boolean {
  // A numeric slogan framed as something (…要求, …行动, …的, a list with 、); one that closes
  // the clause or is only listed (打通“最后一公里”。, “三月三”等节日) is a phrase in passing.
  // The text around the quote is read in place (the four characters before it, the six after),
  // not sliced per quote.
  if (/[一二三四五六七八九十两\d]/.test(inner)) return !CLOSES_OR_LISTED.has(text.charCodeAt(end));
  if (verbs.some((w) => w.length <= 4 && text.endsWith(w, at))) return true;
  const open = text.lastIndexOf('《', at);
  if (open >= 0 && text.indexOf('》', open) > at) return true;
  // `kinds` holds the genre's kind words, 制, 工作, 专项行动, 行动 and 战略.
  return kinds.some((k) => (inner.endsWith(k) && inner.length - k.length >= 2) || (k.length <= 6 && text.startsWith(k, end)));
}
// 和 等 。 ; as code units.
const CLOSES_OR_LISTED = new Set([0x548c, 0x7b49, 0x3002, 0x3b]);

function isName(inner: string, after: string): boolean {
  if (CLAUSE_MARK.test(inner) || /^[,、]|[,、]$/.test(inner)) return false;
  // Case code names: digits with date marks, or a number before 专案/案.
  if (/[·.\/]/.test(inner) && /^[\d·.\/\-]+$/.test(inner)) return false;
  if (/专案$|案$/.test(inner) || /^(专案|案件|案)/.test(after)) return false;
  if (/^零/.test(inner)) return false;
  // Numeric slogans: “1310”, “1+3+5”.
  if (/^\d[\d+]*$/.test(inner)) return true;
  // A list whose items are single characters (“严、实”) is no name: its items measured in place,
  // not split into a list per quote.
  if (hasShortItem(inner)) return false;
  if (!/[\u4e00-\u9fff]/.test(inner)) return false;
  // A single dictionary word is a metaphor or a common noun, not a coined name.
  const words = tokens(inner);
  if (words.length === 1 && /^(n|m|a|v|vn|l|i|nz)$/.test(words[0].tag)) return false;
  return true;
}

// Whether `inner`, split at , and 、, has two items or more and one of them shorter than two characters.
function hasShortItem(inner: string): boolean {
  let prev = -1;
  let short = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c !== 0x2c && c !== 0x3001) continue;
    if (i - prev - 1 < 2) short = true;
    prev = i;
  }
  return prev >= 0 && (short || inner.length - prev - 1 < 2);
}
