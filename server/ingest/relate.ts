import type { MentionRef, NodeType, ReportMeta } from '../model/types';
import { GraphBuilder } from './graphBuilder';
import type { Lexicon } from './lexicon';
import type { Found } from './mentions';
import { cleanName } from './mentions/found';
import { isFurniture, NormalisedText, toOriginal } from './normalise';
import { Block, headingChain, Sentence, Structure } from './structure';
import { linkPlansToProblems } from './addresses';
import { hasVerb, measureName } from './measures';
import { ObservationContext, observationNode } from './observationNodes';
import { resolveRelative, writerPlace } from './relative';
import { addWriter, piecesOfWriterName, writerSpans } from './writer';
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
    let [start, end] = toOriginal(n, vs, ve);
    // A quote never starts or ends on half a character: a name read up to a stray surrogate
    // (damaged text) leaves it out, whatever stage drew the span.
    if (end - start > 1 && /[\ud800-\udbff]/.test(n.original[end - 1])) end--;
    if (end - start > 1 && /[\udc00-\udfff]/.test(n.original[start])) start++;
    return { reportId, start, end };
  };
  const sentenceRef = (s: Sentence) => ref(s.start, s.end);
  const year = meta.year ?? null;

  // Report, agency, place.
  const titleAt = meta.title ? n.view.indexOf(meta.title) : -1;
  const firstSentence = st.sentences[0];
  const reportMention = titleAt >= 0 ? ref(titleAt, titleAt + meta.title.length) : firstSentence ? sentenceRef(firstSentence) : ref(0, Math.min(20, n.view.length));
  g.node(reportId, 'REPORT', meta.title || untitledName(n, firstSentence), reportMention, {
    title: meta.title, year, publishedOn: meta.publishedOn ?? null, source: meta.source ?? null, agency: meta.agency,
    place: meta.place ?? null, province: meta.province ?? null,
  });
  const agencyId = addWriter(g, { reportId, meta, n, ref, reportMention, warnings });

  // Named things.
  const where = writerPlace(meta);
  const idOf = new Map<Found, string>();
  const writerAt = writerSpans(n, meta.agency);
  for (const f of found) {
    if (f.type === 'OBSERVATION') continue;
    if ((f.type === 'UNIT' || f.type === 'ORGANIZATION') && piecesOfWriterName(n.view, f.start, f.end, writerAt)) continue;
    // An indicator family (快办率) is a node through the specific indicators that report it.
    if (f.type === 'INDICATOR' && (f.concept?.family || lex.families.some((fam) => fam.name === f.name))) continue;
    const concept = f.concept ?? lex.canonical(f.type, f.name);
    // 市委 in the 绍兴 report is 绍兴市委 (relative.ts); the writer's own 省公安厅 is its agency.
    const real = resolveRelative(f.type, concept?.name ?? f.name, where, meta, reportId);
    const name = real.name;
    const id = real.isWriter ? agencyId : f.type === 'PROBLEM' ? nodeId('PROBLEM', name) : nodeId(f.type, real.key);
    const node = g.node(id, f.type, name, ref(f.start, f.end), concept?.en && !real.isWriter ? { nameEn: concept.en } : {}, cleanName(f.surface));
    if (real.written && real.written !== node.name && !node.aliases.includes(real.written)) node.aliases.push(real.written);
    // The lexicon's aliases are names it goes by too: search finds 集约化办案 for 集约办案.
    for (const a of [...(concept?.aliases ?? []), ...(f.aliases ?? [])]) {
      const clean = cleanName(a);
      if (clean !== node.name && !node.aliases.includes(clean)) node.aliases.push(clean);
    }
    idOf.set(f, id);
    if (f.type === 'UNIT') g.edge('PART_OF', id, agencyId, ref(f.start, f.end));
    if (f.type === 'PROBLEM') g.edge('FACES', agencyId, id, sentenceRef(st.sentences[f.sentence]));
  }
  const obsContext: ObservationContext = {
    g, lex, ref, nodeId, year, agency: meta.agency,
    // A count's 同比 change starts where the count does: the kind tells them apart.
    key: (f) => `${reportId.slice(7)}:${toOriginal(n, f.start, f.end)[0]}:${f.observation!.indicator}${f.observation!.kind === 'change' ? ':change' : ''}`,
  };

  // Measures: one per action sentence; in plan sections with sub-headings, one per heading.
  const verbs = lex.vocabulary.actionVerbs;
  const isAction = (s: Sentence) => hasVerb(s.text, verbs);
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
  // The measure of the nearest sentence at or before k within k's run of sentences of one
  // block; found for all sentences in one pass (a walk back from each was quadratic).
  let measureAt: Array<string | undefined> | undefined;
  const measureFor = (k: number): string | undefined => {
    if (!measureAt) {
      let current: string | undefined;
      measureAt = st.sentences.map((s, j) => {
        if (j > 0 && s.block !== st.sentences[j - 1].block) current = undefined;
        return (current = measureOfSentence.get(j) ?? current);
      });
    }
    return measureAt[k];
  };
  const bySentence = new Map<number, Found[]>();
  for (const f of found) {
    const list = bySentence.get(f.sentence);
    if (list) list.push(f);
    else bySentence.set(f.sentence, [f]);
  }
  const titleOf = new Map<Block | undefined, number>();
  st.sentences.forEach((x, j) => {
    if (x.isTitle && !titleOf.has(x.block)) titleOf.set(x.block, j);
  });
  // Reforms named in the headings above a sentence.
  const contextReforms = (s: Sentence): Array<{ id: string; at: MentionRef }> => {
    const out: Array<{ id: string; at: MentionRef }> = [];
    for (const b of headingChain(s.block)) {
      for (const f of bySentence.get(titleOf.get(b) ?? -1) ?? []) if (f.type === 'REFORM') out.push({ id: idOf.get(f)!, at: ref(f.start, f.end) });
    }
    return out;
  };

  st.sentences.forEach((s, k) => {
    const here = bySentence.get(k) ?? [];
    const m = measureFor(k);
    const at = sentenceRef(s);
    const reforms = [...here.filter((f) => f.type === 'REFORM').map((f) => ({ id: idOf.get(f)!, at }))];
    if (m) for (const r of contextReforms(s)) if (!reforms.some((x) => x.id === r.id)) reforms.push({ id: r.id, at: r.at });
    for (const f of here) {
      if (f.type === 'OBSERVATION') {
        const { id: obsId, indicatorId: indId } = observationNode(f, obsContext);
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
  const problemBlocks = new Set(st.blocks.filter((b) => b.kind === 'problems' && b.level > 1));
  const problemIds: Array<{ id: string; blockId?: number; title: Sentence }> = [];
  const problemSeen = new Set<string>();
  for (const s of st.sentences.filter((x) => x.kind === 'problems')) {
    const pb = headingChain(s.block).find((b) => problemBlocks.has(b));
    if (!pb && s.isTitle) continue; // the section's own heading (存在的不足和原因)
    if (!pb && /[::]$/.test(s.text)) continue; // "仍存在一些问题和不足:" introduces them
    const name = leadStatement(pb ? pb.title : s.text);
    const id = nodeId('PROBLEM', name);
    g.node(id, 'PROBLEM', name, sentenceRef(s), { year, admitted: true });
    if (!problemSeen.has(id)) {
      problemSeen.add(id);
      problemIds.push({ id, blockId: pb?.id, title: s });
      g.edge('FACES', agencyId, id, sentenceRef(s), { year });
    }
  }
  linkPlansToProblems(g, st, problemIds, blockMeasure, sentenceRef);

  // Topics: each node's own words first, then the sentences that state it, then its headings.
  const tiers = new Map<string, Passage[][]>();
  // Passages already in a tier, by key: a node stated in 100,000 sentences made a scan quadratic.
  const inTier = new Set<string>();
  const addTier = (id: string, tier: number, p: Passage) => {
    const t = tiers.get(id) ?? [[], [], []];
    const key = `${id}|${tier}|${p.start}|${p.end}`;
    if (!inTier.has(key)) {
      inTier.add(key);
      t[tier].push(p);
    }
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
    const pb = headingChain(s.block).find((b) => problemBlocks.has(b));
    const id = nodeId('PROBLEM', leadStatement(pb ? pb.title : s.text));
    if (g.nodes.has(id)) sentenceTiers(id, s);
  }
  assignTopics(g, tiers, ref);

  if (!st.sentences.some((s) => s.kind !== 'problems' && measureOfSentence.size)) warnings.push('no measures found');
  return { g, warnings };
}

/** A report without a title line is named by its opening words, marked as such, never by a made-up title. */
function untitledName(n: NormalisedText, first: Sentence | undefined): string {
  const opening = (first?.text ?? n.view).replace(/\s+/g, '').slice(0, 24);
  return `(untitled) ${opening}…`;
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
