import type { MentionRef } from '../model/types';
import type { GraphBuilder } from './graphBuilder';
import type { Sentence, Structure } from './structure';

// Bigrams too common in the genre to say two passages are about the same thing.
const COMMON = new Set(['持续', '进一步', '加强', '推进', '工作', '提升', '不够', '仍待', '有待', '存在', '方面', '公安', '民警', '开展', '推动']);

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/[^\u3400-\u9fff]/g, '');
  for (let i = 0; i + 1 < t.length; i++) {
    const b = t.slice(i, i + 2);
    if (!COMMON.has(b)) out.add(b);
  }
  return out;
}

/**
 * Which planned measures address which admitted problems: reports list them in separate
 * sections, so the link is the wording they share. Each problem gets its best-matching plans
 * (score and the two citing sentences on the edge, marked derived).
 */
export function linkPlansToProblems(
  g: GraphBuilder,
  st: Structure,
  problems: Array<{ id: string; blockId?: number; title: Sentence }>,
  planMeasures: Map<number, string>,
  sentenceRef: (s: Sentence) => MentionRef,
): void {
  if (!problems.length || !planMeasures.size) return;
  const textOf = (blockId: number | undefined, fallback: Sentence) =>
    blockId === undefined ? fallback.text : st.sentences.filter((s) => s.block?.id === blockId).map((s) => s.text).join('');
  const titleOf = (blockId: number) => st.sentences.find((s) => s.isTitle && s.block?.id === blockId)!;
  const plans = [...planMeasures.entries()].map(([blockId, id]) => ({
    id, title: titleOf(blockId), grams: bigrams(textOf(blockId, titleOf(blockId))), head: bigrams(titleOf(blockId).text),
  }));
  for (const p of problems) {
    const pg = bigrams(textOf(p.blockId, p.title));
    const ph = bigrams(p.title.text);
    // Headings say what a passage is about: their shared words count double.
    const scored = plans
      .map((pl) => ({ pl, score: 2 * overlap(ph, pl.head) + overlap(pg, pl.grams) }))
      .filter((x) => x.score > 0.05)
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    for (const { pl, score } of scored.filter((x, i) => i === 0 || x.score >= Math.max(0.12, best * 0.8))) {
      g.edge('ADDRESSES', pl.id, p.id, [sentenceRef(pl.title), sentenceRef(p.title)], { derived: 'shared wording', score: Math.round(score * 1000) / 1000 });
    }
  }
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.sqrt(Math.max(1, a.size) * Math.max(1, b.size));
}
