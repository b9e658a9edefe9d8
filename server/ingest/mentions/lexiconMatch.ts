import { FirstCharIndex } from '../charIndex';
import type { Lexicon } from '../lexicon';
import { cleanName, Found, sortPrefix } from './found';

/**
 * The lexicon's forms by their first character (which most characters of a sentence open none
 * of), then by their first two (a common first character such as 公 opens hundreds), with each
 * form's rank in `lex.forms`.
 */
type FormIndex = FirstCharIndex<Map<number, Array<{ form: string; rank: number }>>>;

// Built once per lexicon: a report has hundreds of sentences and the lexicon thousands of forms,
// so looking up the forms that can start at each position beats searching for every form.
const indexes = new WeakMap<Lexicon, FormIndex>();
// One bit per pair of first two code units some form opens with, hashed into 2^16 bits: most
// characters of a sentence start some form (the forms open with a thousand characters), but
// few pairs do, and the bit answers most of them without the map lookup.
const pairBits = new WeakMap<Lexicon, Uint32Array>();
const pairOf = (c1: number, c2: number) => (c1 * 31 + c2) & 0xffff;
function formIndex(lex: Lexicon): FormIndex {
  let ix = indexes.get(lex);
  if (!ix) {
    const built: FormIndex = new FirstCharIndex();
    const bits = new Uint32Array(2048);
    lex.forms.forEach((form, rank) => {
      if (form.length < 2) return;
      const h = pairOf(form.charCodeAt(0), form.charCodeAt(1));
      bits[h >>> 5] |= 1 << (h & 31);
      let bySecond = built.at(form.charCodeAt(0))?.[0];
      if (!bySecond) built.add(form, (bySecond = new Map()));
      const list = bySecond.get(form.charCodeAt(1));
      if (list) list.push({ form, rank });
      else bySecond.set(form.charCodeAt(1), [{ form, rank }]);
    });
    ix = built;
    indexes.set(lex, ix);
    pairBits.set(lex, bits);
  }
  return ix;
}

/**
 * Every lexicon name or alias that a sentence contains, longest first, never overlapping: the
 * occurrences are taken in the order of `lex.forms` (longest first), then of position, each one
 * kept unless it overlaps one already kept.
 */
export function lexiconMatches(text: string, offset: number, sentence: number, lex: Lexicon): Found[] {
  const ix = formIndex(lex);
  // Each occurrence as one number, rank × (length + 1) + place, in a scratch list: ordered as
  // numbers they are ordered by rank, then place (an object per occurrence, and the sort's work
  // array per sentence, were garbage).
  const scale = text.length + 1;
  let n = 0;
  const pairs = pairBits.get(lex)!;
  for (let i = 0; i + 1 < text.length; i++) {
    const c1 = text.charCodeAt(i);
    const c2 = text.charCodeAt(i + 1);
    const h = pairOf(c1, c2);
    if (!(pairs[h >>> 5] & (1 << (h & 31)))) continue;
    const list = ix.at(c1)?.[0].get(c2);
    if (!list) continue;
    for (const f of list) if (text.startsWith(f.form, i)) hits[n++] = f.rank * scale + i;
  }
  const out: Found[] = [];
  if (!n) return out;
  sortPrefix(hits, n, byNumber);
  let nTaken = 0;
  for (let h = 0; h < n; h++) {
    const a = hits[h] % scale;
    const form = lex.forms[(hits[h] - a) / scale];
    const b = a + form.length;
    if (overlapsTaken(a, b, nTaken)) continue;
    takenFrom[nTaken] = a;
    takenTo[nTaken++] = b;
    const concepts = lex.allByForm.get(form);
    if (concepts) for (const concept of concepts) {
      out.push({ type: concept.type, surface: form, name: concept.name, start: offset + a, end: offset + b, sentence, concept });
    }
  }
  return out;
}

// Scratch lists, reused from sentence to sentence: the occurrences found, and the spans kept.
const hits: number[] = [];
const takenFrom: number[] = [];
const takenTo: number[] = [];
const byNumber = (x: number, y: number) => x - y;

function overlapsTaken(a: number, b: number, nTaken: number): boolean {
  for (let k = 0; k < nTaken; k++) if (a < takenTo[k] && b > takenFrom[k]) return true;
  return false;
}

export { cleanName };
