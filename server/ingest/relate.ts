import type { MentionRef, NodeType, ReportMeta } from '../model/types';
import { GraphBuilder } from './graphBuilder';
import type { Lexicon } from './lexicon';
import type { Found } from './mentions';
import { cleanName } from './mentions/found';
import { isFurniture, NormalisedText, toOriginal } from './normalise';
import { headingChain, Sentence, Structure } from './structure';
import { linkPlansToProblems } from './addresses';
import { measureName } from './measures';
import { assignTopics, Passage } from './topics';

/**
 * Stages 4 and 5: resolve what the sentences name to canonical nodes (lexicon names and
 * aliases, else the cleaned name), and relate them along the report's structure: measures
 * implement the reforms of their sentence and headings, use the platforms, involve the units,
 * issue the documents in their sentence; observations evidence the measure whose sentence holds
 * them. Every node and edge keeps the spans of the stored text that state it.
 */
export interface RelateInput {
  reportId: string;
  meta: ReportMeta & { year?: number };
  n: NormalisedText;
  st: Structure;
  found: Found[];
  lex: Lexicon;
}

const RELATION: Partial<Record<NodeType, 'USES' | 'INVOLVES' | 'ISSUES' | 'GUIDED_BY' | 'IMPLEMENTS' | 'ADDRESSES'>> = {
  PLATFORM: 'USES', UNIT: 'INVOLVES', ORGANIZATION: 'INVOLVES', POLICY_DOCUMENT: 'ISSUES',
  PRINCIPLE: 'GUIDED_BY', REFORM: 'IMPLEMENTS', PROBLEM: 'ADDRESSES',
};

export const nodeId = (type: NodeType, key: string) => `${type.toLowerCase()}:${key}`;

