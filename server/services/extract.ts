import type { Extraction, GraphNode, ReportMeta } from '../model/types';
import { applyDecisions } from '../curation/apply';
import type { Decision } from '../curation/decisions';
import { defaultLexicon, Lexicon } from '../ingest/lexicon';
import { extractOffThread } from '../ingest/isolate';
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
 * use case that reads a report (ingest, update, curation's rebuild, seeding) reads it here or in
 * readReport, so they cannot disagree on what a text becomes.
 */
export function extractReport(text: string, meta: Partial<ReportMeta>, opts: ExtractOptions = {}): Extraction {
  return finish(extract(text, meta, opts.lexicon ?? defaultLexicon()), opts);
}

/**
 * extractReport with the pipeline in the extraction isolate (ingest/isolate.ts): for a report a
 * user sends while the graph is being queried. A report read with a lexicon of the caller's is
 * read here: the isolate holds only the default one.
 */
export async function readReport(text: string, meta: Partial<ReportMeta>, opts: ExtractOptions = {}): Promise<Extraction> {
  const read = opts.lexicon ? extract(text, meta, opts.lexicon) : await extractOffThread(text, meta);
  return finish(read, opts);
}

function finish(read: Extraction, opts: ExtractOptions): Extraction {
  opts.amendReport?.(read.report);
  return applyDecisions(read, opts.decisions ?? []);
}
