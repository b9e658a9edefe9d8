import type { Lexicon } from '../lexicon';
import type { Sentence } from '../structure';
import { execAll, Found } from './found';
import { isWordBoundary } from './segment';

/**
 * 区委区政府, 省委省政府: written together, the Party committee and the government are named as
 * one leadership (either of them alone is still the same bodies).
 */
const JOINT = /([省市区县])委\1(?:人民)?政府/g;

export function jointLeadership(s: Sentence, k: number): Found[] {
  if (!s.text.includes('委')) return [];
  return execAll(JOINT, s.text).map((m) => ({
    type: 'ORGANIZATION' as const, surface: m[0], name: m[0], start: s.start + m.index!, end: s.start + m.index! + m[0].length,
    sentence: k, aliases: [`${m[1]}委`, m[0].slice(2)],
  }));
}

// 在区委区政府和市公安局的坚强领导下: the genre names the bodies a bureau answers to in this frame.
const LED_BY = /在([^,;:。在]{2,30}?)的?(?:坚强|正确|统一|有力)?领导下/g;

/** The bodies a report says it worked under: each is an outside organisation (its superior bureau too). */
export function leadersNamed(s: Sentence, k: number, lex: Lexicon): Found[] {
  const out: Found[] = [];
  if (!s.text.includes('领导下')) return out;
  for (const m of execAll(LED_BY, s.text)) {
    let at = m.index! + 1;
    for (const part of m[1].split(/([、和及与])/)) {
      const start = at;
      at += part.length;
      if (/^[、和及与]$/.test(part) || part.length < 2 || part.length > 12 || /^(上级|各级|有关)/.test(part)) continue;
      // The lexicon names the bodies it knows (区委, 公安部党委) itself.
      if (lex.byForm.has(part) || /^([省市区县])委\1/.test(part)) continue;
      out.push({ type: 'ORGANIZATION', surface: part, name: part, start: s.start + start, end: s.start + at, sentence: k });
    }
  }
  return out;
}

// 省委, 市政府, 县人大, 市局 …: a level and a body, named relative to the writer (relative.ts
// resolves each to the real body). 局 and 公安局 are the police of that level; 省 has a 公安厅.
const RELATIVE_BODY = /([省市区县])(人大常委会|人民政府|政法委|纪委|人大|政协|政府|委|公安局|公安厅|局|厅)/g;

/** Bodies a report names by their level alone, each starting and ending on a word boundary. */
export function relativeBodies(s: Sentence, k: number): Found[] {
  const out: Found[] = [];
  for (const m of execAll(RELATIVE_BODY, s.text)) {
    const [all, level, body] = m;
    const at = m.index!;
    if (((body === '公安厅' || body === '厅') && level !== '省') || (body === '局' && level !== '市')) continue;
    if (!isWordBoundary(s.text, at) || !isWordBoundary(s.text, at + all.length)) continue;
    const name = body === '局' || body === '厅' ? `${level}公安${body}` : all;
    out.push({ type: 'ORGANIZATION', surface: all, name, start: s.start + at, end: s.start + at + all.length, sentence: k, ...(name !== all ? { aliases: [all] } : {}) });
  }
  return out;
}
