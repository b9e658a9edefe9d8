import { execAll, Found } from './found';
import { wordAt } from './segment';

// 习近平总书记关于新时代公安工作的重要论述, 习近平总书记对广东系列重要讲话、重要指示精神: a leader's
// remarks on a named subject are a guiding idea; the subject is what makes them a name.
const REMARKS = /习近平总书记(?:关于|对)[^,;:。]{2,30}?(?:重要(?:论述|指示|讲话|训词|批示)[、和]?)+(?:精神)?/g;

export function remarksOnSubject(text: string, offset: number, sentence: number): Found[] {
  const out: Found[] = [];
  if (!text.includes('习近平总书记')) return out;
  for (const m of execAll(REMARKS, text)) {
    const start = m.index!;
    let surface = m[0].replace(/[、和]$/, '');
    // …重要讲话、批示指示精神: the list of remarks goes on without 重要; the name ends where it does.
    const more = /^(?:[、和](?:重要)?(?:论述|指示|讲话|训词|批示)+)+(?:精神)?/.exec(text.slice(start + surface.length));
    if (more) surface += more[0];
    out.push({ type: 'PRINCIPLE', surface, name: surface, start: offset + start, end: offset + start + surface.length, sentence });
  }
  return out;
}

/**
 * Whether a name found by its kind word (…思想, …精神, …经验) is a guiding idea: a person's
 * thought (毛泽东思想, 习近平…思想, also a mirror's 习新时代…思想) or a named experience. The
 * spirit of a meeting, congress or plenum (全区公安工作会议精神, 党的二十大精神, 三中全会精神) and
 * bare remarks (重要指示精神) are what was studied, not ideas the report names; 法治思想 or
 * 提供思想 are phrases.
 */
export function isGuidingIdea(text: string, start: number, name: string): boolean {
  if (name.endsWith('经验')) return true;
  if (!name.endsWith('思想')) return false;
  if (/新时代.*思想$/.test(name) && name.length >= 10) return true;
  const first = wordAt(text, start);
  return !!first && first.start === start && first.tag.startsWith('nr');
}
