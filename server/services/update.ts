import type { ReportMeta } from '../model/types';
import type { Decision } from '../curation/decisions';
import { IngestError } from '../ingest/errors';
import { keptProvenance } from '../ingest/formats/provenance';
import type { Lexicon } from '../ingest/lexicon';
import { countByType } from '../store/rules/counts';
import type { GraphStore } from '../store/store';
import { metaOf } from './curation';
import { readReport } from './extract';
import type { IngestOutcome } from './ingest';

export type ReportPatch = Partial<Pick<ReportMeta, 'agency' | 'place' | 'year' | 'title' | 'publishedOn' | 'source'>>;

/**
 * Sets a stored report's agency, year, title, publication date or source, and moves its facts:
 * the stored text is read again with the corrected metadata (what the caller gave before stays,
 * the rest is read from the text as at ingest) and replaces the old graph of the report in one
 * write. The text is unchanged, so the report keeps its id; measures, observations and problems
 * are keyed by report and position, so they keep theirs too, and now hang on the new AGENCY node
 * (CARRIES_OUT, FACES, FOR). Curation decisions are applied again, as for any ingest.
 */
export async function updateReport(store: GraphStore, id: string, patch: ReportPatch, opts: { lex?: Lexicon; decisions?: readonly Decision[] } = {}): Promise<IngestOutcome> {
  const [node] = await store.getNodes([id]);
  if (!node || node.type !== 'REPORT') throw new IngestError('NOT_FOUND', `no report ${id}`);
  const [text] = await store.reportTexts([id]);
  if (text === null || text === undefined) throw new IngestError('NOT_FOUND', `report ${id} has no stored text`);
  const given = clean(patch);
  if (given.year !== undefined && (!Number.isInteger(given.year) || given.year < 1949 || given.year > 2100)) throw new IngestError('BAD_METADATA', `year ${given.year} is not a report year`);
  const before = metaOf(node);
  // A new agency brings its own place (and province) unless the caller gives one.
  if (given.agency !== undefined && given.agency !== before.agency && given.place === undefined) {
    delete before.place;
    delete before.province;
  }
  const extraction = await readReport(text, { ...before, ...given }, {
    lexicon: opts.lex,
    decisions: opts.decisions,
    // The file it was read from is the same: its provenance stays.
    amendReport: ({ props }) => Object.assign(props, keptProvenance(node.props)),
  });
  if (extraction.report.id !== id) throw new Error(`report ${id}: its stored text no longer hashes to its id`);
  const result = await store.writeReport(extraction, { replace: id });
  const warnings = [...extraction.warnings];
  if (result.replaced && result.replaced !== id) warnings.push(`replaced the earlier version ${result.replaced}`);
  return { extraction, created: result.created, replaced: result.replaced, counts: countByType(extraction.nodes), warnings };
}

function clean(p: ReportPatch): ReportPatch {
  const out: ReportPatch = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null) continue;
    const t = typeof v === 'string' ? v.trim() : v;
    if (t === '') continue;
    (out as Record<string, unknown>)[k] = t;
  }
  return out;
}
