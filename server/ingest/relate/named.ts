import type { Found } from '../mentions';
import { cleanName } from '../mentions/found';
import { resolveRelative, writerPlace } from '../relative';
import { piecesOfWriterName, writerSpans } from '../writer';
import { nodeId, RelateContext } from './context';

/**
 * Named things: each mention resolved to its canonical node (lexicon names and aliases, else the
 * cleaned name; relative names to the real body). Returns the node id of each mention.
 */
export function namedNodes(c: RelateContext, agencyId: string): Map<Found, string> {
  const { g, reportId, meta, st, found, lex, ref, sentenceRef } = c;
  const where = writerPlace(meta);
  const idOf = new Map<Found, string>();
  const writerAt = writerSpans(c.n, meta.agency);
  for (const f of found) {
    if (f.type === 'OBSERVATION') continue;
    if ((f.type === 'UNIT' || f.type === 'ORGANIZATION') && piecesOfWriterName(c.n.view, f.start, f.end, writerAt)) continue;
    // An indicator family (快办率) is a node through the specific indicators that report it.
    if (f.type === 'INDICATOR' && (f.concept?.family || lex.families.some((fam) => fam.name === f.name))) continue;
    const concept = f.concept ?? lex.canonical(f.type, f.name);
    // 市委 in the 绍兴 report is 绍兴市委 (relative.ts); the writer's own 省公安厅 is its agency.
    const real = resolveRelative(f.type, concept?.name ?? f.name, where, meta, reportId);
    const name = real.name;
    const id = real.isWriter ? agencyId : f.type === 'PROBLEM' ? nodeId('PROBLEM', name) : nodeId(f.type, real.key);
    const at = ref(f.start, f.end);
    // No props given (most mentions): the builder reads its one shared empty set.
    const node = g.node(id, f.type, name, at, concept?.en && !real.isWriter ? { nameEn: concept.en } : undefined, cleanName(f.surface));
    if (real.written && real.written !== node.name && !node.aliases.includes(real.written)) node.aliases.push(real.written);
    // The lexicon's aliases are names it goes by too: search finds 集约化办案 for 集约办案.
    if (concept?.aliases) addAliases(node.aliases, node.name, concept.aliases);
    if (f.aliases) addAliases(node.aliases, node.name, f.aliases);
    idOf.set(f, id);
    if (f.type === 'UNIT') g.edge('PART_OF', id, agencyId, at);
    if (f.type === 'PROBLEM') g.edge('FACES', agencyId, id, sentenceRef(st.sentences[f.sentence]));
  }
  return idOf;
}

/** Adds the cleaned names a node lacks to its aliases, in order (no list joined for it first). */
function addAliases(aliases: string[], name: string, names: readonly string[]): void {
  for (const a of names) {
    const clean = cleanName(a);
    if (clean !== name && !aliases.includes(clean)) aliases.push(clean);
  }
}