export function relate({ reportId, meta, n, st, found, lex }: RelateInput): { g: GraphBuilder; warnings: string[] } {
  const g = new GraphBuilder();
  const warnings: string[] = [];
  const ref = (vs: number, ve: number): MentionRef => {
    const [start, end] = toOriginal(n, vs, ve);
    return { reportId, start, end };
  };
  const sentenceRef = (s: Sentence) => ref(s.start, s.end);
  const year = meta.year ?? null;

  // Report, agency, place.
  const titleAt = meta.title ? n.view.indexOf(meta.title) : -1;
  const firstSentence = st.sentences[0];
  const reportMention = titleAt >= 0 ? ref(titleAt, titleAt + meta.title.length) : firstSentence ? sentenceRef(firstSentence) : ref(0, Math.min(20, n.view.length));
  g.node(reportId, 'REPORT', meta.title, reportMention, {
    title: meta.title, year, publishedOn: meta.publishedOn ?? null, source: meta.source ?? null, agency: meta.agency,
    place: meta.place ?? null, province: meta.province ?? null,
  });
  const agencyId = nodeId('AGENCY', meta.agency);
  const agencyMentions = findAll(n, [meta.agency, ...shortForms(meta.agency, meta.place)]).map(([a, b]) => ref(a, b));
  if (!agencyMentions.length) {
    warnings.push(`the text never names the agency "${meta.agency}"; its node cites the report's opening`);
    agencyMentions.push(reportMention);
  }
  g.node(agencyId, 'AGENCY', meta.agency, agencyMentions, { place: meta.place ?? null }, undefined);
  g.edge('PUBLISHED_BY', reportId, agencyId, agencyMentions[0]);
  let placeId: string | undefined;
  if (meta.place) {
    const pm = findAll(n, [meta.place, shortPlace(meta.place)]).map(([a, b]) => ref(a, b));
    if (pm.length) {
      placeId = nodeId('PLACE', meta.place);
      g.node(placeId, 'PLACE', meta.place, pm, { level: placeLevel(meta.place) });
      g.edge('LOCATED_IN', agencyId, placeId, pm[0]);
      if (meta.province) {
        const pv = findAll(n, [meta.province, shortPlace(meta.province)]).map(([a, b]) => ref(a, b));
        if (pv.length) {
          const provId = nodeId('PLACE', meta.province);
          g.node(provId, 'PLACE', meta.province, pv, { level: 'province' });
          g.edge('LOCATED_IN', placeId, provId, pv[0]);
        }
      }
    } else warnings.push(`the text never names the place "${meta.place}"; no PLACE node for it`);
  }

  // Named things.
  const idOf = new Map<Found, string>();
  for (const f of found) {
    if (f.type === 'OBSERVATION') continue;
    // An indicator family (快办率) is a node through the specific indicators that report it.
    if (f.type === 'INDICATOR' && (f.concept?.family || lex.families.some((fam) => fam.name === f.name))) continue;
    const concept = f.concept ?? lex.canonical(f.type, f.name);
    const name = concept?.name ?? f.name;
    const id = f.type === 'PROBLEM' ? nodeId('PROBLEM', name) : nodeId(f.type, name);
    const node = g.node(id, f.type, name, ref(f.start, f.end), concept?.en ? { nameEn: concept.en } : {}, cleanName(f.surface));
    // The lexicon's aliases are names it goes by too: search finds 集约化办案 for 集约办案.
    for (const a of [...(concept?.aliases ?? []), ...(f.aliases ?? [])]) {
      const clean = cleanName(a);
      if (clean !== node.name && !node.aliases.includes(clean)) node.aliases.push(clean);
    }
    idOf.set(f, id);
    if (f.type === 'UNIT') g.edge('PART_OF', id, agencyId, ref(f.start, f.end));
    if (f.type === 'PROBLEM') g.edge('FACES', agencyId, id, sentenceRef(st.sentences[f.sentence]));
  }
  const indicatorOf = (f: Found): string => {
    const o = f.observation!;
    const concept = lex.canonical('INDICATOR', o.indicator);
    const name = concept?.name ?? o.indicator;
    const id = nodeId('INDICATOR', name);
    const m = ref(o.indicatorStart, o.indicatorEnd);
    g.node(id, 'INDICATOR', name, m, concept?.en ? { nameEn: concept.en } : {}, o.indicator);
    const family = lex.families.find((fam) => name !== fam.name && name.endsWith(fam.name));
    if (family) {
      const famId = nodeId('INDICATOR', family.name);
      g.node(famId, 'INDICATOR', family.name, ref(o.indicatorEnd - family.name.length, o.indicatorEnd), { ...(family.en ? { nameEn: family.en } : {}), family: true });
      g.edge('PART_OF', id, famId, m);
    }
    return id;
  };

  // Measures: one per action sentence; in plan sections with sub-headings, one per heading.
  const verbs = lex.vocabulary.actionVerbs;
  const isAction = (s: Sentence) => verbs.some((v) => s.text.includes(v));
  const measureOfSentence = new Map<number, string>();
  const blockMeasure = new Map<number, string>();
  const planBlocks = new Set(st.blocks.filter((b) => b.kind === 'plans' && b.level > 1 && st.blocks.some((c) => c.parent === b || c === b)).map((b) => b.id));

  st.sentences.forEach((s, k) => {
    if (s.kind === 'problems') return;
    const planBlock = s.kind === 'plans' ? headingChain(s.block).find((b) => planBlocks.has(b.id)) : undefined;
    if (planBlock) {
      let id = blockMeasure.get(planBlock.id);
      if (!id) {
        const title = st.sentences.find((x) => x.isTitle && x.block === planBlock) ?? s;
        id = nodeId('MEASURE', `${reportId.slice(7)}:${toOriginal(n, title.start, title.end)[0]}`);
        blockMeasure.set(planBlock.id, id);
        g.node(id, 'MEASURE', planBlock.title, sentenceRef(title), { status: 'planned', year: planBlock.planYear ?? (year !== null ? year + 1 : null), section: sectionPath(planBlock) });
        g.edge('CARRIES_OUT', agencyId, id, sentenceRef(title), { status: 'planned', year: planBlock.planYear ?? null });
      }
      g.node(id, 'MEASURE', planBlock.title, sentenceRef(s));
      measureOfSentence.set(k, id);
      return;
    }
    // Headings, the title line and address lines (市委、市政府:) are not measures.
    if (s.isTitle || !isAction(s) || /[::]$/.test(s.text) || (!s.block && /报告$/.test(s.text))) return;
    const name = measureName(s.text, verbs);
    if (!name) return; // only stock clauses (以…为指导, 在…领导下, 现将…报告如下)
    const planned = s.kind === 'plans';
    const id = nodeId('MEASURE', `${reportId.slice(7)}:${toOriginal(n, s.start, s.end)[0]}`);
    const y = planned ? s.block?.planYear ?? (year !== null ? year + 1 : null) : year;
    g.node(id, 'MEASURE', name, sentenceRef(s), { status: planned ? 'planned' : 'done', year: y, section: sectionPath(s.block) });
    g.edge('CARRIES_OUT', agencyId, id, sentenceRef(s), { status: planned ? 'planned' : 'done', year: y });
    measureOfSentence.set(k, id);
  });

  // The measure a sentence's facts belong to: its own, else the previous one in its block.
  const measureFor = (k: number): string | undefined => {
    for (let j = k; j >= 0; j--) {
      if (measureOfSentence.has(j)) return st.sentences[j].block === st.sentences[k].block ? measureOfSentence.get(j) : undefined;
      if (st.sentences[j].block !== st.sentences[k].block) return undefined;
    }
    return undefined;
  };
  // Reforms named in the headings above a sentence.
  const contextReforms = (s: Sentence): Array<{ id: string; at: MentionRef }> => {
    const out: Array<{ id: string; at: MentionRef }> = [];
    for (const b of headingChain(s.block)) {
      const titleIdx = st.sentences.findIndex((x) => x.isTitle && x.block === b);
      for (const f of found) if (f.sentence === titleIdx && f.type === 'REFORM') out.push({ id: idOf.get(f)!, at: ref(f.start, f.end) });
    }
    return out;
  };

  const bySentence = new Map<number, Found[]>();
  for (const f of found) bySentence.set(f.sentence, [...(bySentence.get(f.sentence) ?? []), f]);

  st.sentences.forEach((s, k) => {
    const here = bySentence.get(k) ?? [];
    const m = measureFor(k);
    const at = sentenceRef(s);
    const reforms = [...here.filter((f) => f.type === 'REFORM').map((f) => ({ id: idOf.get(f)!, at }))];
    if (m) for (const r of contextReforms(s)) if (!reforms.some((x) => x.id === r.id)) reforms.push({ id: r.id, at: r.at });
    for (const f of here) {
      if (f.type === 'OBSERVATION') {
        const o = f.observation!;
        const indId = indicatorOf(f);
        const obsId = nodeId('OBSERVATION', `${reportId.slice(7)}:${toOriginal(n, f.start, f.end)[0]}:${o.indicator}`);
        const ind = g.nodes.get(indId)!;
        g.node(obsId, 'OBSERVATION', `${ind.name} ${o.value}${o.unit}`, ref(f.start, f.end), {
          value: o.value, unit: o.unit, year, agency: meta.agency, direction: o.direction,
          change: o.change ?? null, qualifier: o.qualifier ?? null, indicator: indId,
        });
        g.edge('OF', obsId, indId, ref(f.start, f.end));
        g.edge('FOR', obsId, agencyId, ref(f.start, f.end));
        if (m) g.edge('EVIDENCES', obsId, m, at);
        else for (const r of reforms) g.edge('EVIDENCES', obsId, r.id, [at, r.at]);
        continue;
      }
      const rel = RELATION[f.type];
      if (!m || !rel) continue;
      g.edge(rel, m, idOf.get(f)!, at);
      // Reforms gather what their measures use and involve, so a reform answers "which
      // platforms support it" in one hop; the edge cites the sentence that says so.
      if (rel === 'USES' || rel === 'INVOLVES' || rel === 'GUIDED_BY') for (const r of reforms) g.edge(rel, r.id, idOf.get(f)!, at);
    }
    if (m) for (const r of reforms) g.edge('IMPLEMENTS', m, r.id, r.at === at ? at : [at, r.at]);
  });

  // Admitted problems: one per sub-heading of a problems section, else one per sentence.
  const problemBlocks = st.blocks.filter((b) => b.kind === 'problems' && b.level > 1);
  const problemIds: Array<{ id: string; blockId?: number; title: Sentence }> = [];
  for (const s of st.sentences.filter((x) => x.kind === 'problems')) {
    const pb = headingChain(s.block).find((b) => problemBlocks.includes(b));
    if (!pb && s.isTitle) continue; // the section's own heading (存在的不足和原因)
    if (!pb && /[::]$/.test(s.text)) continue; // "仍存在一些问题和不足:" introduces them
    const name = leadStatement(pb ? pb.title : s.text);
    const id = nodeId('PROBLEM', name);
    g.node(id, 'PROBLEM', name, sentenceRef(s), { year, admitted: true });
    const first = !problemIds.some((p) => p.id === id);
    if (first) {
      problemIds.push({ id, blockId: pb?.id, title: s });
      g.edge('FACES', agencyId, id, sentenceRef(s), { year });
    }
  }
  linkPlansToProblems(g, st, problemIds, blockMeasure, sentenceRef);

  // Topics: each node's own words first, then the sentences that state it, then its headings.
  const tiers = new Map<string, Passage[][]>();
  const addTier = (id: string, tier: number, p: Passage) => {
    const t = tiers.get(id) ?? [[], [], []];
    if (!t[tier].some((x) => x.start === p.start && x.end === p.end)) t[tier].push(p);
    tiers.set(id, t);
  };
  const headingsOf = (s: Sentence) => headingChain(s.block).map((b) => ({ start: b.titleStart, end: b.titleEnd, text: n.view.slice(b.titleStart, b.titleEnd) }));
  const sentenceTiers = (id: string, s: Sentence) => {
    addTier(id, 1, { start: s.start, end: s.end, text: s.text });
    for (const h of headingsOf(s)) addTier(id, 2, h);
  };
  for (const f of found) {
    const id = idOf.get(f);
    if (!id) continue;
    addTier(id, 0, { start: f.start, end: f.end, text: n.view.slice(f.start, f.end) });
    sentenceTiers(id, st.sentences[f.sentence]);
  }
  for (const [k, id] of measureOfSentence) sentenceTiers(id, st.sentences[k]);
  for (const s of st.sentences.filter((x) => x.kind === 'problems')) {
    const pb = headingChain(s.block).find((b) => problemBlocks.includes(b));
    const id = nodeId('PROBLEM', leadStatement(pb ? pb.title : s.text));
    if (g.nodes.has(id)) sentenceTiers(id, s);
  }
  assignTopics(g, tiers, ref);

  if (!st.sentences.some((s) => s.kind !== 'problems' && measureOfSentence.size)) warnings.push('no measures found');
  return { g, warnings };
}

