import type { NodeType } from '../../model/types';
import type { Lexicon } from '../lexicon';
import { cleanName, Found, hasCJK, nameStart } from './found';

interface SuffixRule {
  type: NodeType;
  suffixes: string[];
  generic: Set<string>;
  /** Fewest characters before the suffix (a bare suffix is allowed only when not generic). */
  minStem: number;
  /** Reject when the suffix is directly followed by one of these (文书证据系统制作率 is an indicator). */
  notFollowedBy?: RegExp;
  maxLen?: number;
}

const AWARD = /^(全省|全国|全市|省级|国家级)/;

// Built once per lexicon: a report has hundreds of sentences. `byFirst` holds every rule's
// kind words by first character, so a sentence is read once for all of them.
const cache = new WeakMap<Lexicon, { rules: SuffixRule[]; byFirst: Map<string, string[]> }>();
function rules(lex: Lexicon) {
  let r = cache.get(lex);
  if (!r) {
    const built = buildRules(lex);
    const byFirst = new Map<string, string[]>();
    for (const suffix of new Set(built.flatMap((x) => x.suffixes))) {
      if (!suffix) continue;
      const list = byFirst.get(suffix[0]);
      if (list) list.push(suffix);
      else byFirst.set(suffix[0], [suffix]);
    }
    cache.set(lex, (r = { rules: built, byFirst }));
  }
  return r;
}

/** Where each kind word occurs in the sentence, in increasing order. */
function occurrences(text: string, byFirst: Map<string, string[]>): Map<string, number[]> {
  const at = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    const words = byFirst.get(text[i]);
    if (!words) continue;
    for (const w of words) {
      if (!text.startsWith(w, i)) continue;
      const list = at.get(w);
      if (list) list.push(i);
      else at.set(w, [i]);
    }
  }
  return at;
}

function buildRules(lex: Lexicon): SuffixRule[] {
  const v = lex.vocabulary;
  const longestFirst = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length);
  return ([
    { type: 'PLATFORM', suffixes: v.platformSuffixes, generic: new Set(v.genericPlatforms), minStem: 2, notFollowedBy: /^[^,;。、]{0,4}率|^[一-龥]?(?:化|性|率)|^能力|^头/ },
    { type: 'UNIT', suffixes: v.unitSuffixes, generic: new Set(v.genericUnits), minStem: 2, notFollowedBy: /^(?:运行|建设|办案|规范|人员|考核|会议|所长|长|主任)/ },
    { type: 'ORGANIZATION', suffixes: v.organizationSuffixes, generic: new Set(['法院', '检察院', '公司', '大学']), minStem: 2, notFollowedBy: /^习/ },
    { type: 'REFORM', suffixes: v.reformSuffixes, generic: new Set(v.genericReforms), minStem: 2, notFollowedBy: /^(?:建设|方面)?的?(?:成效|效果)|^[一-龥]?(?:化|性)/ },
    { type: 'PRINCIPLE', suffixes: v.principleSuffixes, generic: new Set(['经验', '思想', '精神', '工作经验', '做法经验', '经验做法']), minStem: 2, notFollowedBy: /^做法/ },
  ] as SuffixRule[]).map((r) => ({ ...r, suffixes: longestFirst(r.suffixes) }));
}

/** Names that end in a kind word of their type (…平台, …中心, …大学, …改革, …思想). */
export function suffixNames(text: string, offset: number, sentence: number, lex: Lexicon): Found[] {
  const out: Found[] = [];
  const { rules: all, byFirst } = rules(lex);
  const at = occurrences(text, byFirst);
  for (const rule of all) {
    for (const suffix of rule.suffixes) {
      for (const i of at.get(suffix) ?? []) {
        let end = i + suffix.length;
        if (rule.notFollowedBy?.test(text.slice(end))) continue;
        // Names that continue into a longer kind word are found from that one (…中心学习组).
        if (rule.suffixes.some((s) => s !== suffix && text.startsWith(s, end))) continue;
        let start = nameStart(text, i, 0, lex.vocabulary.boundaryWords, rule.maxLen ?? 16, { exceptions: lex.exceptions });
        if (start < 0) continue;
        const quotedKind = start < i && text[i - 1] === '”';
        let surface = text.slice(start, end);
        if (surface.startsWith('“') && !surface.slice(1).includes('”') && text[end] !== '”') {
          start += 1; // an opening quote that closes elsewhere is not part of the name
          surface = text.slice(start, end);
        }
        if (quotedKind && rule.type === 'PLATFORM') {
          // “X”平台: the name is X; the kind word is not part of it.
          const q = text.lastIndexOf('“', i);
          if (q >= start) {
            start = q;
            end = i;
            surface = text.slice(start, end);
          }
        }
        // “助跑小队”: the closing quote belongs to the mention.
        if (text[start] === '“' && text[end] === '”') {
          end += 1;
          surface = text.slice(start, end);
        }
        // 党的二十大精神: 的 is part of this name.
        if (rule.type === 'PRINCIPLE' && text.slice(start - 2, start) === '党的') {
          start -= 2;
          surface = text.slice(start, end);
        }
        // Outside bodies are named by kind: 市财政局 → 财政局, 区人民检察院 → 人民检察院.
        if (rule.type === 'ORGANIZATION' && /(局|院|所|庭|校)$/.test(suffix)) {
          const kind = /^(?:[\u4e00-\u9fff]{0,6}?[省市县区镇乡])(?=[\u4e00-\u9fff]{3,})/.exec(surface);
          if (kind && !/(大学|学院|事务所)$/.test(suffix)) {
            start += kind[0].length;
            surface = text.slice(start, end);
          }
        }
        // Police bodies too: 县涉案财物管理中心, 市、县两级…中心 → 涉案财物管理中心.
        if (rule.type === 'UNIT') {
          const level = /^(?:[市县区省镇乡村]、?)+(?:两级|三级|级)?(?=[\u4e00-\u9fff]{4,})/.exec(surface);
          if (level && !/^(市局|县局|区局)/.test(surface)) {
            start += level[0].length;
            surface = text.slice(start, end);
          }
        }
        const name = cleanName(surface);
        const stem = quotedKind && rule.type === 'PLATFORM' ? name : name.slice(0, name.length - suffix.length);
        if (rule.generic.has(name) || AWARD.test(name)) continue;
        if (suffix === '中心' && stem.length < 3) continue;
        if (rule.type === 'PLATFORM' && /扫码$/.test(name)) continue;
        if (rule.type === 'UNIT' && (lex.vocabulary.nonUnitWords ?? []).some((w) => name.includes(w))) continue;
        // Quoted praise (“建设运行成效突出”中心) is an award, not a unit's name.
        if (rule.type === 'UNIT' && /“[^”]{6,}”/.test(surface)) continue;
        if (stem.length < rule.minStem && !(stem.length === 0 && !rule.generic.has(suffix) && suffix.length >= 3)) continue;
        if (!hasCJK(name, 2) && rule.type !== 'PLATFORM') continue;
        if (/^[,、;:。]/.test(name) || /^[的了和与及]/.test(name)) continue;
        out.push({ type: rule.type, surface, name, start: offset + start, end: offset + end, sentence });
      }
    }
  }
  return out;
}
