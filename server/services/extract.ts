import type { Extraction, GraphNode, ReportMeta } from '../model/types';
import { applyDecisions } from '../curation/apply';
import type { Decision } from '../curation/decisions';
import { defaultLexicon, Lexicon } from '../ingest/lexicon';
import { extract } from '../ingest/pipeline';

export interface ExtractOptions {
  lexicon?: Lexicon;
  /** Curator decisions, applied after the pipeline (none: the pipeline's graph as it is). */
  decisions?: readonly Decision[];
  /**
   * What the report node learns from outside its text (the file it was read from, a date in its
   * address): set before curation, which copies the report node with its properties.
   */
  amendReport?: (report: GraphNode) => void;
}

/**
 * A report's text as the graph will hold it: the pipeline, then the curator's decisions. Every
 * use case that reads a report (ingest, update, curation's rebuild, seeding) reads it here, so
 * they cannot disagree on what a text becomes.
 */
export function extractReport(text: string, meta: Partial<ReportMeta>, opts: ExtractOptions = {}): Extraction {
  const read = extract(text, meta, opts.lexicon ?? defaultLexicon());
  opts.amendReport?.(read.report);
  return applyDecisions(read, opts.decisions ?? []);
}
