import { linkPlansToProblems } from '../addresses';
import type { Block, Sentence } from '../structure';
import { nodeId, RelateContext } from './context';

/** The sub-headings of problems sections: each is one admitted problem. */
export function problemBlocksOf(c: RelateContext): Set<Block> {
  return new Set(c.st.blocks.filter((b) => b.kind === 'problems' && b.level > 1));
}

/** The PROBLEM a sentence of a problems section states, by its sub-heading or by itself. */
export function problemOf(s: Sentence, problemBlocks: Set<Block>): { name: string; block?: Block } {
  // Up the headings in place: no list made for each sentence asked about.
  let pb: Block | undefined;
  for (let b = s.block; b && !pb; b = b.parent) if (problemBlocks.has(b)) pb = b;
  return { name: leadStatement(pb ? pb.title : s.text), block: pb };
}

/** Admitted problems: one per sub-heading of a problems section, else one per sentence; then the plans that address them. */
export function admittedProblems(c: RelateContext, agencyId: string, problemBlocks: Set<Block>, planMeasures: Map<number, string>): void {
  const { g, st, year, sentenceRef } = c;
  const problemIds: Array<{ id: string; blockId?: number; title: Sentence }> = [];
  const problemSeen = new Set<string>();
  for (const s of st.sentences.filter((x) => x.kind === 'problems')) {
    const { name, block: pb } = problemOf(s, problemBlocks);
    if (!pb && s.isTitle) continue; // the section's own heading (存在的不足和原因)
    if (!pb && /[::]$/.test(s.text)) continue; // "仍存在一些问题和不足:" introduces them
    const id = nodeId('PROBLEM', name);
    const at = sentenceRef(s);
    g.node(id, 'PROBLEM', name, at, { year, admitted: true });
    if (!problemSeen.has(id)) {
      problemSeen.add(id);
      problemIds.push({ id, blockId: pb?.id, title: s });
      g.edge('FACES', agencyId, id, at, { year });
    }
  }
  linkPlansToProblems(g, st, problemIds, planMeasures, sentenceRef);
}

/** A problem is named by its lead statement: the words before the first comma of a long item. */
function leadStatement(text: string): string {
  const t = text.replace(/[。;:]$/, '');
  const first = t.split(/[,;]/)[0];
  return t.length > 24 && first.length >= 6 ? first : t;
}
