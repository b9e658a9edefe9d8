import type { Lexicon } from '../lexicon';
import { cleanName, Found, hasCJK, nameStart } from './found';
import { wordAt } from './segment';
import { titledDocuments } from './titles';

const QUANTITY_PREFIX = /^(?:\d+|[一二三四五六七八九十两]+)(?:项|条|个|份|部)/;

// Built once per lexicon, not once per sentence.
const built = new WeakMap<Lexicon, { generic: Set<string>; suffixes: string[] }>();
function wordsOf(lex: Lexicon) {
  let w = built.get(lex);
  if (!w) {
    const v = lex.vocabulary;
    w = { generic: new Set(v.genericDocuments), suffixes: [...v.documentSuffixes].sort((a, b) => b.length - a.length) };
    built.set(lex, w);
  }
  return w;
}

/** 《named documents》, and rules a sentence says were issued: 出台…措施, 编制…手册, 制定…细则. */
export function documents(text: string, offset: number, sentence: number, lex: Lexicon): Found[] {
  const out: Found[] = [];
  const v = lex.vocabulary;
  const { generic, suffixes } = wordsOf(lex);
  out.push(...titledDocuments(text, offset, sentence, generic));
  for (const verb of v.documentVerbs) {
    for (let i = text.indexOf(verb); i >= 0; i = text.indexOf(verb, i + 1)) {
      // The object runs to the end of the clause; a list (、 和 及) names several documents.
      // 制发了…意见: the aspect particle belongs to the verb.
      const from = i + verb.length + (text[i + verb.length] === '了' ? 1 : 0);
      if (text[from] === '的') continue;
      const clauseEnd = from + (text.slice(from).search(/[,;。:]|$/));
      const object = text.slice(from, clauseEnd);
      let pos = from;
      for (const part of object.split(/(、|和|及|以及)/)) {
        const partStart = pos;
        pos += part.length;
        if (!part || /^(、|和|及|以及)$/.test(part) || part.includes('《')) continue;
        // 八项措施(2.0版): a version tag follows the name; the name ends before it.
        const tag = /\([^()]{1,8}版\)$/.exec(part)?.[0] ?? '';
        const suffix = suffixes.find((s) => part.slice(0, part.length - tag.length).endsWith(s));
        if (!suffix) continue;
        const end = partStart + part.length - tag.length;
        if (part.includes('等')) continue; // 挂牌整治等措施: a kind of measure, not a named rule
        // 通过网上征求意见: 意见 inside the verb 征求意见 (solicit opinions) names no document.
        if (insideVerb(text, end - suffix.length, end)) continue;
        const start = Math.max(partStart, nameStart(text, end, partStart, [], 30, { keepQuantity: true }));
        const surface = text.slice(start, end);
        const name = cleanName(surface);
        const bare = name.replace(QUANTITY_PREFIX, '');
        if (generic.has(bare) || bare.length < 4 || !hasCJK(name, 4)) continue;
        if (/^(一系列|相关|有关|各项|系列)/.test(bare)) continue;
        out.push({ type: 'POLICY_DOCUMENT', surface, name, start: offset + start, end: offset + end, sentence, ...(tag ? { aliases: [name + tag] } : {}) });
      }
    }
  }
  return out;
}

/** The kind word at [start, end) is the tail of a verb the segmenter reads as one word. */
function insideVerb(text: string, start: number, end: number): boolean {
  const t = wordAt(text, start);
  return !!t && t.start < start && t.end >= end && /^v/.test(t.tag) && t.tag !== 'vn';
}
