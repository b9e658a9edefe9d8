import fs from 'node:fs';
import path from 'node:path';
import { htmlToText, looksLikeHtml } from '../ingest/html';
import { extract } from '../ingest/pipeline';
import type { Extraction, GraphNode } from '../model/types';
import { extractSeeds } from '../services/seed';
import { pinyinRuns } from './pinyinRuns';

/**
 * How English the English names are: the share of nodes whose nameEn holds a pinyin run that is
 * not a proper noun (pinyinRuns.ts decides what pinyin is, without the glossary).
 */
export interface EnglishTally {
  nodes: number;
  /** Nodes whose English name has a pinyin run that is not a proper noun. */
  pinyin: GraphNode[];
  /** Nodes whose English name carries a marked proper noun in pinyin. */
  proper: number;
  /** Nodes shown as Chinese with a gloss. */
  glossed: number;
  glossedNodes: GraphNode[];
  byType: Map<string, { nodes: number; pinyin: number }>;
}

export interface EnglishReport {
  reports: number;
  refused: string[];
  /** Every node. */
  all: EnglishTally;
  /** Named things only: not measures, observations and reports, whose English is a template over the others. */
  named: EnglishTally;
}

/** The proper nouns the name marks (nameEnProper, joined by |). */
export function properNouns(n: GraphNode): string[] {
  return typeof n.props.nameEnProper === 'string' && n.props.nameEnProper ? n.props.nameEnProper.split('|') : [];
}

const TEMPLATED = new Set(['MEASURE', 'OBSERVATION', 'REPORT']);

function tally(nodes: GraphNode[]): EnglishTally {
  const t: EnglishTally = { nodes: 0, pinyin: [], proper: 0, glossed: 0, glossedNodes: [], byType: new Map() };
  for (const n of nodes) {
    const en = typeof n.props.nameEn === 'string' ? n.props.nameEn : '';
    const bad = pinyinRuns(en, properNouns(n)).length > 0;
    t.nodes++;
    if (bad) t.pinyin.push(n);
    if (properNouns(n).length) t.proper++;
    if (/[\u3400-\u9fff]/.test(en)) {
      t.glossed++;
      t.glossedNodes.push(n);
    }
    const b = t.byType.get(n.type) ?? { nodes: 0, pinyin: 0 };
    b.nodes++;
    if (bad) b.pinyin++;
    t.byType.set(n.type, b);
  }
  return t;
}

export function measureEnglish(extractions: Extraction[], refused: string[] = []): EnglishReport {
  // A node that several reports share is counted once (the graph merges it by id).
  const byId = new Map<string, GraphNode>();
  for (const x of extractions) for (const n of x.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const nodes = [...byId.values()];
  return { reports: extractions.length, refused, all: tally(nodes), named: tally(nodes.filter((n) => !TEMPLATED.has(n.type))) };
}

export function measureSeeds(): EnglishReport {
  return measureEnglish(extractSeeds());
}

/** Reports of a folder (DIR/reports/*.txt|html, or DIR itself), each read as text alone as ingest reads it. */
export function measureFolder(dir: string): EnglishReport {
  const reportDir = fs.existsSync(path.join(dir, 'reports')) ? path.join(dir, 'reports') : dir;
  if (!fs.existsSync(reportDir)) throw new Error(`${dir} has no reports`);
  const files = fs.readdirSync(reportDir).filter((f) => /\.(txt|html?)$/.test(f)).sort();
  const xs: Extraction[] = [];
  const refused: string[] = [];
  for (const f of files) {
    const raw = fs.readFileSync(path.join(reportDir, f), 'utf8');
    try {
      xs.push(extract(looksLikeHtml(raw) ? htmlToText(raw) : raw));
    } catch (e) {
      refused.push(`${f}: ${(e as Error).message}`);
    }
  }
  return measureEnglish(xs, refused);
}
