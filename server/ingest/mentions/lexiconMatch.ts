import type { Lexicon } from '../lexicon';
import { cleanName, Found } from './found';

/** Every lexicon name or alias that a sentence contains, longest first, never overlapping. */
export function lexiconMatches(text: string, offset: number, sentence: number, lex: Lexicon): Found[] {
  const out: Found[] = [];
  const taken: Array<[number, number]> = [];
  for (const form of lex.forms) {
    if (form.length < 2) continue;
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
      const a = i;
      const b = i + form.length;
      if (taken.some(([x, y]) => a < y && b > x)) continue;
      taken.push([a, b]);
      for (const concept of lex.allByForm.get(form) ?? []) {
        out.push({ type: concept.type, surface: form, name: concept.name, start: offset + a, end: offset + b, sentence, concept });
      }
    }
  }
  return out;
}

export { cleanName };
