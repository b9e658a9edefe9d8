import type { ReportMeta } from '../model/types';
import type { NormalisedText } from './normalise';
import { isFurniture } from './normalise';

/**
 * Metadata the text states, for callers that give none: agency (…市/县/区公安局, …分局),
 * place, year reported on, title, publication date. Caller-given fields always win.
 */
const AGENCY = /([\u4e00-\u9fff]{2,12}?(?:自治州|自治县|自治旗|市|县|区|州|盟|旗))公安(?:局(?:[\u4e00-\u9fff]{2,6}?分局)?|分局)|([\u4e00-\u9fff]{2,8}公安分局)/;

export function detectMetadata(n: NormalisedText): Partial<ReportMeta> {
  const view = n.view;
  const lines = view.split('\n');
  const out: Partial<ReportMeta> = {};
  const titleLine = lines.find((l) => /法治政府建设.{0,6}(年度)?(报告|情况)/.test(l) && l.trim().length <= 60 && !/^\s*>>/.test(l));
  if (titleLine) out.title = titleLine.trim();
  const titleYear = titleLine && /(\d{4})年/.exec(titleLine);
  if (titleYear) out.year = Number(titleYear[1]);
  if (!out.year) {
    // The opening "2022年,市公安局坚持…" names the year reported on.
    const open = /(?:^|\n)\s*(\d{4})年(?:度)?[,,以来]/.exec(view);
    if (open) out.year = Number(open[1]);
  }
  const ag = AGENCY.exec(titleLine ?? '') ?? mostLikelyAgency(n);
  if (ag) {
    out.agency = ag[0];
    if (ag[1]) out.place = ag[1];
  }
  // The page's publication date, else the date it was written, else the date under the signature.
  const date = /(?:发布日期|发布时间)\s*[::]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(view)
    ?? /(?:成文日期)\s*[::]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(view)
    ?? lastDateLine(view);
  if (date) out.publishedOn = `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`;
  return out;
}

/** The bureau that signs the report (a line of its own), else the one it names most often. */
function mostLikelyAgency(n: NormalisedText): RegExpExecArray | null {
  const view = n.view;
  const g = new RegExp(AGENCY.source, 'g');
  const seen: RegExpExecArray[] = [];
  const counts = new Map<string, number>();
  // The line of the latest match, trimmed, found once per line: matches come in order, and
  // looking for each one's line from scratch was quadratic on a long line of them.
  let lineEnd = -1;
  let trimmedFrom = 0;
  let trimmedTo = 0;
  for (let m = g.exec(view); m; m = g.exec(view)) {
    if (isFurniture(n, m.index)) continue;
    if (m.index > lineEnd) {
      const lineStart = view.lastIndexOf('\n', m.index) + 1;
      const nl = view.indexOf('\n', m.index);
      lineEnd = nl < 0 ? view.length : nl;
      for (trimmedFrom = lineStart; trimmedFrom < lineEnd && /\s/.test(view[trimmedFrom]); trimmedFrom++);
      for (trimmedTo = lineEnd; trimmedTo > trimmedFrom && /\s/.test(view[trimmedTo - 1]); trimmedTo--);
    }
    if (m.index === trimmedFrom && m.index + m[0].length === trimmedTo) return m;
    seen.push(m);
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  const count = (m: RegExpExecArray) => counts.get(m[0])!;
  return seen.sort((a, b) => count(b) - count(a) || a.index - b.index)[0] ?? null;
}

/** 绍兴市公安局 → 绍兴市; 北仑分局 has no place of its own. */
export function placeOfAgency(agency: string): string | undefined {
  return AGENCY.exec(agency)?.[1];
}

/** "2023年2月20日" alone on a line near the end: the date the report was signed. */
function lastDateLine(view: string): RegExpExecArray | null {
  const tail = view.slice(Math.max(0, view.length - 400));
  let last: RegExpExecArray | null = null;
  for (const m of tail.matchAll(/(?:^|\n)\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?=\n|$)/g)) last = m as RegExpExecArray;
  return last;
}
