import crypto from 'node:crypto';
import type { Extraction, GraphNode, ReportMeta } from '../model/types';
import { defaultLexicon, Lexicon } from './lexicon';
import { extractMentions } from './mentions';
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

// English names composed from a name alone (word by word, pinyin for the rest) are the same in
// every report: a server reading report after report composes 派出所 or 执法办案管理中心 once.
const BY_NAME_ALONE: ReadonlySet<string> = new Set(['PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'REFORM', 'PRINCIPLE', 'INDICATOR', 'PROBLEM', 'AGENCY', 'PLACE']);
// Both the name and its proper nouns: a name remembered without them would be marked again from
// its pinyin, differently from the first report that composed it.
const englishMemo = new Map<string, { nameEn: string; nameEnProper?: string }>();
const MEMO_MAX = 50000;
const memoKey = (n: GraphNode) => `${n.type}|${n.name}`;

/** Fills the English names composed before; returns the nodes still to compose. */
function englishFromMemory(nodes: GraphNode[]): { todo: GraphNode[]; remembered: Set<GraphNode> } {
  const todo: GraphNode[] = [];
  const remembered = new Set<GraphNode>();
  for (const n of nodes) {
    if (!BY_NAME_ALONE.has(n.type) || typeof n.props.nameEn === 'string') continue;
    const en = englishMemo.get(memoKey(n));
    if (en === undefined) todo.push(n);
    else {
      n.props.nameEn = en.nameEn;
      n.props.nameEnSource = 'composed';
      if (en.nameEnProper !== undefined) n.props.nameEnProper = en.nameEnProper;
      remembered.add(n);
    }
  }
  return { todo, remembered };
}

function rememberEnglish(nodes: GraphNode[]): void {
  if (englishMemo.size + nodes.length > MEMO_MAX) englishMemo.clear();
  for (const n of nodes) {
    if (n.props.nameEnSource !== 'composed' || typeof n.props.nameEn !== 'string') continue;
    englishMemo.set(memoKey(n), { nameEn: n.props.nameEn, nameEnProper: typeof n.props.nameEnProper === 'string' ? n.props.nameEnProper : undefined });
  }
}

/**
 * Text → graph for one report: normalise, structure, mentions, resolve and relate. Pure: it
 * reads only its arguments (and the lexicon), so the same text always gives the same graph.
 */
export function extract(text: string, given: Partial<ReportMeta> = {}, lex: Lexicon = defaultLexicon()): Extraction {
  if (!text || !text.trim()) throw new IngestError('EMPTY', 'the report text is empty');
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
  const named = nodes.filter((n) => n.type !== 'MEASURE');
  const { todo, remembered } = englishFromMemory(named);
  addEnglishNames(remembered.size ? named.filter((x) => !remembered.has(x)) : named, g.nodes, meta.agency, edges);
  rememberEnglish(todo);
  // Measures last: their English names say which reform or topic they belong to.
  addEnglishNames(nodes.filter((n) => n.type === 'MEASURE'), g.nodes, meta.agency, edges);
  const report = g.nodes.get(reportId)!;
  return { report, text, nodes, edges, warnings };
}
