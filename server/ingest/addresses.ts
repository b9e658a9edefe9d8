import type { MentionRef } from '../model/types';
import type { GraphBuilder } from './graphBuilder';
import type { Sentence, Structure } from './structure';

// Bigrams too common in the genre to say two passages are about the same thing.
const COMMON = new Set(['持续', '进一步', '加强', '推进', '工作', '提升', '不够', '仍待', '有待', '存在', '方面', '公安', '民警', '开展', '推动']);

/**
 * The pairs of Han characters next to each other once all else is taken out (加强、推进 gives
 * 强推): read code unit by code unit, not from a copy of the text without the rest.
 */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    if (prev >= 0) {
      const b = prev === i - 1 ? s.slice(prev, i + 1) : s[prev] + s[i];
      if (!COMMON.has(b)) out.add(b);
    }
    prev = i;
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
  // Each block's sentences and its first title, read in one pass over the report, not in one
  // pass for every plan and problem asked about.
  const blockTexts = new Map<number, string[]>();
  const blockTitles = new Map<number, Sentence>();
  for (const s of st.sentences) {
    const id = s.block?.id;
    if (id === undefined) continue;
    const texts = blockTexts.get(id);
    if (texts) texts.push(s.text);
    else blockTexts.set(id, [s.text]);
    if (s.isTitle && !blockTitles.has(id)) blockTitles.set(id, s);
  }
  const textOf = (blockId: number | undefined, fallback: Sentence) =>
    blockId === undefined ? fallback.text : blockTexts.get(blockId)?.join('') ?? '';
  const titleOf = (blockId: number) => blockTitles.get(blockId)!;
  const plans = [...planMeasures.entries()].map(([blockId, id]) => {
    const title = titleOf(blockId);
    return { id, title, grams: bigrams(textOf(blockId, title)), head: bigrams(title.text) };
  });
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
