import fs from 'node:fs';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import type { GraphEdge, GraphNode } from '../model/types';
import { SEEDS_DIR } from '../paths';

/**
 * English names. Curated ones come from the lexicon (nameEnSource: lexicon); others are composed
 * (nameEnSource: composed) from a genre glossary, word by word in the Chinese order, with pinyin
 * for proper names; agencies, places, measures and observations are composed from their parts
 * ("Hangzhou PSB, 2022: rapid-handling rate of administrative cases 76.7 %").
 */
let glossary: { words: Map<string, string>; maxLen: number } | undefined;
function loadGlossary() {
  if (!glossary) {
    const raw = JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, 'lexicon', 'glossary.json'), 'utf8')) as { words: Record<string, string> };
    const words = new Map(Object.entries(raw.words));
    glossary = { words, maxLen: Math.max(...[...words.keys()].map((k) => k.length)) };
  }
  return glossary;
}

const UNITS: Record<string, string> = { 次: 'times', 件: 'cases', 人: 'persons', 人次: 'person-times', 场次: 'sessions', 场: 'sessions', 起: 'cases', 天: 'days', 小时: 'hours', 分钟: 'minutes', 分: 'points', 个工作日: 'working days', 元: 'yuan' };

const ETHNIC: Record<string, string> = { 畲族: 'She', 回族: 'Hui', 苗族: 'Miao', 土家族: 'Tujia', 彝族: 'Yi', 藏族: 'Tibetan', 蒙古族: 'Mongol', 壮族: 'Zhuang', 侗族: 'Dong', 瑶族: 'Yao', 满族: 'Manchu', 朝鲜族: 'Korean', 维吾尔族: 'Uyghur', 哈萨克族: 'Kazakh', 黎族: 'Li', 傣族: 'Dai', 白族: 'Bai', 布依族: 'Buyi', 水族: 'Shui', 仡佬族: 'Gelao' };

