import { pinyin } from 'pinyin-pro';
import type { GraphEdge, GraphNode } from '../model/types';
import { composeEnglish, composeEnglishShared, English, namesCache, remembered } from './english/compose';

/**
 * English names. Curated ones come from the lexicon (nameEnSource: lexicon); others are composed
 * (nameEnSource: composed) by english/compose.ts from the genre glossary and its grammar, with
 * pinyin only for proper nouns, listed in nameEnProper so the explorer can mark them; a name the
 * glossary cannot say is the Chinese with a gloss (nameEnSource: glossed). Agencies, places,
 * measures and observations are composed from their parts ("Hangzhou PSB, 2022: rapid-handling
 * rate of administrative cases 76.7 %").
 */
const UNITS: Record<string, string> = { 次: 'times', 件: 'cases', 人: 'persons', 人次: 'person-times', 场次: 'sessions', 场: 'sessions', 起: 'cases', 天: 'days', 小时: 'hours', 分钟: 'minutes', 分: 'points', 个工作日: 'working days', 元: 'yuan' };

const ETHNIC: Record<string, string> = { 畲族: 'She', 回族: 'Hui', 苗族: 'Miao', 土家族: 'Tujia', 彝族: 'Yi', 藏族: 'Tibetan', 蒙古族: 'Mongol', 壮族: 'Zhuang', 侗族: 'Dong', 瑶族: 'Yao', 满族: 'Manchu', 朝鲜族: 'Korean', 维吾尔族: 'Uyghur', 哈萨克族: 'Kazakh', 黎族: 'Li', 傣族: 'Dai', 白族: 'Bai', 布依族: 'Buyi', 水族: 'Shui', 仡佬族: 'Gelao' };

