import type { NodeType, ReportMeta } from '../model/types';
import { bodiesIn } from './agency';
import { citiesNamed, countiesNamed, isMunicipality, provinceNamed, provinces } from './places';

/**
 * 市委, 区政府, 县委, 省公安厅 … name a body relative to the writer: the 绍兴 report's 市委 is
 * 绍兴市委. Each resolves to the real body, one node per real body, so two cities' party
 * committees never merge; the written form stays an alias (search and the eval find 市委).
 * When the writer's place at that level is unknown the node is keyed by the report, so it
 * still never merges across cities.
 */
export interface WriterPlace {
  province?: string;
  /** The prefecture-level city, or the municipality. */
  city?: string;
  /** The district, county or county-level city. */
  county?: string;
}

/** Where the writer sits, from its name (and a caller-given province), via the division list. */
export function writerPlace(meta: Pick<ReportMeta, 'agency' | 'place' | 'province'>): WriterPlace {
  const out: WriterPlace = {};
  const b = meta.agency ? bodiesIn(meta.agency)[0] : undefined;
  const place = b?.place ?? meta.place;
  if (place) {
    if (isMunicipality(place)) out.province = out.city = place;
    else if (provinces().includes(place)) out.province = place;
    else {
      const city = citiesNamed(place).filter((d) => d.city === place);
      const county = countiesNamed(place).filter((d) => d.county === place);
      if (city.length) {
        out.city = place;
        if (city.length === 1) out.province = city[0].province;
      } else if (county.length) {
        out.county = place;
        if (county.length === 1) {
          out.city = county[0].city;
          out.province = county[0].province;
        }
      }
    }
  }
  // A branch or brigade names its district: 广州市公安局海珠区分局, 深圳市公安局龙华分局, …支队淄川大队.
  const sub = meta.agency && b ? /公安局(?:交通警察支队|交警支队)?([\u4e00-\u9fff]{2,4}?)(区|县)?(?:分局|大队)$/.exec(meta.agency.slice(b.index)) : null;
  if (sub && !out.county && out.city) {
    const names = sub[2] ? [sub[1] + sub[2]] : [`${sub[1]}区`, `${sub[1]}县`, `${sub[1]}市`];
    const hit = names.flatMap((nm) => countiesNamed(nm).filter((d) => d.county === nm && d.city === out.city));
    if (hit.length === 1) out.county = hit[0].county;
  }
  if (meta.province) out.province = provinceNamed(meta.province) ?? meta.province;
  return out;
}

// 市场监管局, 区域…, 县级…, 市民…: a level character that does not make a name relative.
const RELATIVE = /^(省|市|区|县)(?!场|域|级|辖|直|属|民|内|外|区|县|乡|镇|里|两办)[\u4e00-\u9fff]{1,12}$/;

export interface Resolved {
  /** The node's key and name: the real body, or the written name keyed by report. */
  key: string;
  name: string;
  /** The form the text wrote, kept as an alias. */
  written?: string;
  /** The real body is the writer itself (the Henan department's 省公安厅). */
  isWriter?: boolean;
}

export function resolveRelative(type: NodeType, name: string, at: WriterPlace, meta: Pick<ReportMeta, 'agency'>, reportId: string): Resolved {
  if ((type !== 'ORGANIZATION' && type !== 'UNIT') || !RELATIVE.test(name)) return { key: name, name };
  const level = name[0];
  const rest = name.slice(1);
  const base = level === '省' ? at.province && !isMunicipality(at.province) ? at.province : undefined
    : level === '市' ? at.county && /市$/.test(at.county) ? at.county : at.city
    : level === '区' ? at.county && /区$/.test(at.county) ? at.county : undefined
    : at.county && /县$/.test(at.county) ? at.county : undefined;
  if (!base) return { key: `${name}@${reportId.replace(/^report:/, '')}`, name, written: name };
  const real = base + rest;
  return { key: real, name: real, written: name, isWriter: real === meta.agency };
}
