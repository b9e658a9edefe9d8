import fs from 'node:fs';
import path from 'node:path';
import { TOPICAL_TYPES, type MentionRef, type NodeType } from '../model/types';
import { SEEDS_DIR } from '../paths';
import { FirstCharIndex } from './charIndex';
import type { GraphBuilder } from './graphBuilder';

export interface Topic {
  key: string;
  name: string;
  nameEn: string;
  triggers: string[];
}

let cached: Topic[] | undefined;
export function loadTopics(file = path.join(SEEDS_DIR, 'lexicon', 'topics.json')): Topic[] {
  return (cached ??= (JSON.parse(fs.readFileSync(file, 'utf8')) as { topics: Topic[] }).topics);
}

export const topicId = (key: string) => `topic:${key}`;

/** A span of the view that can hold triggers: a node's own name, its sentence, its heading. */
export interface Passage {
  start: number;
  end: number;
  text: string;
}

// Triggers by first character, built once per topic list.
const triggerIndexes = new WeakMap<Topic[], FirstCharIndex<{ t: Topic; w: string; order: number }>>();
function triggerIndex(topics: Topic[]) {
  let ix = triggerIndexes.get(topics);
  if (!ix) {
    const built = new FirstCharIndex<{ t: Topic; w: string; order: number }>();
    for (const t of topics) t.triggers.forEach((w, order) => built.add(w, { t, w, order }));
    triggerIndexes.set(topics, (ix = built));
  }
  return ix;
}

/**
 * Assigns policy-area topics. For each node, the passages that state it are read in order of
 * closeness (its own mention, then its sentence, then the headings above it); the first passage
 * with a trigger word decides, and each topic found there gets an IN_TOPIC edge citing that word,
 * with the topic and trigger recorded, so every assignment is traceable and correctable.
 */
export function assignTopics(
  g: GraphBuilder,
  passagesOf: Map<string, Passage[][]>,
  ref: (vs: number, ve: number) => MentionRef,
  topics: Topic[] = loadTopics(),
): void {
  // Many nodes share a sentence or a heading: read each distinct passage text once.
  const seen = new Map<string, Array<{ t: Topic; hit: string }>>();
  const hitsIn = (text: string) => {
    let hits = seen.get(text);
    if (!hits) {
      // Per topic, the longest trigger that occurs in the passage (the first listed of equals).
      const best = new Map<Topic, { hit: string; order: number }>();
      const byFirst = triggerIndex(topics);
      for (let i = 0; i < text.length; i++) {
        const cands = byFirst.at(text.charCodeAt(i));
        if (!cands) continue;
        for (const c of cands) {
          if (!text.startsWith(c.w, i)) continue;
          const b = best.get(c.t);
          if (!b || c.w.length > b.hit.length || (c.w.length === b.hit.length && c.order < b.order)) best.set(c.t, { hit: c.w, order: c.order });
        }
      }
      hits = topics.filter((t) => best.has(t)).map((t) => ({ t, hit: best.get(t)!.hit }));
      seen.set(text, hits);
    }
    return hits;
  };
  for (const [nodeId, tiers] of passagesOf) {
    const node = g.nodes.get(nodeId);
    if (!node || !TOPICAL_TYPES.has(node.type)) continue;
    for (const tier of tiers) {
      let found = false;
      for (const p of tier) {
        for (const { t, hit } of hitsIn(p.text)) {
          const at = p.start + p.text.indexOf(hit);
          const m = ref(at, at + hit.length);
          g.node(topicId(t.key), 'TOPIC', t.name, m, { nameEn: t.nameEn, key: t.key });
          g.edge('IN_TOPIC', nodeId, topicId(t.key), m, { trigger: hit, lexicon: `topics.json#${t.key}` });
          found = true;
        }
      }
      if (found) break;
    }
  }
}
