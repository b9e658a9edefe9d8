import type { MentionRef } from '../model/types';
import type { GraphBuilder } from './graphBuilder';
import type { Lexicon } from './lexicon';
import type { Found } from './mentions';

/**
 * An observation's nodes: the INDICATOR it reports (the lexicon's name, else the text's words),
 * its family (快办率 over 刑事案件快办率; 培训场次 over 开展培训 563场次) and the OBSERVATION itself
 * with the number and unit as written beside the amount in the base unit, so that 4600万次 and
 * 46000000 次 compare.
 */
export interface ObservationContext {
  g: GraphBuilder;
  lex: Lexicon;
  ref: (start: number, end: number) => MentionRef;
  nodeId: (type: 'INDICATOR' | 'OBSERVATION', key: string) => string;
  /** Key of the observation in its report (report + position). */
  key: (f: Found) => string;
  year: number | null;
  agency: string;
}

export function indicatorNode(f: Found, c: ObservationContext): string {
  const { g, lex, ref, nodeId } = c;
  const o = f.observation!;
  // A clause is no indicator's name: the count is one of its family (理论学习场次), citing the clause.
  if (o.clause && o.family) {
    const famId = nodeId('INDICATOR', o.family);
    g.node(famId, 'INDICATOR', o.family, ref(o.indicatorStart, o.indicatorEnd), { family: true });
    return famId;
  }
  const concept = lex.canonical('INDICATOR', o.indicator);
  const name = concept?.name ?? o.indicator;
  const id = nodeId('INDICATOR', name);
  const m = ref(o.indicatorStart, o.indicatorEnd);
  // What a count counts (开展培训) is kept apart from a named rate or total (快办率): an indicator
  // is a quantity once any report gives it as one; a change says nothing of its kind.
  const node = g.node(id, 'INDICATOR', name, m, concept?.en ? { nameEn: concept.en } : {}, o.indicator);
  for (const a of o.indicatorAliases ?? []) if (a !== node.name && !node.aliases.includes(a)) node.aliases.push(a);
  if (o.kind === 'count' && node.props.kind === undefined) node.props.kind = 'count';
  else if (o.kind === 'quantity' || o.kind === undefined) node.props.kind = 'quantity';
  // A rate the lexicon has no family for is grouped by its last word (…系统安装率 under 安装率).
  const family = lex.families.find((fam) => name !== fam.name && name.endsWith(fam.name)) ?? rateFamily(name, o.kind);
  if (family) {
    const famId = nodeId('INDICATOR', family.name);
    // The family's word as written at the end of the indicator; a list's short part (行政 of
    // 行政、刑事案件快办率) does not write it, so the family cites the part, as the indicator does.
    const at = o.indicatorEnd - family.name.length;
    const written = at >= f.start && f.surface.slice(at - f.start, o.indicatorEnd - f.start) === family.name;
    g.node(famId, 'INDICATOR', family.name, written ? ref(at, o.indicatorEnd) : m, { ...(family.en ? { nameEn: family.en } : {}), family: true });
    g.edge('PART_OF', id, famId, m);
  } else if (o.family && o.family !== name) {
    // A count's family is not written in the text: it cites the counted thing.
    const famId = nodeId('INDICATOR', o.family);
    g.node(famId, 'INDICATOR', o.family, m, { family: true });
    g.edge('PART_OF', id, famId, m);
  }
  return id;
}

export function observationNode(f: Found, c: ObservationContext): { id: string; indicatorId: string } {
  const { g, ref, nodeId } = c;
  const o = f.observation!;
  const indicatorId = indicatorNode(f, c);
  const id = nodeId('OBSERVATION', c.key(f));
  const ind = g.nodes.get(indicatorId)!;
  g.node(id, 'OBSERVATION', `${ind.name} ${o.value}${o.unit}`, ref(f.start, f.end), {
    value: o.value, unit: o.unit, amount: o.amount ?? o.value, baseUnit: o.baseUnit ?? o.unit, kind: o.kind ?? 'quantity',
    year: c.year, agency: c.agency, direction: o.direction,
    change: o.change ?? null, qualifier: o.qualifier ?? null, indicator: indicatorId,
  });
  return { id, indicatorId };
}

/** 一键报警音视频复合系统安装率 → 安装率: the two characters before 率, when the name is longer than them. */
function rateFamily(name: string, kind: string | undefined): { name: string; en?: string } | undefined {
  if (kind === 'count' || name.length < 5) return undefined;
  const m = /[\u4e00-\u9fff]{2}率$/.exec(name);
  return m ? { name: m[0] } : undefined;
}
