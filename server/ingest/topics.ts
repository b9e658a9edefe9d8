import fs from 'node:fs';
import path from 'node:path';
import type { MentionRef, NodeType } from '../model/types';
import { SEEDS_DIR } from '../paths';
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

const ELIGIBLE: ReadonlySet<NodeType> = new Set(['REFORM', 'MEASURE', 'PROBLEM', 'PLATFORM']);
export const topicId = (key: string) => `topic:${key}`;

/** A span of the view that can hold triggers: a node's own name, its sentence, its heading. */
export interface Passage {
  start: number;
  end: number;
  text: string;
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
  for (const [nodeId, tiers] of passagesOf) {
    const node = g.nodes.get(nodeId);
    if (!node || !ELIGIBLE.has(node.type)) continue;
    for (const tier of tiers) {
      let found = false;
      for (const p of tier) {
        for (const t of topics) {
          // The longest trigger of a topic that occurs in the passage, first occurrence.
          const hit = t.triggers.filter((w) => p.text.includes(w)).sort((a, b) => b.length - a.length)[0];
          if (!hit) continue;
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
