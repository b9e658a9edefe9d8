import type { Extraction, ReportMeta, TypeCount } from '../model/types';
import type { Decision } from '../curation/decisions';
import { readInput } from '../ingest/formats/input';
import { dateOfUrl, provenanceProps } from '../ingest/formats/provenance';
import type { Lexicon } from '../ingest/lexicon';
import { validateReportText } from '../ingest/validate';
import { countByType } from '../store/rules/counts';
import type { GraphStore } from '../store/store';
import { readReport } from './extract';

export interface IngestInput extends Partial<ReportMeta> {
  /** The report as text (plain or a saved page); or else content, the file's bytes. */
  text?: string | null;
  /** The file's bytes: base64 (as GraphQL sends them) or raw. */
  content?: string | Uint8Array | null;
  filename?: string | null;
  /** The HTTP Content-Type it was served with (its charset is used). */
  contentType?: string;
  retrievedAt?: string;
}

export interface IngestOutcome {
  extraction: Extraction;
  created: boolean;
  replaced?: string;
  counts: TypeCount[];
  warnings: string[];
}

/**
 * One report into a store: the file or text read (formats/), validation, the pipeline, one
 * atomic write. Refused input throws IngestError before anything is written.
 */
export async function ingestReport(store: GraphStore, input: IngestInput, opts: { lex?: Lexicon; decisions?: readonly Decision[] } = {}): Promise<IngestOutcome> {
  const { text, given, provenance, meta } = await readInput(input);
  validateReportText(text);
  const extraction = await readReport(text, { ...given, ...stripEmpty(meta) }, {
    lexicon: opts.lex,
    decisions: opts.decisions,
    amendReport: ({ props }) => {
      Object.assign(props, provenanceProps(provenance));
      // The page's address dates it when neither the caller nor the text does.
      props.publishedOn ??= dateOfUrl(meta.source) ?? null;
    },
  });
  const result = await store.writeReport(extraction);
  const warnings = [...extraction.warnings];
  if (!result.created) warnings.push('this exact text is already in the graph: nothing changed');
  if (result.replaced) warnings.push(`replaced the earlier version ${result.replaced} of this agency's ${extraction.report.props.year} report`);
  return { extraction, created: result.created, replaced: result.replaced, counts: countByType(extraction.nodes), warnings };
}


function stripEmpty<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}
