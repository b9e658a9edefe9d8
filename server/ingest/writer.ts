import type { MentionRef, ReportMeta } from '../model/types';
import { SELF_REFERENCES, writtenForms } from './agency';
import type { GraphBuilder } from './graphBuilder';
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
  g.node(agencyId, 'AGENCY', meta.agency, agencyMentions, { place: meta.place ?? null }, undefined);
  g.edge('PUBLISHED_BY', reportId, agencyId, agencyMentions[0]);
  if (!meta.place) return agencyId;
  const pm = findAll(n, [meta.place, shortPlace(meta.place)]).map(([a, b]) => ref(a, b));
  if (!pm.length) {
    warnings.push(`the text never names the place "${meta.place}"; no PLACE node for it`);
    return agencyId;
  }
  const placeId = `place:${meta.place}`;
  g.node(placeId, 'PLACE', meta.place, pm, { level: placeLevel(meta.place) });
  g.edge('LOCATED_IN', agencyId, placeId, pm[0]);
  if (meta.province) {
    const pv = findAll(n, [meta.province, shortPlace(meta.province)]).map(([a, b]) => ref(a, b));
    if (pv.length) {
      const provId = `place:${meta.province}`;
      g.node(provId, 'PLACE', meta.province, pv, { level: 'province' });
      g.edge('LOCATED_IN', placeId, provId, pv[0]);
    }
  }
  return agencyId;
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
  if (/(县|自治县)$/.test(place)) return 'county';
  if (/区$/.test(place)) return 'district';
  return 'place';
}
