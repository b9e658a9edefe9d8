import type { Extraction, NodeType, ReportMeta, TypeCount } from '../model/types';
import { NODE_TYPES } from '../model/types';
import type { GraphStore } from '../store/store';
import { applyDecisions } from '../curation/apply';
import type { Decision } from '../curation/decisions';
import { htmlToText, looksLikeHtml } from './html';
import { defaultLexicon, Lexicon } from './lexicon';
import { extract } from './pipeline';
import { validateReportText } from './validate';

export interface IngestInput extends Partial<ReportMeta> {
  text: string;
}

export interface IngestOutcome {
  extraction: Extraction;
  created: boolean;
  replaced?: string;
  counts: TypeCount[];
  warnings: string[];
}

/**
 * One report into a store: HTML to text, validation, the pipeline, one atomic write. Refused
 * input throws IngestError before anything is written.
 */
export async function ingestReport(store: GraphStore, input: IngestInput, opts: { lex?: Lexicon; decisions?: readonly Decision[] } = {}): Promise<IngestOutcome> {
  const lex = opts.lex ?? defaultLexicon();
  const text = looksLikeHtml(input.text) ? htmlToText(input.text) : input.text;
  validateReportText(text);
  const { text: _t, ...meta } = input;
  const extraction = applyDecisions(extract(text, stripEmpty(meta), lex), opts.decisions ?? []);
  const result = await store.writeReport(extraction);
  const warnings = [...extraction.warnings];
  if (!result.created) warnings.push('this exact text is already in the graph: nothing changed');
  if (result.replaced) warnings.push(`replaced the earlier version ${result.replaced} of this agency's ${extraction.report.props.year} report`);
  return { extraction, created: result.created, replaced: result.replaced, counts: countByType(extraction), warnings };
}

export function countByType(x: Extraction): TypeCount[] {
  const counts = new Map<NodeType, number>();
  for (const n of x.nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  return NODE_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
}

function stripEmpty<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}
