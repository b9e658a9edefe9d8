import type { NormalisedText } from './normalise';
import { isFurniture } from './normalise';
import { citiesNamed, countiesNamed, isMunicipality, provinceNamed, provinces, shortPlace } from './places';

/**
 * Which police body wrote a report, from what the page carries: its title, metadata lines
 * (来源 / 发布机构), a signature line, the body it names as the subject of its sentences, and
 * self-references (我局, 市局, 分局, 省公安厅, 我厅) resolved to a full name the text gives
 * elsewhere, even inside a 《》 title. Nothing is composed from knowledge of one report; a body
 * the text does not pin down is left unknown, for the caller to warn about.
 */
export interface AgencyFound {
  agency: string;
  /** The place part of the name (绍兴市, 海珠区 …) when it has one. */
  place?: string;
  /** How it was found, for a warning when it was not written out (e.g. 省公安厅 + 吉林). */
  inferred?: string;
}

const CJK = '[\\u4e00-\\u9fff]';
// A police body under a bureau: 海珠区分局, 交通警察支队淄川大队, 出入境管理支队.
const SUB = `(?:(?:交通警察|交警)(?:支队|大队)(?:${CJK}{2,4}?大队|${CJK}{2,4}?中队)?|${CJK}{1,6}?(?:分局|支队|大队))`;
const BODY = new RegExp(`(${CJK}{2,14}?)(?:森林|铁路|交通|港航)?公安(?:厅|局(${SUB})?|分局|处(?![置理罚分]))`, 'g');
// A branch named without its city: 龙华公安分局.
const SHORT_BRANCH = new RegExp(`(${CJK}{2,4}?)公安分局`, 'g');
const NOT_SUB = /^[各所全直本该其属与和及、的]/;

/** 区政府和市 is no place; 中共淄博市 is 淄博市: the longest tail that is a real division. */
export function placeTail(s: string): string | undefined {
  for (let i = 0; i <= s.length - 2; i++) {
    const t = s.slice(i);
    if (isPlace(t)) return t;
  }
  return undefined;
}

function isPlace(t: string): boolean {
  if (!/(省|市|区|县|州|盟|旗)$/.test(t)) return false;
  return provinces().includes(t) || citiesNamed(t).some((d) => d.city === t) || countiesNamed(t).some((d) => d.county === t) || isMunicipality(t);
}

export interface BodyMatch {
  name: string;
  place: string;
  index: number;
  end: number;
}

/** Every full police-body name in a string (place + 公安局/厅 [+ branch or brigade]). */
export function bodiesIn(s: string, from = 0): BodyMatch[] {
  const out: BodyMatch[] = [];
  BODY.lastIndex = 0;
  for (let m = BODY.exec(s); m; m = BODY.exec(s)) {
    const place = placeTail(m[1]);
    if (!place) {
      BODY.lastIndex = m.index + 1;
      continue;
    }
    let name = m[0].slice(m[1].length - place.length);
    if (m[2] && NOT_SUB.test(m[2])) name = name.slice(0, name.length - m[2].length);
    if (/公安厅$/.test(name) && !provinceNamed(place)) continue;
    const index = m.index + m[1].length - place.length;
    out.push({ name, place, index: from + index, end: from + index + name.length });
  }
  return out;
}

/** 万州区公安局 is 重庆市万州区公安局: a municipality's districts name their bureaus after it. */
function withMunicipality(b: BodyMatch): string {
  if (!/(区|县)公安局$/.test(b.name) || b.name !== `${b.place}公安局`) return b.name;
  const ds = countiesNamed(b.place).filter((d) => d.county === b.place);
  if (ds.length === 1 && isMunicipality(ds[0].province)) return `${ds[0].province}${b.name}`;
  return b.name;
}

const clean = (s: string) => s.replace(/\s+/g, '');

/** 中共X总支部委员会 / X党委 writes for X. */
function bodyOfWriter(s: string): string {
  return clean(s).replace(/^中共/, '').replace(/(党总支部委员会|总支部委员会|党支部委员会|支部委员会|党委员会|党委|党组|委员会)$/, '');
}