/** A problem is named by its lead statement: the words before the first comma of a long item. */
function leadStatement(text: string): string {
  const t = text.replace(/[。;:]$/, '');
  const first = t.split(/[,;]/)[0];
  return t.length > 24 && first.length >= 6 ? first : t;
}

function sectionPath(block: Sentence['block']): string | null {
  if (!block) return null;
  return headingChain(block).reverse().map((b) => b.title).join(' › ');
}

function findAll(n: NormalisedText, names: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const name of names.filter((x) => x && x.length >= 2)) {
    for (let i = n.view.indexOf(name); i >= 0; i = n.view.indexOf(name, i + 1)) {
      if (isFurniture(n, i) || out.some(([a, b]) => i < b && i + name.length > a)) continue;
      out.push([i, i + name.length]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** 杭州市公安局 is written 市公安局 in its own report. */
function shortForms(agency: string, place?: string): string[] {
  const out: string[] = [];
  if (place && agency.startsWith(place)) {
    const rest = agency.slice(place.length);
    const level = place.slice(-1);
    out.push(level + rest);
  }
  return out;
}

function shortPlace(place: string): string {
  return place.length > 2 ? place.replace(/(市|县|区|省|自治州|自治县)$/, '') : place;
}

function placeLevel(place: string): string {
  if (/省$/.test(place)) return 'province';
  if (/市$/.test(place)) return 'city';
  if (/(县|自治县)$/.test(place)) return 'county';
  if (/区$/.test(place)) return 'district';
  return 'place';
}
