import type { ReportMeta } from '../model/types';
import type { NormalisedText } from './normalise';
import { isFurniture } from './normalise';

/**
 * Metadata the text states, for callers that give none: agency (…市/县/区公安局, …分局),
 * place, year reported on, title, publication date. Caller-given fields always win.
 */
const AGENCY = /([\u4e00-\u9fff]{2,12}?(?:自治州|自治县|自治旗|市|县|区|州|盟|旗))公安(?:局|分局)|([\u4e00-\u9fff]{2,8}公安分局)/;

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
  const ag = AGENCY.exec(titleLine ?? '') ?? firstOutsideFurniture(n, AGENCY);
  if (ag) {
    out.agency = ag[0];
    if (ag[1]) out.place = ag[1];
  }
  const date = /(?:发布日期|成文日期|发布时间)\s*[::]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(view);
  if (date) out.publishedOn = `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`;
  return out;
}

function firstOutsideFurniture(n: NormalisedText, re: RegExp): RegExpExecArray | null {
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(n.view); m; m = g.exec(n.view)) if (!isFurniture(n, m.index)) return m;
  return null;
}