function proper(s: string): string {
  const syl = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  const joined = syl.join('').replace(/ü/g, 'u').replace(/v/g, 'u');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Word-by-word English of a Chinese name (the text only; composeEnglish says which words are proper). */
export function compose(name: string): string {
  return composeEnglish(name).text;
}

const PLACE_KIND: Record<string, string> = { 自治州: 'Autonomous Prefecture', 自治县: 'Autonomous County', 自治旗: 'Autonomous Banner', 自治区: 'Autonomous Region', 特别行政区: 'SAR', 省: 'Province', 市: '', 县: 'County', 区: 'District', 州: 'Prefecture', 盟: 'League', 旗: 'Banner' };
const PLACE_PART = /.+?(?:自治州|自治县|自治旗|自治区|特别行政区|省|市|县|区|盟|旗)|.+$/g;

function onePlace(place: string): English {
  const m = /^(.+?)(自治州|自治县|自治旗|自治区|特别行政区|省|市|县|区|州|盟|旗)$/.exec(place);
  if (!m) return { text: proper(place), proper: [proper(place)], glossed: false };
  let stem = m[1];
  let ethnic = '';
  for (const [zh, en] of Object.entries(ETHNIC)) if (stem.endsWith(zh) && stem.length > zh.length) {
    ethnic = ` ${en}`;
    stem = stem.slice(0, -zh.length);
  }
  const name = proper(stem);
  return { text: `${name}${ethnic}${PLACE_KIND[m[2]] ? ` ${PLACE_KIND[m[2]]}` : ''}`, proper: [name], glossed: false };
}

/** 绍兴市 → Shaoxing; 重庆市万州区 → Wanzhou District, Chongqing (the smallest first, as English addresses go). */
const PLACES = namesCache<English>();
export const placeEnglish = (place: string): English => remembered(PLACES, place, composePlace, undefined);

function composePlace(place: string): English {
  const parts = (place.match(PLACE_PART) ?? [place]).map(onePlace).reverse();
  // The larger places after the first are named by their stem alone: "…, Chongqing", not "…, Chongqing Province".
  const text = [parts[0].text, ...parts.slice(1).map((p) => p.proper[0])].join(', ');
  return { text, proper: parts.flatMap((p) => p.proper), glossed: false };
}

export function placeEn(place: string): string {
  return placeEnglish(place).text;
}

const UNIT_PART = /.+?(?:总队|支队|大队|中队|分局|派出所|警务站|看守所|拘留所)|.+$/g;

/**
 * 杭州市公安局 → Hangzhou Municipal Public Security Bureau; 宁波市公安局北仑分局 → Beilun Branch,
 * Ningbo Municipal Public Security Bureau; 淄博市公安局交通警察支队淄川大队 → Zichuan Brigade, Traffic
 * Police Detachment, Zibo Municipal Public Security Bureau; 吉林省公安厅 → Jilin Provincial Department
 * of Public Security.
 */
const AGENCIES = namesCache<English>();
export const agencyEnglish = (agency: string): English => remembered(AGENCIES, agency, composeAgency, undefined);

function composeAgency(agency: string): English {
  const m = /^(.*?)(公安局|公安分局|公安厅)(.*)$/.exec(agency);
  if (!m || !m[1]) return composeEnglishShared(agency, { kind: 'bureau' });
  const place = placeEnglish(m[1]);
  const city = /市$/.test(m[1]) && !/[区县]$/.test(m[1]);
  const head = m[2] === '公安厅'
    ? { text: `${place.proper[place.proper.length - 1]} Provincial Department of Public Security`, proper: place.proper.slice(-1) }
    : { text: `${place.text.replace(/^([^,]+)/, `$1 ${city ? 'Municipal ' : ''}${m[2] === '公安分局' ? 'Public Security Branch' : 'Public Security Bureau'}`)}`.replace(/\s+/g, ' '), proper: place.proper };
  if (!m[3]) return { ...head, glossed: false };
  // Units under the bureau, the smallest first: 交通警察支队淄川大队.
  const units = (m[3].match(UNIT_PART) ?? []).map((u) => {
    const branch = /^(.+?)(?:区|县)?分局$/.exec(u);
    if (branch) {
      const p = proper(branch[1]);
      return { text: `${p} Branch`, proper: [p], glossed: false };
    }
    const e = composeEnglishShared(u, { kind: 'unit' });
    return { ...e, text: e.glossed ? e.text : e.text.replace(/\b[a-z]/g, (c) => c.toUpperCase()) };
  }).reverse();
  return { text: [...units.map((u) => u.text), head.text].join(', '), proper: [...units.flatMap((u) => u.proper), ...head.proper], glossed: units.some((u) => u.glossed) };
}

export function agencyEn(agency: string): string {
  return agencyEnglish(agency).text;
}

export function agencyShortEn(agency: string): string {
  return agencyEn(agency).replace(/(?:Municipal )?Public Security (?:Bureau|Branch)/, 'PSB').replace('Provincial Department of Public Security', 'PSD');
}

/**
 * Words of a curated English name that are the pinyin of part of the Chinese one ("The Fengqiao
 * Experience" for 枫桥经验, "Yuejing Steward" for 越警管家): the lexicon kept them as names.
 */
export function transliterations(en: string, names: readonly string[]): string[] {
  // No names at all reads as one empty name: neither spells anything.
  return transliterationsOf(en, names[0] ?? '', names.slice(1));
}

// Transliterations by the English name; under each, the Chinese names it was asked with (a
// lexicon entry's, the same in every report): a lookup builds neither a list nor a key string.
const TRANSLITERATED = namesCache<Array<{ name: string; aliases: readonly string[]; kept: string[] }>>();

const sameNames = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** transliterations(en, [name, ...aliases]). */
function transliterationsOf(en: string, name: string, aliases: readonly string[]): string[] {
  let asked = TRANSLITERATED.get(en);
  if (asked) for (const a of asked) if (a.name === name && sameNames(a.aliases, aliases)) return a.kept;
  const kept: string[] = [];
  for (const w of en.match(/[A-Z][a-z]{2,}/g) ?? []) {
    if (kept.includes(w)) continue;
    const lower = w.toLowerCase();
    if (spells(lower, name) || aliases.some((zh) => spells(lower, zh))) kept.push(w);
  }
  // Bounded with the other names (remembered counts each new English name).
  asked = remembered(TRANSLITERATED, en, () => [], undefined);
  asked.push({ name, aliases: [...aliases], kept });
  return kept;
}

// Readings of one character, any of them (a name may use a reading its context would not pick).
// By code unit: name[i] would make a string of each character to look it up.
const READINGS = new Map<number, string[]>();
function readings(code: number): string[] {
  let r = READINGS.get(code);
  if (!r) {
    r = code >= 0x3400 && code <= 0x9fff ? (pinyin(String.fromCharCode(code), { toneType: 'none', type: 'array', multiple: true, v: true }) as string[]).map((x) => x.replace(/v/g, 'u')) : [];
    READINGS.set(code, r);
  }
  return r;
}

/** True when `word` is the pinyin of consecutive characters of `zh`. */
function spells(word: string, zh: string): boolean {
  for (let i = 0; i < zh.length; i++) if (spellsFrom(word, zh, i, 0)) return true;
  return false;
}

// word[at…] spelt by zh[i…], a reading of each character in turn (no closure made per call).
function spellsFrom(word: string, zh: string, i: number, at: number): boolean {
  if (at === word.length) return true;
  if (i >= zh.length) return false;
  for (const r of readings(zh.charCodeAt(i))) if (word.startsWith(r, at) && spellsFrom(word, zh, i + 1, at + r.length)) return true;
  return false;
}

/** The pinyin proper nouns of a node's English name (nameEnProper). */
export function properNouns(n: GraphNode): string[] {
  return typeof n.props.nameEnProper === 'string' && n.props.nameEnProper ? n.props.nameEnProper.split('|') : [];
}

/** Fills nameEn on every node that has none, and says where each English name came from. */
// What toLocaleString('en-GB') gives, without building a formatter for every number.
const EN_NUMBER = new Intl.NumberFormat('en-GB');
// Whole numbers (most counts) and decimals of up to three places (rates: 76.7) grouped by hand:
// the formatter costs microseconds a call. It rounds to three places, which these need not.
export function enNumber(x: number): string {
  if (Number.isSafeInteger(x) && x >= 0) return x < 1000 ? String(x) : grouped(String(x));
  if (x > 0 && x < Number.MAX_SAFE_INTEGER) {
    const s = String(x);
    const dot = s.indexOf('.');
    if (dot > 0 && s.length - dot <= 4 && !s.includes('e')) return grouped(s.slice(0, dot)) + s.slice(dot);
  }
  return EN_NUMBER.format(x);
}

// Digits in threes from the right: 46000000 → 46,000,000.
function grouped(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let k = out.length; k < digits.length; k += 3) out += `,${digits.slice(k, k + 3)}`;
  return out;
}

