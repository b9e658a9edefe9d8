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
  const plans = [...planMeasures.entries()].map(([blockId, id]) => ({ id, title: titleOf(blockId), grams: bigrams(textOf(blockId, titleOf(blockId))) }));
  for (const p of problems) {
    const pg = bigrams(textOf(p.blockId, p.title));
    const scored = plans
      .map((pl) => {
        let shared = 0;
        for (const b of pg) if (pl.grams.has(b)) shared++;
        return { pl, score: shared / Math.sqrt(Math.max(1, pg.size) * Math.max(1, pl.grams.size)) };
      })
      .filter((x) => x.score > 0.05)
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    for (const { pl, score } of scored.filter((x, i) => i === 0 || x.score >= Math.max(0.12, best * 0.8))) {
      g.edge('ADDRESSES', pl.id, p.id, [sentenceRef(pl.title), sentenceRef(p.title)], { derived: 'shared wording', score: Math.round(score * 1000) / 1000 });
    }
  }
}
