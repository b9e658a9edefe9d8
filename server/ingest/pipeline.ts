import crypto from 'node:crypto';
import type { Extraction, ReportMeta } from '../model/types';
import { defaultLexicon, Lexicon } from './lexicon';
import { extractMentions } from './mentions';
import { forgetSentences } from './mentions/segment';
import { IngestError } from './errors';
import { addEnglishNames } from './english';
import { detectMetadata, metadataWarnings, placeOfAgency } from './metadata';
import { normalise } from './normalise';
import { relate } from './relate';
import { writerPlace } from './relative';
import { structure } from './structure';

export { IngestError } from './errors';

export function reportIdOf(text: string): string {
  return `report:${crypto.createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * Text → graph for one report: normalise, structure, mentions, resolve and relate. Pure: it
 * reads only its arguments (and the lexicon), so the same text always gives the same graph.
 */
export function extract(text: string, given: Partial<ReportMeta> = {}, lex: Lexicon = defaultLexicon()): Extraction {
  if (!text || !text.trim()) throw new IngestError('EMPTY', 'the report text is empty');
  forgetSentences();
  const n = normalise(text);
  const found = detectMetadata(n);
  const meta: ReportMeta = {
    title: given.title ?? found.title ?? '',
    agency: given.agency ?? found.agency ?? '',
    place: given.place ?? (given.agency ? placeOfAgency(given.agency) : found.place),
    province: given.province,
    year: given.year ?? found.year,
    publishedOn: given.publishedOn ?? found.publishedOn,
    source: given.source,
  };
  // The province the writer's place lies in (the national division list), when its name gives one.
  meta.province ??= meta.agency ? writerPlace(meta).province : undefined;
  const reportId = reportIdOf(text);
  const st = structure(n, meta.year);
  const mentions = extractMentions(st.sentences, lex);
  const { g, warnings } = relate({ reportId, meta, n, st, found: mentions, lex });
  warnings.unshift(...metadataWarnings(meta, given, found));
  const nodes = [...g.nodes.values()];
  const edges = [...g.edges.values()];
  // Names composed before are remembered where they are composed (english/compose.ts).
  addEnglishNames(nodes.filter((n) => n.type !== 'MEASURE'), g.nodes, meta.agency, edges);
  // Measures last: their English names say which reform or topic they belong to.
  addEnglishNames(nodes.filter((n) => n.type === 'MEASURE'), g.nodes, meta.agency, edges);
  const report = g.nodes.get(reportId)!;
  return { report, text, nodes, edges, warnings };
}
