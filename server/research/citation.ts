import type { PropValue } from '../model/types';

/**
 * References to a report and to a quote in it, in the two styles researchers of Chinese
 * policing write in: GB/T 7714-2015 (Chinese journals and theses) and APA 7. Built only from
 * what the graph holds about the report: its bureau, title, year, publication date, source
 * (URL or file) and retrieval date; a part that is not known is left out, never made up.
 */
export type CitationStyle = 'GBT7714' | 'APA';

export interface CitedReport {
  agency?: string | null;
  title: string;
  year?: number | null;
  publishedOn?: string | null;
  source?: string | null;
  retrievedAt?: string | null;
}

export function citedReport(props: Record<string, PropValue>, name: string): CitedReport {
  const s = (v: PropValue | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return {
    agency: s(props.agency), title: s(props.title) ?? name, year: typeof props.year === 'number' ? props.year : null,
    publishedOn: s(props.publishedOn), source: s(props.source), retrievedAt: s(props.retrievedAt),
  };
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ymd = (d: string) => /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
const end = (s: string) => (/[.。!?？！]$/.test(s) ? s : `${s}.`);

export function citeReport(r: CitedReport, style: CitationStyle): string {
  return style === 'APA' ? apa(r) : gbt(r);
}

/** The report's reference, then the quote and its character offsets in the stored text. */
export function citeQuote(r: CitedReport, quote: string, start: number, endAt: number, style: CitationStyle): string {
  const ref = citeReport(r, style);
  return style === 'APA'
    ? `${ref} Quote: “${quote}” (characters ${start}–${endAt}).`
    : `${ref} 引文：“${quote}”（第${start}–${endAt}字符）。`;
}

// GB/T 7714-2015 §4.1/§8.8: 主要责任者. 题名[文献类型标识/载体]. (更新或发表日期)[引用日期]. 获取和访问路径.
// An online report is [EB/OL]; one known only from a file is a report, [R], dated by its year.
function gbt(r: CitedReport): string {
  const author = r.agency ? `${r.agency}. ` : '';
  if (r.source && isUrl(r.source)) {
    const dates = `${r.publishedOn ? `(${r.publishedOn})` : ''}${r.retrievedAt ? `[${r.retrievedAt}]` : ''}`;
    return `${author}${r.title}[EB/OL]. ${dates ? `${dates}. ` : ''}${r.source}.`;
  }
  const when = r.publishedOn ?? (r.year != null ? String(r.year) : '');
  const file = r.source ? ` 来源文件: ${r.source}.` : '';
  return `${author}${r.title}[R].${when ? ` ${when}.` : ''}${file}${r.retrievedAt ? ` [${r.retrievedAt}].` : ''}`;
}

// APA 7 (§10.4 reports by a government agency): Author. (Year, Month Day). Title. URL, with
// "Retrieved Month Day, Year, from" for a page that may change; (n.d.) when no date is known.
function apa(r: CitedReport): string {
  const author = r.agency ? `${r.agency}. ` : '';
  const p = r.publishedOn ? ymd(r.publishedOn) : null;
  const date = p ? `(${p[1]}, ${MONTHS[Number(p[2]) - 1]} ${Number(p[3])})` : r.publishedOn ? `(${r.publishedOn})` : '(n.d.)';
  const title = end(r.title);
  const got = r.retrievedAt ? ymd(r.retrievedAt) : null;
  const retrieved = got ? `Retrieved ${MONTHS[Number(got[2]) - 1]} ${Number(got[3])}, ${got[1]}, from ` : '';
  const where = r.source ? (isUrl(r.source) ? ` ${retrieved}${r.source}` : ` Source file: ${r.source}.`) : '';
  return `${author}${date}. ${title}${where}`;
}
