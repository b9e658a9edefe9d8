import type { MentionRef, ReportMeta } from '../model/types';
import { SELF_REFERENCES, writtenForms } from './agency';
import type { GraphBuilder } from './graphBuilder';
import { Division, divisionProps, resolveDivision } from './divisions';
import { isFurniture, NormalisedText } from './normalise';

export interface WriterInput {
  reportId: string;
  meta: ReportMeta;
  n: NormalisedText;
  ref: (vs: number, ve: number) => MentionRef;
  reportMention: MentionRef;
  warnings: string[];
}

/**
 * The report's writer: its AGENCY node (citing every place the text names it, 我局 included),
 * PUBLISHED_BY, and the PLACE nodes the text names. Returns the id the report's facts hang on:
 * the agency's, or the report's own when the writer is unknown, so that no AGENCY node merges
 * them with another report's; updateReport re-extracts them onto the agency once it is known.
 */
export function addWriter(g: GraphBuilder, { reportId, meta, n, ref, reportMention, warnings }: WriterInput): string {
  if (!meta.agency) return reportId;
  const agencyId = `agency:${meta.agency}`;
  const agencyMentions = findAll(n, [meta.agency, ...shortForms(meta.agency, meta.place), ...writtenForms(n.view, meta.agency), ...SELF_REFERENCES, ...(/公安厅$/.test(meta.agency) ? ['省公安厅', '省厅'] : [])]).map(([a, b]) => ref(a, b));
  if (!agencyMentions.length) {
    warnings.push(`the text never names the agency "${meta.agency}"; its node cites the report's opening`);
    agencyMentions.push(reportMention);
  }
  const resolved = resolveDivision(meta);
  const division = 'division' in resolved ? resolved.division : undefined;
  g.node(agencyId, 'AGENCY', meta.agency, agencyMentions, { place: meta.place ?? null, ...divisionProps(division) }, undefined);
  g.edge('PUBLISHED_BY', reportId, agencyId, agencyMentions[0]);
  // The report carries its bureau's division too: filters by place read it without a walk.
  Object.assign(g.nodes.get(reportId)?.props ?? {}, divisionProps(division));
  if (division) {
    addDivision(g, n, ref, agencyId, division, agencyMentions[0]);
    return agencyId;
  }
  warnings.push(`division unknown: ${(resolved as { reason: string }).reason}`);
  if (!meta.place) return agencyId;
  const pm = findAll(n, [meta.place, shortPlace(meta.place)]).map(([a, b]) => ref(a, b));
  if (!pm.length) {
    warnings.push(`the text never names the place "${meta.place}"; no PLACE node for it`);
    return agencyId;
  }
  const placeId = `place:${meta.place}`;
  g.node(placeId, 'PLACE', meta.place, pm, { level: placeLevel(meta.place) });
  g.edge('LOCATED_IN', agencyId, placeId, pm[0]);
  return agencyId;
}

// What a party body adds to the name of the body it belongs to (中共…支队, …大队总支部委员会).
const PARTY_PREFIX = /^(?:中共|中国共产党)?$/;
const PARTY_SUFFIX = /^(?:党委|党组|党总支|(?:党)?总支部委员会|(?:党)?支部委员会|(?:党)?总支部|(?:党)?支部|委员会)?$/;

/** Where the text writes the writer's own name, in view offsets (spaces and line breaks inside it included). */
export function writerSpans(n: NormalisedText, agency: string): Array<[number, number]> {
  return agency ? findAll(n, [agency, ...writtenForms(n.view, agency)]) : [];
}

/**
 * 中共淄博市公安局交通警察支队 / 淄川大队总支部委员会: a header that breaks the writer's name
 * over two lines leaves two pieces that each read as a unit; a piece of the writer's name
 * (with the party body's 中共 or 总支部委员会 around it) is the writer, not another body.
 */
export function piecesOfWriterName(view: string, start: number, end: number, spans: Array<[number, number]>): boolean {
  return spans.some(([a, b]) => start < b && end > a && (start < a || end > b || /\s/.test(view.slice(a, b)))
    && PARTY_PREFIX.test(view.slice(start, Math.max(start, a))) && PARTY_SUFFIX.test(view.slice(Math.min(end, b), end)));
}

function findAll(n: NormalisedText, names: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // What the kept occurrences cover: an overlap test per character of a short name, not per
  // occurrence kept (a text naming its bureau 100,000 times made that quadratic).
  const covered = new Uint8Array(n.view.length);
  const overlaps = (i: number, len: number) => covered.subarray(i, i + len).includes(1);
  for (const name of names.filter((x) => x && x.length >= 2)) {
    for (let i = n.view.indexOf(name); i >= 0; i = n.view.indexOf(name, i + 1)) {
      if (isFurniture(n, i) || overlaps(i, name.length)) continue;
      out.push([i, i + name.length]);
      covered.fill(1, i, i + name.length);
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
  if (/(县|旗)$/.test(place)) return 'county';
  if (/区$/.test(place)) return 'district';
  return 'place';
}

/**
 * The bureau's division as PLACE nodes, province → prefecture → county, joined by LOCATED_IN.
 * The bureau's name in the report is the source of every step (湖州市公安局吴兴分局 says 吴兴 and
 * 湖州; the national GB/T 2260 list says 湖州 lies in 浙江): each edge cites that mention, and
 * each place node cites it plus every place the text writes the place's own name.
 */
function addDivision(g: GraphBuilder, n: NormalisedText, ref: WriterInput['ref'], agencyId: string, d: Division, bureau: MentionRef): void {
  const chain: Array<{ id: string; name: string; level: string; code: string }> = [
    { id: `place:${d.province}`, name: d.province, level: 'province', code: d.provinceCode },
  ];
  if (d.prefecture) chain.push({ id: `place:${d.prefecture}`, name: d.prefecture, level: 'prefecture', code: d.prefectureCode! });
  // County names repeat across China (鼓楼区): the id carries the place above it.
  if (d.county) chain.push({ id: `place:${d.prefecture ?? d.province}${d.county}`, name: d.county, level: placeLevel(d.county), code: d.countyCode! });
  chain.forEach((p, i) => {
    const written = findAll(n, [p.name, shortPlace(p.name)]).map(([a, b]) => ref(a, b));
    g.node(p.id, 'PLACE', p.name, [bureau, ...written], { level: p.level, divisionCode: p.code });
    if (i > 0) g.edge('LOCATED_IN', p.id, chain[i - 1].id, bureau);
  });
  g.edge('LOCATED_IN', agencyId, chain[chain.length - 1].id, bureau);
}
