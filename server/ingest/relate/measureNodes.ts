import { hasVerb, measureName } from '../measures';
import { headingChain, Sentence } from '../structure';
import { nodeId, placeKey, RelateContext } from './context';

export interface Measures {
  /** The measure each sentence states, by sentence index. */
  ofSentence: Map<number, string>;
  /** The one measure of each plan sub-heading, by block id. */
  ofPlanBlock: Map<number, string>;
}

/** Measures: one per action sentence; in plan sections with sub-headings, one per heading. */
export function measureNodes(c: RelateContext, agencyId: string): Measures {
  const { g, st, lex, year, sentenceRef } = c;
  const verbs = lex.vocabulary.actionVerbs;
  const isAction = (s: Sentence) => hasVerb(s.text, verbs);
  const measureOfSentence = new Map<number, string>();
  const blockMeasure = new Map<number, string>();
  const planBlocks = new Set(st.blocks.filter((b) => b.kind === 'plans' && b.level > 1 && st.blocks.some((x) => x.parent === b || x === b)).map((b) => b.id));

  // A loop, not forEach: V8 holds a closure's optimised code weakly and drops it at each full collection.
  for (let k = 0; k < st.sentences.length; k++) {
    const s = st.sentences[k];
    if (s.kind === 'problems') continue;
    const planBlock = s.kind === 'plans' ? planBlockOf(s.block, planBlocks) : undefined;
    if (planBlock) {
      let id = blockMeasure.get(planBlock.id);
      if (!id) {
        const title = st.sentences.find((x) => x.isTitle && x.block === planBlock) ?? s;
        id = nodeId('MEASURE', placeKey(c, title.start, title.end));
        blockMeasure.set(planBlock.id, id);
        // One mention for the measure and the edge that carries it out: both cite the title.
        const at = sentenceRef(title);
        g.node(id, 'MEASURE', planBlock.title, at, { status: 'planned', year: planBlock.planYear ?? (year !== null ? year + 1 : null), section: sectionPath(planBlock) });
        g.edge('CARRIES_OUT', agencyId, id, at, { status: 'planned', year: planBlock.planYear ?? null });
      }
      g.node(id, 'MEASURE', planBlock.title, sentenceRef(s));
      measureOfSentence.set(k, id);
      continue;
    }
    // Headings, the title line and address lines (市委、市政府:) are not measures.
    if (s.isTitle || !isAction(s) || /[::]$/.test(s.text) || (!s.block && /报告$/.test(s.text))) continue;
    const name = measureName(s.text, verbs);
    if (!name) continue; // only stock clauses (以…为指导, 在…领导下, 现将…报告如下)
    const planned = s.kind === 'plans';
    const id = nodeId('MEASURE', placeKey(c, s.start, s.end));
    const y = planned ? s.block?.planYear ?? (year !== null ? year + 1 : null) : year;
    const at = sentenceRef(s);
    g.node(id, 'MEASURE', name, at, { status: planned ? 'planned' : 'done', year: y, section: sectionPath(s.block) });
    g.edge('CARRIES_OUT', agencyId, id, at, { status: planned ? 'planned' : 'done', year: y });
    measureOfSentence.set(k, id);
  }
  return { ofSentence: measureOfSentence, ofPlanBlock: blockMeasure };
}

/** The nearest heading at or above `block` that is a plan sub-heading (walked up in place, no list made). */
function planBlockOf(block: Sentence['block'], planBlocks: Set<number>): Sentence['block'] {
  for (let b = block; b; b = b.parent) if (planBlocks.has(b.id)) return b;
  return undefined;
}

function sectionPath(block: Sentence['block']): string | null {
  if (!block) return null;
  return headingChain(block).reverse().map((b) => b.title).join(' › ');
}