function proper(s: string): string {
  const syl = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  const joined = syl.join('').replace(/ü/g, 'u').replace(/v/g, 'u');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Word-by-word English of a Chinese name; unknown runs become pinyin. */
export function compose(name: string): string {
  const { words, maxLen } = loadGlossary();
  const out: string[] = [];
  let unknown = '';
  const flush = () => {
    if (unknown) out.push(proper(unknown));
    unknown = '';
  };
  let i = 0;
  const s = name.replace(/[“”"《》]/g, '');
  while (i < s.length) {
    let hit = '';
    for (let len = Math.min(maxLen, s.length - i); len >= 1; len--) {
      const w = s.slice(i, i + len);
      if (words.has(w)) {
        hit = w;
        break;
      }
    }
    if (hit) {
      flush();
      const en = words.get(hit)!;
      if (en) out.push(en);
      i += hit.length;
    } else if (/[\u3400-\u9fff]/.test(s[i])) {
      unknown += s[i++];
    } else {
      flush();
      let j = i;
      while (j < s.length && !/[\u3400-\u9fff]/.test(s[j])) j++;
      const raw = s.slice(i, j).trim();
      if (raw && !/^[,、;:()（）]+$/.test(raw)) out.push(raw.replace(/、/g, ', '));
      i = j;
    }
  }
  flush();
  const text = out.join(' ').replace(/\s+/g, ' ').replace(/\s+([,.])/g, '$1').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function placeEn(place: string): string {
  const m = /^(.+?)(自治州|自治县|自治旗|特别行政区|省|市|县|区|州|盟|旗)$/.exec(place);
  if (!m) return proper(place);
  let stem = m[1];
  let ethnic = '';
  for (const [zh, en] of Object.entries(ETHNIC)) if (stem.endsWith(zh)) {
    ethnic = ` ${en}`;
    stem = stem.slice(0, -zh.length);
  }
  const kind: Record<string, string> = { 自治州: 'Autonomous Prefecture', 自治县: 'Autonomous County', 自治旗: 'Autonomous Banner', 省: 'Province', 市: '', 县: 'County', 区: 'District', 州: 'Prefecture', 盟: 'League', 旗: 'Banner' };
  return `${proper(stem)}${ethnic}${kind[m[2]] ? ` ${kind[m[2]]}` : ''}`;
}

/** 杭州市公安局 → Hangzhou Municipal Public Security Bureau; …公安局北仑分局 → Beilun Branch, Ningbo … */
export function agencyEn(agency: string): string {
  const branch = /^(.+?[市县区州])公安局(.+?)分局$/.exec(agency);
  if (branch) return `${proper(branch[2].replace(/(区|县)$/, ''))} Branch, ${agencyEn(`${branch[1]}公安局`)}`;
  const m = /^(.+?)(公安局|公安分局)$/.exec(agency);
  if (!m) return compose(agency);
  const place = m[1];
  const level = /市$/.test(place) ? 'Municipal ' : '';
  return `${placeEn(place)} ${level}Public Security Bureau`.replace(/\s+/g, ' ');
}

export function agencyShortEn(agency: string): string {
  return agencyEn(agency).replace('Municipal Public Security Bureau', 'PSB').replace('Public Security Bureau', 'PSB');
}

/** Fills nameEn on every node that has none, and says where each English name came from. */
// What toLocaleString('en-GB') gives, without building a formatter for every number.
const EN_NUMBER = new Intl.NumberFormat('en-GB');

export function addEnglishNames(nodes: GraphNode[], byId: Map<string, GraphNode>, agency: string, edges: GraphEdge[] = []): void {
  const outOf = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const list = outOf.get(e.source);
    if (list) list.push(e);
    else outOf.set(e.source, [e]);
  }
  const agencyShort = agencyShortEn(agency);
  for (const n of nodes) {
    if (typeof n.props.nameEn === 'string') {
      if (!n.props.nameEnSource) n.props.nameEnSource = 'lexicon';
      continue;
    }
    let en: string;
    if (n.type === 'AGENCY') en = agencyEn(n.name);
    else if (n.type === 'PLACE') en = placeEn(n.name);
    else if (n.type === 'REPORT') en = `${agencyEn(agency)}: ${n.props.year ?? ''} rule-of-law government report`.replace(':  ', ': ');
    else if (n.type === 'OBSERVATION') {
      const ind = byId.get(String(n.props.indicator));
      const indEn = ind ? String(ind.props.nameEn ?? compose(ind.name)) : compose(n.name);
      // In the base unit: 4600万次 reads 46,000,000 times.
      const base = String(n.props.baseUnit ?? n.props.unit ?? '');
      const unit = base === '%' ? ' %' : ` ${UNITS[base] ?? base}`;
      const change = typeof n.props.change === 'number' ? ` (${String(n.props.direction).includes('下降') ? 'down' : 'up'} ${n.props.change} % year on year)` : '';
      en = `${agencyShort}, ${n.props.year ?? ''}: ${indEn.charAt(0).toLowerCase()}${indEn.slice(1)} ${EN_NUMBER.format(Number(n.props.amount ?? n.props.value))}${unit}${change}`.replace(/\s+/g, ' ');
    } else if (n.type === 'MEASURE') {
      // A sentence does not translate word by word; say what the measure is part of.
      const status = n.props.status === 'planned' ? `plan for ${n.props.year ?? ''}` : String(n.props.year ?? '');
      const out = outOf.get(n.id) ?? [];
      const part = (type: string) => out.filter((e) => e.type === type).map((e) => byId.get(e.target)).find((x) => x && typeof x.props.nameEn === 'string' && x.props.nameEnSource !== 'composed');
      const reform = part('IMPLEMENTS');
      const topic = part('IN_TOPIC');
      const platform = part('USES');
      const what = reform ? `measure under ${String(reform.props.nameEn)}` : topic ? `measure in ${String(topic.props.nameEn).toLowerCase()}` : 'measure';
      en = `${agencyShort}, ${status}: ${what}${platform ? `, using ${String(platform.props.nameEn)}` : ''}`;
    } else en = compose(n.name);
    n.props.nameEn = en;
    n.props.nameEnSource = 'composed';
  }
}
