import type { MentionRef, NodeType } from '../../model/types';
import type { Found } from '../mentions';
import { ObservationContext, observationNode } from '../observationNodes';
import type { Block, Sentence } from '../structure';
import { nodeId, placeKey, RelateContext } from './context';

const RELATION: Partial<Record<NodeType, 'USES' | 'INVOLVES' | 'ISSUES' | 'GUIDED_BY' | 'IMPLEMENTS' | 'ADDRESSES'>> = {
  PLATFORM: 'USES', UNIT: 'INVOLVES', ORGANIZATION: 'INVOLVES', POLICY_DOCUMENT: 'ISSUES',
  PRINCIPLE: 'GUIDED_BY', REFORM: 'IMPLEMENTS', PROBLEM: 'ADDRESSES',
};

/**
 * Relations along the report's structure, sentence by sentence: measures implement the reforms
 * of their sentence and headings, use the platforms, involve the units, issue the documents in
 * their sentence; observations evidence the measure whose sentence holds them.
 */
export function sentenceRelations(c: RelateContext, agencyId: string, idOf: Map<Found, string>, measureOfSentence: Map<number, string>): void {
  const { g, lex, st, found, ref, sentenceRef, year, meta } = c;
  const obsContext: ObservationContext = {
    g, lex, ref, nodeId, year, agency: meta.agency,
    // A count's 同比 change starts where the count does: the kind tells them apart.
    key: (f) => `${placeKey(c, f.start, f.end)}:${f.observation!.indicator}${f.observation!.kind === 'change' ? ':change' : ''}`,
  };
  const measureFor = measureOfNearest(st.sentences, measureOfSentence);
  // The mentions of sentence k are inOrder[first[k]] … inOrder[first[k + 1] - 1].
  const { inOrder, first } = foundBySentence(found, st.sentences.length);
  const titleOf = new Map<Block | undefined, number>();
  st.sentences.forEach((x, j) => {
    if (x.isTitle && !titleOf.has(x.block)) titleOf.set(x.block, j);
  });
  // Reforms named in the headings above a sentence, added to `reforms` when not there yet.
  const addContextReforms = (s: Sentence, reforms: Array<{ id: string; at: MentionRef }>): void => {
    // Up the headings in place (headingChain made a list for every sentence with a measure).
    for (let b = s.block; b; b = b.parent) {
      const t = titleOf.get(b);
      if (t === undefined) continue;
      for (let i = first[t]; i < first[t + 1]; i++) {
        const f = inOrder[i];
        if (f.type !== 'REFORM') continue;
        const id = idOf.get(f)!;
        if (!reforms.some((x) => x.id === id)) reforms.push({ id, at: ref(f.start, f.end) });
      }
    }
  };

  // A loop, not forEach: V8 holds a closure's optimised code weakly and drops it at each full collection.
  // Indexed loops, not for…of: this runs once per report, mostly unoptimised, where each step of
  // an array iterator makes a result object.
  for (let k = 0; k < st.sentences.length; k++) {
    const s = st.sentences[k];
    // Most sentences name nothing: no list, no reforms and no mention are made for them.
    const lo = first[k];
    const hi = first[k + 1];
    const m = measureFor(k);
    if (lo === hi && !m) continue;
    const at = sentenceRef(s);
    const reforms: Array<{ id: string; at: MentionRef }> = [];
    for (let i = lo; i < hi; i++) if (inOrder[i].type === 'REFORM') reforms.push({ id: idOf.get(inOrder[i])!, at });
    if (m) addContextReforms(s, reforms);
    for (let i = lo; i < hi; i++) {
      const f = inOrder[i];
      if (f.type === 'OBSERVATION') {
        const { id: obsId, indicatorId: indId } = observationNode(f, obsContext);
        const said = ref(f.start, f.end);
        g.edge('OF', obsId, indId, said);
        g.edge('FOR', obsId, agencyId, said);
        if (m) g.edge('EVIDENCES', obsId, m, at);
        else for (let j = 0; j < reforms.length; j++) g.edge('EVIDENCES', obsId, reforms[j].id, [at, reforms[j].at]);
        continue;
      }
      const rel = RELATION[f.type];
      if (!m || !rel) continue;
      g.edge(rel, m, idOf.get(f)!, at);
      // Reforms gather what their measures use and involve, so a reform answers "which
      // platforms support it" in one hop; the edge cites the sentence that says so.
      if (rel === 'USES' || rel === 'INVOLVES' || rel === 'GUIDED_BY') for (let j = 0; j < reforms.length; j++) g.edge(rel, reforms[j].id, idOf.get(f)!, at);
    }
    if (m) {
      for (let j = 0; j < reforms.length; j++) {
        const r = reforms[j];
        g.edge('IMPLEMENTS', m, r.id, r.at === at ? at : [at, r.at]);
      }
    }
  }
}

/**
 * The measure a sentence's facts belong to: its own, else the previous one in its block (the
 * nearest sentence at or before k within k's run of sentences of one block); found for all
 * sentences in one pass (a walk back from each was quadratic).
 */
function measureOfNearest(sentences: Sentence[], measureOfSentence: Map<number, string>): (k: number) => string | undefined {
  let measureAt: Array<string | undefined> | undefined;
  return (k) => {
    if (!measureAt) {
      let current: string | undefined;
      measureAt = sentences.map((s, j) => {
        if (j > 0 && s.block !== sentences[j - 1].block) current = undefined;
        return (current = measureOfSentence.get(j) ?? current);
      });
    }
    return measureAt[k];
  };
}

/**
 * The mentions in sentence order, and where each sentence's begin: extractMentions gives them
 * sentence by sentence, so this is a count (a map of a list per sentence, each grown by its
 * second push to room for seventeen, was made before). Out of order, they are put in order
 * first (a stable sort keeps each sentence's own order).
 */
function foundBySentence(found: Found[], count: number): { inOrder: Found[]; first: Int32Array } {
  let sorted = true;
  for (let i = 1; i < found.length && sorted; i++) sorted = found[i].sentence >= found[i - 1].sentence;
  const inOrder = sorted ? found : [...found].sort((a, b) => a.sentence - b.sentence);
  const first = new Int32Array(count + 1);
  for (let i = 0; i < inOrder.length; i++) first[inOrder[i].sentence + 1]++;
  for (let k = 0; k < count; k++) first[k + 1] += first[k];
  return { inOrder, first };
}
