import type { NodeType } from '../../model/types';
import type { Lexicon } from '../lexicon';
import type { Sentence } from '../structure';
import { documents } from './documents';
import { Found } from './found';
import { indicators } from './indicators';
import { lexiconMatches } from './lexiconMatch';
import { inlineProblems } from './problems';
import { quotedNames } from './quoted';
import { suffixNames } from './suffixNames';

export type { Found, ObservationFields } from './found';

// Kinds that name one thing each: where two overlap, the longer span wins (the lexicon on ties).
const EXCLUSIVE: ReadonlySet<NodeType> = new Set(['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'REFORM', 'PRINCIPLE']);

/** Stage 3: everything each sentence names. */
export function extractMentions(sentences: Sentence[], lex: Lexicon): Found[] {
  const out: Found[] = [];
  sentences.forEach((s, k) => {
    const cands: Found[] = [
      ...lexiconMatches(s.text, s.start, k, lex),
      ...suffixNames(s.text, s.start, k, lex),
      ...documents(s.text, s.start, k, lex),
    ];
    const principleEndsAt = (at: number) => cands.some((c) => c.type === 'PRINCIPLE' && c.end === s.start + at);
    cands.push(...quotedNames(s.text, s.start, k, lex, s.isTitle, principleEndsAt));
    cands.push(...ruleOfLawProgrammes(s, k));
    const kept: Found[] = [];
    const ranked = cands
      .filter((c) => EXCLUSIVE.has(c.type) || c.type === 'INDICATOR')
      .filter((c) => c.concept || !endsWithKnown(c, lex))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || Number(!!b.concept) - Number(!!a.concept));
    for (const c of ranked) {
      // A known concept named inside another kind's name (派出所 in 派出所刑事办案负面清单机制)
      // is mentioned too; within one kind, the longer name is the one meant.
      if (kept.some((o) => c.start < o.end && c.end > o.start && (o.type === c.type || !c.concept) && !(o.start === c.start && o.end === c.end && o.concept && c.concept))) continue;
      kept.push(c);
    }
    // Lexicon indicators named without a value stay as indicator mentions.
    out.push(...kept.sort((a, b) => a.start - b.start));
    out.push(...indicators(s.text, s.start, k, lex, s.kind === 'plans'));
    out.push(...inlineProblems(s.text, s.start, k));
  });
  return out;
}

/** 笃学践行习近平法治思想 is 习近平法治思想 with a verb in front: the lexicon's span is the name. */
function endsWithKnown(c: Found, lex: Lexicon): boolean {
  const name = c.surface;
  // Look up each proper suffix of the name rather than scanning every lexicon form.
  for (let i = 1; i <= name.length - 2; i++) {
    const concept = lex.byForm.get(name.slice(i));
    if (concept && (concept.type === c.type || c.type === 'UNIT' || c.type === 'ORGANIZATION')) return true;
  }
  return false;
}

/** 法治杭州建设, 法治公安建设: the genre's standing rule-of-law programmes. */
function ruleOfLawProgrammes(s: Sentence, k: number): Found[] {
  const out: Found[] = [];
  for (const m of s.text.matchAll(/法治(公安|政府|[\u4e00-\u9fff]{2,3}?)(建设)?(?=[,。;、的和与工]|建设|$)/g)) {
    if (m[1] === '政府' || /^(思想|建设|意识|观念|理念|方式|素养|宣传|保障|化|工作|部门|机构)/.test(m[1])) continue;
    const start = s.start + m.index!;
    out.push({ type: 'REFORM', surface: m[0], name: m[0].endsWith('建设') ? m[0] : `${m[0]}建设`, start, end: start + m[0].length, sentence: k });
  }
  return out;
}