/** Spans of the view inside 《》 (document titles): names there are cited, not writers. */
function titleSpans(view: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: number[] = [];
  for (let i = 0; i < view.length; i++) {
    if (view[i] === '《') stack.push(i);
    else if (view[i] === '》' && stack.length) {
      const a = stack.pop()!;
      if (!stack.length) out.push([a, i + 1]);
    }
  }
  if (stack.length) out.push([stack[0], view.length]);
  return out;
}

// "在市委、市政府和市公安局的坚强领导下", "按照…省公安厅部署": bodies above the writer.
function isSuperior(view: string, at: number, end: number): boolean {
  const before = view.slice(Math.max(0, at - 24), at);
  const after = view.slice(end, end + 14);
  return /(在|按照|根据|落实|贯彻)[^。;,]*$/.test(before) && /^[^。;]*?(领导|部署|要求|指导)/.test(after) || /^(党委|领导|的)/.test(after) && /[和、]$/.test(before);
}

export function findAgency(n: NormalisedText, title?: string): AgencyFound | undefined {
  const view = n.view;
  const lines = view.split('\n');
  const full = (b: BodyMatch): AgencyFound => ({ agency: withMunicipality(b), place: b.place });

  // The title names its writer: "X关于2023年…的报告", "X2021年法治政府建设年度报告".
  if (title) {
    const head = /^(.*?)(?:关于|\d{4}\s*年)/.exec(clean(title))?.[1];
    // "2021年度XX市公安局法治政府建设工作总结": the writer stands after the year.
    const b = (head ? bodiesIn(bodyOfWriter(head))[0] : undefined) ?? bodiesIn(clean(title).replace(/《[^》]*》?/g, '□'))[0];
    if (b) return full(b);
  }
  // Page metadata: 来源: / 发布机构: a police body (a government publisher is not the writer).
  for (const l of lines) {
    const m = /(?:发布机构|来源|信息来源|发文机关|发布单位|来源单位|所属机构|发文单位)\s*[::]\s*(\S+)/.exec(l);
    const b = m ? bodiesIn(bodyOfWriter(m[1]))[0] : undefined;
    if (b && b.index === 0) return full(b);
  }
  // A signature: the body's name alone on a line.
  for (let i = lines.length - 1, at = view.length; i >= 0; at -= lines[i].length + 1, i--) {
    const l = clean(lines[i]);
    if (!l || l.length > 40) continue;
    const b = bodiesIn(bodyOfWriter(l))[0];
    if (b && b.index === 0 && b.end === bodyOfWriter(l).length && !isFurniture(n, at - lines[i].length)) return full(b);
  }

  // The body the text names outside 《》 titles, not as a superior; the most often, else first.
  const spans = titleSpans(view);
  const inTitle = (i: number) => spans.some(([a, b]) => i >= a && i < b);
  const everywhere = bodiesIn(view);
  const body = everywhere.filter((b) => !inTitle(b.index) && !isFurniture(n, b.index) && !isSuperior(view, b.index, b.end));
  if (body.length) {
    const count = (b: BodyMatch) => body.filter((x) => x.name === b.name).length;
    const best = [...body].sort((a, b) => count(b) - count(a) || a.index - b.index)[0];
    return full(best);
  }

  // A branch named short (龙华公安分局) whose full name the text gives in a title.
  const shortBranches = [...view.matchAll(SHORT_BRANCH)].filter((m) => !inTitle(m.index!) && countiesNamed(m[1]).length);
  if (shortBranches.length) {
    const x = shortBranches[0][1];
    const long = everywhere.find((b) => new RegExp(`公安局${x}(区|县)?分局$`).test(b.name));
    return long ? full(long) : { agency: shortBranches[0][0] };
  }

  // Self-references: the writer calls itself 县局/全县公安机关 (a county bureau), 市局/我局/全市公安机关
  // (a city bureau): the one bureau of that level the text names anywhere, even in a 《》 title.
  const subject = (re: RegExp) => [...view.matchAll(re)].some((m) => !inTitle(m.index!) && !isSuperior(view, m.index!, m.index! + m[0].length));
  const branchSelf = /我分局|全区公安机关|区分局|我大队/.test(view);
  const levels: Array<[string, RegExp]> = [['县', /县局|县公安局|全县公安机关/g], ['市', /我局|市局|市公安局|全市公安机关/g]];
  for (const [level, self] of levels) {
    if (branchSelf || !subject(self) || (level === '市' && subject(levels[0][1]))) continue;
    const named = [...new Set(everywhere.filter((b) => b.name === `${b.place}公安局` && b.place.endsWith(level)).map((b) => b.name))];
    if (named.length === 1) return { agency: named[0], place: named[0].replace(/公安局$/, ''), inferred: `the text calls itself ${level}局/我局; ${named[0]} is the one ${level === '县' ? 'county' : 'city'} bureau it names` };
    // 为推进我市…,根据《深圳市…》…2015年我局…市局党委: a city bureau speaking of 我市 whose text
    // names one division, a prefecture-level city, is that city's bureau.
    const city = level === '市' && !named.length && /我市/.test(view) ? onlyDivisionNamed(view) : undefined;
    if (city && (isMunicipality(city) || citiesNamed(city).some((d) => d.city === city))) {
      return { agency: `${city}公安局`, place: city, inferred: `the text calls itself 我局/市局 of 我市; ${city} is the one division it names` };
    }
  }
  // A district branch that calls itself 分局/全区公安机关: the one branch the text names.
  // (分局 alone opens a clause: 各分局 and 市公安局XX分局 are others.)
  if (subject(/我分局|(?<![\u4e00-\u9fff])分局|全区公安机关/g)) {
    const named = [...new Set(everywhere.filter((b) => /公安局.{1,6}分局$|区公安局$/.test(b.name)).map((b) => b.name))];
    if (named.length === 1) return { agency: withMunicipality(everywhere.find((b) => b.name === named[0])!), place: everywhere.find((b) => b.name === named[0])!.place, inferred: `the text calls itself 分局/全区公安机关; ${named[0]} is the one branch it names` };
  }
  if (subject(/省公安厅|我厅|本厅/g)) {
    const named = [...new Set(everywhere.filter((b) => /公安厅$/.test(b.name)).map((b) => b.name))];
    if (named.length === 1) return { agency: named[0], place: named[0].replace(/公安厅$/, '') };
    const ps = provincesNamed(view);
    if (ps.length === 1) return { agency: `${ps[0]}公安厅`, place: ps[0], inferred: `the text calls itself 省公安厅 and names one province, ${ps[0]}` };
  }
  return undefined;
}

