import fs from 'node:fs';
import path from 'node:path';
import type { NodeType } from '../model/types';
import { SEEDS_DIR } from '../paths';

export interface Concept {
  type: NodeType;
  name: string;
  aliases: string[];
  en?: string;
  /** An indicator family (快办率): specific indicators ending in it are PART_OF it. */
  family?: boolean;
}

export interface Vocabulary {
  boundaryWords: string[];
  platformSuffixes: string[];
  genericPlatforms: string[];
  unitSuffixes: string[];
  genericUnits: string[];
  organizationSuffixes: string[];
  documentVerbs: string[];
  documentSuffixes: string[];
  genericDocuments: string[];
  reformSuffixes: string[];
  genericReforms: string[];
  principleSuffixes: string[];
  actionVerbs: string[];
  singleCharExceptions: string[];
  nonUnitWords?: string[];
  practiceVerbs?: string[];
  /** Verbs that begin what a count counts (查处, 开展, 抓获): the subject before them is dropped. */
  countVerbs?: string[];
  /** Nouns that hold a count verb (党组织): no verb starts there. */
  countVerbNouns?: string[];
  countFamilies?: { families: Array<{ family: string; words: string[] }>; unitKinds: Record<string, string[]> };
}

export interface Lexicon {
  concepts: Concept[];
  vocabulary: Vocabulary;
  /** Surface form (quotes stripped) → concept, longest forms first in `forms`. */
  byForm: Map<string, Concept>;
  /** Forms that name more than one concept at once (检、法机关: procuratorate and court). */
  allByForm: Map<string, Concept[]>;
  forms: string[];
  /** Canonical lookup per type: cleaned name → concept. */
  canonical(type: NodeType, name: string): Concept | undefined;
  families: Concept[];
  /** Two-character words whose one-character boundary is no boundary (在押, 平均). */
  exceptions: ReadonlySet<string>;
}

export const LEXICON_DIR = path.join(SEEDS_DIR, 'lexicon');

export function stripQuotes(s: string): string {
  return s.replace(/[“”"《》]/g, '');
}

export function buildLexicon(concepts: Concept[], vocabulary: Vocabulary): Lexicon {
  const byForm = new Map<string, Concept>();
  const allByForm = new Map<string, Concept[]>();
  const byTypeName = new Map<string, Concept>();
  for (const c of concepts) {
    for (const f of [c.name, ...c.aliases]) {
      if (!byForm.has(f)) byForm.set(f, c);
      allByForm.set(f, [...(allByForm.get(f) ?? []), c]);
      byTypeName.set(`${c.type}|${stripQuotes(f)}`, c);
    }
  }
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
  return {
    concepts,
    vocabulary,
    byForm,
    allByForm,
    forms,
    canonical: (type, name) => byTypeName.get(`${type}|${stripQuotes(name)}`),
    families: concepts.filter((c) => c.family),
    exceptions: new Set(vocabulary.singleCharExceptions ?? []),
  };
}

export function loadLexicon(dir = LEXICON_DIR): Lexicon {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'concepts.json'), 'utf8')) as Record<string, unknown>;
  const concepts: Concept[] = [];
  for (const [type, list] of Object.entries(raw)) {
    if (type.startsWith('$')) continue;
    for (const c of list as Array<Omit<Concept, 'type'>>) concepts.push({ ...c, type: type as NodeType, aliases: c.aliases ?? [] });
  }
  const vocabulary = JSON.parse(fs.readFileSync(path.join(dir, 'vocabulary.json'), 'utf8')) as Vocabulary;
  return buildLexicon(concepts, vocabulary);
}

let cached: Lexicon | undefined;
export function defaultLexicon(): Lexicon {
  return (cached ??= loadLexicon());
}
