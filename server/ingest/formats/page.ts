import { htmlToText, replaceElements, tidyText, titleOf } from '../html';

/**
 * A saved government web page as its reader sees it: the report's title (without the site's
 * name after it), then the article (the block of text that carries the title, or else the
 * largest one), with table rows kept as lines. Menus, breadcrumbs, the share / print bar, the
 * publication-info line and the footer (版权所有, ICP备, 网站标识码) are left out: they are the
 * site's, not the report's, and would otherwise be read as measures and platforms.
 */
export interface PageText {
  text: string;
  title?: string;
  /** From the page's 发布日期 / 发布时间 / 成文日期, as YYYY-MM-DD. */
  publishedOn?: string;
}

// Rows of tables come through as lines marked with this, so a table of short rows is not taken
// for a menu; the mark is removed before the text is returned.
const ROW = '\u0001';
const NBSP = '\u0002';
const IDSP = '\u0003';

export function readPage(html: string): PageText {
  const headTitle = (() => {
    const head = /<head[\s>][\s\S]*?<\/head\s*>/i.exec(html.slice(0, 200000))?.[0];
    return head ? titleOf(head) : undefined;
  })();
  // A browser folds runs of spaces but shows each &nbsp; and ideographic space: so does the text.
  const kept = html.replace(/&nbsp;|&#160;|&#xa0;|\u00a0/gi, NBSP).replace(/&#12288;|&#x3000;|\u3000/gi, IDSP);
  const withRows = replaceElements(kept, ['tr'], (tr) => `<p>${ROW}${cellsOf(tr).join(' ')}</p>`);
  // The head's title is read above; without the head the text starts at the body.
  const all = htmlToText(replaceElements(withRows, ['head'], () => '\n')).split('\n')
    .map((l) => l.replace(/\u0002/g, ' ').replace(/\u0003/g, '\u3000').trim());
  const title = siteless(tidyText(headTitle ?? '')) || undefined;
  const publishedOn = dateIn(all.join('\n'));
  const lines = all.filter((l) => l.trim() && !isChrome(l));
  const at = title ? lines.findIndex((l) => l === title || (l.includes(title) && l.length <= title.length + 8)) : -1;
  const [start, end] = at >= 0 ? [at, blockEnd(lines, at)] : largestBlock(lines);
  const body = lines.slice(start, end).map((l) => l.replace(ROW, '').trim()).filter(Boolean);
  if (title && at < 0) body.unshift(title);
  return { text: body.join('\n'), title, publishedOn };
}

/** The text of each cell of a table row, its own lines joined by spaces. */
function cellsOf(tr: string): string[] {
  return tr.split(/<t[dh](?=[\s>])/i).slice(1).map((c) => htmlToText(`<div${c}`).replace(/\n+/g, ' ').trim()).filter(Boolean);
}

/** "…年度报告_金华市人民政府" → "…年度报告": the site's name goes after _ | ｜ or a spaced dash. */
export function siteless(title: string): string {
  const parts = title.split(/\s*[_|｜]\s*|\s+[-—–]+\s+|\s*--\s*/).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => /报告|总结|情况/.test(p)) ?? parts[0] ?? '';
}

// Lines that belong to the site: copyright, registration numbers, counters, navigation aids.
// Simplified and Traditional forms (a Taiwan or Hong Kong page says 版權所有, 網站標識碼).
const CHROME = /版[权權]所有|ICP[备備证證]|[网網]站[标標][识識][码碼]|公[网網]安[备備]|主[办辦][单單]位|承[办辦][单單]位|技[术術]支持|[网網]站地[图圖]|[联聯][系係]我[们們]|[当當]前位置|您[现現]在的位置|[浏瀏][览覽]次[数數]|[阅閱][读讀]次[数數]|[访訪][问問]次[数數]|[点點][击擊]数|(?:^|\s)字[号號体體]\s*[:：]|返回[顶頂]部|上一[篇页頁]|下一[篇页頁]|扫一扫|掃一掃|相[关關][链鏈]接/;
// The page's publication line (发布日期：… 来源：… 【打印】): read for the date, not the report's text.
const PUBLISHED = /^([发發][布佈](日期|[时時][间間]))\s*[:：]/;
// A tool bar: nothing left once its buttons are taken away.
const TOOLS = /[【】[\]()（）|:：·\s]|[打列]印本[页頁]|[打列]印|[关關][闭閉][窗视視][口窗]|[关關][闭閉]本[页頁]|[关關][闭閉]|分享到|分享|收藏|微信|微博|QQ空[间間]|朋友圈|[纠糾][错錯]|大|中|小/g;

export function isChrome(line: string): boolean {
  const l = line.trim();
  if (l.length > 80 || l.startsWith(ROW)) return false;
  if (CHROME.test(l) || PUBLISHED.test(l)) return true;
  return /[打列]印|[关關][闭閉]|分享/.test(l) && l.replace(TOOLS, '') === '';
}

const isShort = (l: string) => !l.startsWith(ROW) && l.length < 16 && !/[。；;]/.test(l);

/** Where the block of text from `start` ends: at a run of four short lines (a menu or a footer). */
function blockEnd(lines: string[], start: number): number {
  let run = 0;
  for (let i = start + 1; i < lines.length; i++) {
    run = isShort(lines[i]) ? run + 1 : 0;
    if (run >= 4) return i - 3;
  }
  return lines.length;
}

/** The block with the most text, when the page's title names none. */
function largestBlock(lines: string[]): [number, number] {
  let best: [number, number] = [0, lines.length];
  let bestSize = -1;
  for (let i = 0; i < lines.length; ) {
    if (isShort(lines[i]) && i + 1 < lines.length && isShort(lines[i + 1])) {
      i++;
      continue;
    }
    const end = blockEnd(lines, i);
    const size = lines.slice(i, end).reduce((s, l) => s + l.length, 0);
    if (size > bestSize) [best, bestSize] = [[i, end], size];
    i = Math.max(end, i + 1);
  }
  return best;
}

/** The page's publication date (else the date it was written), as YYYY-MM-DD. */
function dateIn(text: string): string | undefined {
  const m = /(?:[发發][布佈]日期|[发發][布佈][时時][间間]|[发發]文日期)\s*[:：]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(text)
    ?? /成文日期\s*[:：]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined;
}
