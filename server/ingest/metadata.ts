import type { ReportMeta } from '../model/types';
import { bodiesIn, findAgency } from './agency';
import type { NormalisedText } from './normalise';

/**
 * Metadata the text states, for callers that give none: agency (see agency.ts), place, year
 * reported on, title, publication date. Caller-given fields always win. A title is only ever a
 * line of the text, never composed; `agencyNote` says how an agency not written out was read.
 */
export interface FoundMeta extends Partial<ReportMeta> {
  agencyNote?: string;
}

// 法治政府建设年度报告, …建设情况的报告, 依法行政工作情况报告, 法治公安建设情况报告, …工作总结.
const TITLE = /(法治政府\s*建设|依法行政|法治公安\s*建设|法治建设)[^。;,,]{0,14}(报告|情况|总结)\s*[))]?\s*$/;

// A section heading ("一、法治政府建设工作情况", "(一)部门法治建设推进情况") is no title.
const HEADING = /^([一二三四五六七八九十]+[、.]|[((][一二三四五六七八九十\d]+[))]|\d+[.、]|第[一二三四五六七八九十]+部分)/;

export function detectMetadata(n: NormalisedText): FoundMeta {
  const view = n.view;
  const out: FoundMeta = {};
  const title = titleOf(view);
  if (title) out.title = title;
  const year = yearOf(view, title);
  if (year) out.year = year;
  const ag = findAgency(n, title);
  if (ag) {
    out.agency = ag.agency;
    if (ag.place) out.place = ag.place;
    if (ag.inferred) out.agencyNote = ag.inferred;
  }
  // The page's publication date, else the date it was written, else the date under the signature.
  const date = /(?:发布日期|发布时间)\s*[::]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(view)
    ?? /(?:成文日期|发文日期)\s*[::]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(view)
    ?? lastDateLine(view);
  if (date) out.publishedOn = `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`;
  return out;
}

/**
 * The report's title: a "标题:" metadata line, else the first short line that reads as a report
 * title (not a breadcrumb of menu words), without a 【栏目】 prefix.
 */
function titleOf(view: string): string | undefined {
  // A page title carries its site after a separator: "…年度报告_某某市人民政府".
  const lines = view.split('\n').map((l) => l.trim().split(/\s*[_|｜]\s*|\s+[-—–]\s+/)[0]);
  const labelled = lines.map((l) => /^标题\s*[::]\s*(.+)$/.exec(l)?.[1]).find((t) => t && TITLE.test(t));
  const line = labelled ?? lines.find((l) => l.length <= 80 && TITLE.test(l) && !/^>>|首页|当前位置|您的位置|[>»]/.test(l) && !/^(现将|按照|根据)/.test(l) && !/[,。《]/.test(l) && !HEADING.test(l));
  return line?.replace(/^【[^】]{1,10}】\s*/, '').trim() || undefined;
}

/**
 * The year reported on: the title's, else "关于2023年…" / "现将2019年度…报告", else the first
 * clause that opens with a year and goes on with the report's subject (2024年,… / 2019年度… /
 * 2015年我局…), outside 《》 titles.
 */
function yearOf(view: string, title?: string): number | undefined {
  const fromTitle = title && /(\d{4})\s*年/.exec(title);
  if (fromTitle) return Number(fromTitle[1]);
  const outside = view.replace(/《[^》]*》?/g, (t) => '□'.repeat(t.length));
  const report = /(?:关于|现将)(?:我局|我厅|我分局|全局)?\s*(\d{4})\s*年(?:度)?[^。]{0,30}?(?:报告|情况)/.exec(outside);
  if (report) return Number(report[1]);
  const open = /(?:^|[\n,,。;:])\s*[•·]?\s*(\d{4})\s*年(?:度|以来|,|,|(?=我|全|本|市局|分局|在|[\u4e00-\u9fff]{2,12}公安))/.exec(outside);
  if (open) return Number(open[1]);
  return undefined;
}

/** 绍兴市公安局 → 绍兴市; 北仑分局 has no place of its own. */
export function placeOfAgency(agency: string): string | undefined {
  return bodiesIn(agency)[0]?.place;
}

/** "2023年2月20日" alone on a line near the end: the date the report was signed. */
function lastDateLine(view: string): RegExpExecArray | null {
  const tail = view.slice(Math.max(0, view.length - 400));
  let last: RegExpExecArray | null = null;
  for (const m of tail.matchAll(/(?:^|\n)\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?=\n|$)/g)) last = m as RegExpExecArray;
  return last;
}

/**
 * What the pipeline could not read, or read only by inference: an unknown body or year is
 * accepted (updateReport sets it later), never refused, and a missing title is never composed.
 */
export function metadataWarnings(meta: ReportMeta, given: Partial<ReportMeta>, found: FoundMeta): string[] {
  const out: string[] = [];
  if (!meta.agency) out.push('agency unknown: the text does not name the police body (bureau) that wrote it; its facts hang on the report until updateReport sets the agency');
  else if (!given.agency && found.agencyNote) out.push(`agency read as ${meta.agency}: ${found.agencyNote}`);
  if (!meta.year) out.push('year unknown: no report year given or found in the text');
  if (!meta.title) out.push('no title: the text has no title line, so the report has none');
  return out;
}
