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

/**
 * A trigger word of a topic, with what its hits write made once with the topic list: the topic's
 * node id and props, and the IN_TOPIC edge's props (the builder copies props, never keeps them).
 * Made for every hit, they were a tenth of what topics allocated.
 */
interface Trigger {
  t: Topic;
  /** The topic's place in its list: hits are given in list order. */
  index: number;
  w: string;
  order: number;
  topicId: string;
  topicProps: Readonly<{ nameEn: string; key: string }>;
  edgeProps: Readonly<{ trigger: string; lexicon: string }>;
}

// Triggers by first character, built once per topic list.
const triggerIndexes = new WeakMap<Topic[], FirstCharIndex<Trigger>>();
function triggerIndex(topics: Topic[]) {
  let ix = triggerIndexes.get(topics);
  if (!ix) {
    const built = new FirstCharIndex<Trigger>();
    topics.forEach((t, index) => {
      const id = topicId(t.key);
      // Frozen: shared by every hit, so the builder copies them (see GraphBuilder).
      const topicProps = Object.freeze({ nameEn: t.nameEn, key: t.key });
      const lexicon = `topics.json#${t.key}`;
      t.triggers.forEach((w, order) => built.add(w, { t, index, w, order, topicId: id, topicProps, edgeProps: Object.freeze({ trigger: w, lexicon }) }));
    });
    triggerIndexes.set(topics, (ix = built));
  }
  return ix;
}

const NO_HITS: Trigger[] = [];

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
  const byFirst = triggerIndex(topics);
  // Per topic (by its place in the list), the longest trigger found in the passage being read (the
  // first listed of equals); emptied after each passage.
  const best: Array<Trigger | undefined> = new Array<Trigger | undefined>(topics.length).fill(undefined);
  // Many nodes share a sentence or a heading: read each distinct passage text once.
  const seen = new Map<string, Trigger[]>();
  const hitsIn = (text: string) => {
    let hits = seen.get(text);
    if (!hits) {
      let found = 0;
      for (let i = 0; i < text.length; i++) {
        const cands = byFirst.at(text.charCodeAt(i));
        if (!cands) continue;
        for (const c of cands) {
          if (!text.startsWith(c.w, i)) continue;
          const b = best[c.index];
          if (!b) found++;
          if (!b || c.w.length > b.w.length || (c.w.length === b.w.length && c.order < b.order)) best[c.index] = c;
        }
      }
      hits = NO_HITS;
      if (found) {
        // Made at its size: pushed onto empty, a list of one or two hits had room for seventeen.
        hits = new Array<Trigger>(found);
        for (let k = 0, j = 0; k < best.length; k++) {
          const b = best[k];
          if (b) {
            hits[j++] = b;
            best[k] = undefined;
          }
        }
      }
      seen.set(text, hits);
    }
    return hits;
  };
  // Indexed loops and forEach, not for…of: this runs once per report, mostly unoptimised, where
  // each step of an iterator makes a result object (and of a map's entries a pair).
  passagesOf.forEach((tiers, nodeId) => {
    const node = g.nodes.get(nodeId);
    if (!node || !TOPICAL_TYPES.has(node.type)) return;
    for (let ti = 0; ti < tiers.length; ti++) {
      const tier = tiers[ti];
      let found = false;
      for (let pi = 0; pi < tier.length; pi++) {
        const p = tier[pi];
        const hits = hitsIn(p.text);
        for (let hi = 0; hi < hits.length; hi++) {
          const hit = hits[hi];
          const at = p.start + p.text.indexOf(hit.w);
          const m = ref(at, at + hit.w.length);
          g.node(hit.topicId, 'TOPIC', hit.t.name, m, hit.topicProps);
          g.edge('IN_TOPIC', nodeId, hit.topicId, m, hit.edgeProps);
          found = true;
        }
      }
      if (found) break;
    }
  });
}