// What /\s+/g → ' ' would change: a run of two, or white space other than a space.
const LOOSE_SPACE = /\s\s|[^\S ]/;

// Nodes whose English is built from their parts, not composed from their name.
const COMPOSED_APART = new Set(['AGENCY', 'PLACE', 'REPORT', 'OBSERVATION', 'MEASURE']);

// What each node type is, in words (POLICY_DOCUMENT → document): a handful of types, spelt once.
const kindOf = (t: string) => t.toLowerCase().replace(/_/g, ' ').replace('policy document', 'document');
// The options a node's name is composed with, by its type: made once (composeEnglish only reads them).
const OPTS_OF = new Map<string, { brand: boolean; kind: string }>();

export function addEnglishNames(nodes: GraphNode[], byId: Map<string, GraphNode>, agency: string, edges: GraphEdge[] = []): void {
  // Edges by source, for measures only (the first call, on the named nodes, needs none); only
  // those of the types a measure's name reads (a reform, a topic, a platform), not every edge.
  let outOf: Map<string, GraphEdge[]> | undefined;
  const edgesFrom = (id: string): GraphEdge[] => {
    if (!outOf) {
      outOf = new Map();
      for (const e of edges) {
        if (e.type !== 'IMPLEMENTS' && e.type !== 'IN_TOPIC' && e.type !== 'USES') continue;
        const list = outOf.get(e.source);
        if (list) list.push(e);
        else outOf.set(e.source, [e]);
      }
    }
    return outOf.get(id) ?? [];
  };
  const agencyShort = agencyShortEn(agency);
  const agencyProper = agency ? agencyEnglish(agency).proper : [];
  const optsOf = (n: GraphNode) => OPTS_OF.get(n.type) ?? OPTS_OF.set(n.type, { brand: n.type === 'PLATFORM', kind: kindOf(n.type) }).get(n.type)!;
  // Names are not cut ahead in one jieba call: most are glossary words end to end and never need
  // their words (about a third do), and cutting only those, one call each, costs less.
  for (const n of nodes) {
    if (typeof n.props.nameEn === 'string') {
      if (!n.props.nameEnSource) n.props.nameEnSource = 'lexicon';
      const kept = transliterationsOf(n.props.nameEn, n.name, n.aliases);
      if (kept.length && n.props.nameEnProper === undefined) n.props.nameEnProper = kept.join('|');
      continue;
    }
    let en: English;
    if (n.type === 'AGENCY') en = agencyEnglish(n.name);
    else if (n.type === 'PLACE') en = placeEnglish(n.name);
    else if (n.type === 'REPORT') en = { text: `${agencyEn(agency)}: ${n.props.year ?? ''} rule-of-law government report`.replace(':  ', ': '), proper: agencyProper, glossed: false };
    else if (n.type === 'OBSERVATION') {
      const ind = byId.get(String(n.props.indicator));
      const indEn: English = ind && typeof ind.props.nameEn === 'string'
        ? { text: ind.props.nameEn, proper: properNouns(ind), glossed: ind.props.nameEnSource === 'glossed' }
        : composeEnglishShared(ind?.name ?? n.name, { kind: 'indicator' });
      // In the base unit: 4600万次 reads 46,000,000 times.
      const base = String(n.props.baseUnit ?? n.props.unit ?? '');
      const unit = base === '%' ? ' %' : ` ${UNITS[base] ?? base}`;
      const change = typeof n.props.change === 'number' ? ` (${String(n.props.direction).includes('下降') ? 'down' : 'up'} ${n.props.change} % year on year)` : '';
      const what = indEn.glossed ? indEn.text : `${indEn.text.charAt(0).toLowerCase()}${indEn.text.slice(1)}`;
      const said = `${agencyShort}, ${n.props.year ?? ''}: ${what} ${enNumber(Number(n.props.amount ?? n.props.value))}${unit}${change}`;
      // White space made single spaces: most texts have nothing to change, and a replace copies them.
      en = { text: LOOSE_SPACE.test(said) ? said.replace(/\s+/g, ' ') : said, proper: [...agencyProper, ...indEn.proper], glossed: false };
    } else if (n.type === 'MEASURE') {
      // A sentence does not translate word by word; say what the measure is part of.
      const status = n.props.status === 'planned' ? `plan for ${n.props.year ?? ''}` : String(n.props.year ?? '');
      const out = edgesFrom(n.id);
      const part = (type: string) => {
        for (const e of out) {
          if (e.type !== type) continue;
          const x = byId.get(e.target);
          if (x && typeof x.props.nameEn === 'string' && x.props.nameEnSource === 'lexicon') return x;
        }
        return undefined;
      };
      const reform = part('IMPLEMENTS');
      const topic = part('IN_TOPIC');
      const platform = part('USES');
      const what = reform ? `measure under ${String(reform.props.nameEn)}` : topic ? `measure in ${String(topic.props.nameEn).toLowerCase()}` : 'measure';
      const named = [reform ?? topic, platform].flatMap((x) => (x ? properNouns(x) : []));
      en = { text: `${agencyShort}, ${status}: ${what}${platform ? `, using ${String(platform.props.nameEn)}` : ''}`, proper: [...agencyProper, ...named], glossed: false };
    } else en = composeEnglishShared(n.name, optsOf(n));
    n.props.nameEn = en.text;
    n.props.nameEnSource = en.glossed ? 'glossed' : 'composed';
    if (!en.proper.length) continue;
    const marked: string[] = [];
    for (const p of en.proper) if (!marked.includes(p) && en.text.includes(p)) marked.push(p);
    // One string (props are scalars): the proper nouns joined by |, which no name in pinyin holds.
    if (marked.length) n.props.nameEnProper = marked.join('|');
  }
}