/** The one province, city, county or district the text names in full (深圳市 in 《深圳市…指标体系》), if only one. */
function onlyDivisionNamed(view: string): string | undefined {
  const named = new Set<string>();
  for (const m of view.matchAll(/[\u4e00-\u9fff]{1,12}?[省市区县]/g)) {
    const place = placeTail(m[0]);
    if (place) named.add(place);
  }
  return named.size === 1 ? [...named][0] : undefined;
}

/** Provinces the text names: 河南省, or its short name (“吉林公安”, 法治浙江). */
function provincesNamed(view: string): string[] {
  const out = new Set<string>();
  for (const p of provinces()) {
    const short = shortPlace(p);
    if (/市$/.test(p)) continue;
    // 吉林市 is a city of 吉林省; "吉林公安", "法治浙江" name the province.
    if (view.includes(p) || new RegExp(`${short}(?!市)`).test(view)) out.add(p);
  }
  return [...out];
}

/** The agency as the text spells it, stray spaces included (交通警察支队 淄川大队). */
export function writtenForms(view: string, agency: string): string[] {
  if (!agency) return [];
  // 重庆市万州区公安局 is written 万州区公安局 in its own report.
  const muni = /^(北京市|天津市|上海市|重庆市)(.+(区|县)公安局)$/.exec(agency);
  if (muni) return [muni[2], ...writtenForms(view, muni[2])];
  // A page header may break the name over lines (…交通警察支队\n\n淄川大队总支部委员会).
  const re = new RegExp([...agency].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[ \\t\\n\\u00a0\\u3000]*'), 'g');
  return [...new Set([...view.matchAll(re)].map((m) => m[0]))].filter((f) => f !== agency);
}

/** How a report names its writer without naming it: mentions of the agency, never its aliases. */
export const SELF_REFERENCES = ['我局', '我分局', '我厅', '本局', '我大队', '我支队'];
