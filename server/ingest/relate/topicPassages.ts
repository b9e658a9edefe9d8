import type { Found } from '../mentions';
import { headingChain, Sentence, Block } from '../structure';
import type { Passage } from '../topics';
import { nodeId, RelateContext } from './context';
import { problemOf } from './problems';

// A tier with no passage yet: shared (frozen, so that nothing adds to it), and replaced by a
// list of its own at its first passage. A node's headings tier is the (frozen) list of its first
// sentence's headings until another sentence adds one.
const NO_PASSAGES = Object.freeze([]) as unknown as Passage[];
const add = (t: Passage[][], tier: number, p: Passage) => {
  const list = t[tier];
  if (list === NO_PASSAGES) t[tier] = [p];
  else if (Object.isFrozen(list)) t[tier] = [...list, p];
  else list.push(p);
};
// Tiers up to this long are scanned for a passage already in them.
const SCAN = 16;

/**
 * The passages each node's topics are read from, closest first: its own words, then the
 * sentences that state it, then its headings (tiers 0, 1, 2).
 */
export function topicPassages(c: RelateContext, idOf: Map<Found, string>, measureOfSentence: Map<number, string>, problemBlocks: Set<Block>): Map<string, Passage[][]> {
  const { g, n, st, found } = c;
  const tiers = new Map<string, Passage[][]>();
  // Passages already in a node's tiers, by tier and span ((start × (length + 1) + end) × 3 + tier):
  // a node stated in 100,000 sentences made a scan quadratic, and a string key per passage cost as
  // much again. A node's short tiers are scanned (most nodes have a few passages: a set for each
  // was a tenth of what relating a report allocated); its set is made when a tier grows long, and
  // then kept for all its tiers. A passage is made only when it is new to its tier.
  const inTier = new Map<string, Set<number>>();
  const width = n.view.length + 1;
  const keyOf = (start: number, end: number, tier: number) => (start * width + end) * 3 + tier;
  // `given`: the passage itself when one exists already (a sentence is its own passage).
  const addTier = (id: string, tier: number, start: number, end: number, text: string, given?: Passage) => {
    let t = tiers.get(id);
    // A tier is made with its first passage: a list pushed onto empty reserves room for seventeen.
    if (!t) tiers.set(id, (t = [NO_PASSAGES, NO_PASSAGES, NO_PASSAGES]));
    const list = t[tier];
    let seen = inTier.get(id);
    if (!seen) {
      if (list.length < SCAN) {
        for (let i = 0; i < list.length; i++) if (list[i].start === start && list[i].end === end) return;
        return add(t, tier, given ?? { start, end, text });
      }
      inTier.set(id, (seen = new Set()));
      for (let j = 0; j < 3; j++) for (const p of t[j]) seen.add(keyOf(p.start, p.end, j));
    }
    const key = keyOf(start, end, tier);
    if (!seen.has(key)) {
      seen.add(key);
      add(t, tier, given ?? { start, end, text });
    }
  };
  // The headings above a block, as passages: the same for every sentence under them.
  const headingPassages = new Map<Block | undefined, Passage[]>();
  const headingsOf = (s: Sentence) => {
    let hs = headingPassages.get(s.block);
    if (!hs) {
      hs = headingChain(s.block).map((b) => ({ start: b.titleStart, end: b.titleEnd, text: n.view.slice(b.titleStart, b.titleEnd) }));
      // Frozen: shared by the nodes under it, copied by the first that adds to it.
      Object.freeze(hs);
      headingPassages.set(s.block, hs);
    }
    return hs;
  };
  const sentenceTiers = (id: string, s: Sentence) => {
    // The sentence is the passage (its start, end and text): none is made for each node it states.
    addTier(id, 1, s.start, s.end, s.text, s);
    const hs = headingsOf(s);
    const t = tiers.get(id)!;
    if (t[2] === hs) return;
    // Most nodes are stated under one run of headings: they share its list (a list each, grown
    // by its first push to room for seventeen, was most of what this stage allocated).
    if (t[2] === NO_PASSAGES && !inTier.has(id)) t[2] = hs;
    else for (const h of hs) addTier(id, 2, h.start, h.end, h.text);
  };
  for (const f of found) {
    const id = idOf.get(f);
    if (!id) continue;
    addTier(id, 0, f.start, f.end, n.view.slice(f.start, f.end));
    sentenceTiers(id, st.sentences[f.sentence]);
  }
  for (const [k, id] of measureOfSentence) sentenceTiers(id, st.sentences[k]);
  for (const s of st.sentences.filter((x) => x.kind === 'problems')) {
    const id = nodeId('PROBLEM', problemOf(s, problemBlocks).name);
    if (g.nodes.has(id)) sentenceTiers(id, s);
  }
  return tiers;
}
