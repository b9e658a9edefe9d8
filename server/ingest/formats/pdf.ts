import { definePDFJSModule, extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { IngestError } from '../errors';

export interface PdfText {
  text: string;
  /** Where each page starts in `text` (page n at pageStarts[n - 1]). */
  pageStarts: number[];
}

let pdfjsReady: Promise<void> | undefined;
// unpdf loads its PDF.js build with import(); naming it here lets the bundler and the test
// runner resolve it like any other module.
const loadPdfjs = () => (pdfjsReady ??= definePDFJSModule(() => import('unpdf/pdfjs')));

/**
 * A PDF's text layer as a person reads it: each page's lines top to bottom and left to right,
 * lines that wrap inside a paragraph joined again (a line that runs to the right margin goes on
 * in the next, also across a page break), paragraphs one per line. A PDF with no text layer
 * (scanned pages) or cut short is refused: there is nothing to cite.
 */
export async function readPdf(bytes: Uint8Array, name = 'the PDF'): Promise<PdfText> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, 1024).indexOf('%PDF-') < 0) throw new IngestError('UNREADABLE', `${name} is not a PDF: it does not start with %PDF-`);
  // PDF.js repairs what it can and would read the pages before the cut; a report cut short is
  // not the report, so a file without its end-of-file marker is refused.
  if (buf.subarray(Math.max(0, buf.length - 1024)).lastIndexOf('%%EOF') < 0) throw new IngestError('TRUNCATED', `${name} is truncated: it has no %%EOF end-of-file marker (${buf.length} bytes; the download or copy was cut short)`);
  await loadPdfjs();
  let pages: StructuredTextItem[][];
  try {
    const doc = await getDocumentProxy(new Uint8Array(buf), { verbosity: 0, isEvalSupported: false });
    try {
      pages = (await extractTextItems(doc)).items;
    } finally {
      await doc.destroy();
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    const why = (e as Error).message;
    throw new IngestError('UNREADABLE', `${name} cannot be read as a PDF: ${why}`);
  }
  const lines = pages.map(linesOf);
  if (!lines.some((p) => p.some((l) => l.text.trim()))) {
    throw new IngestError('NO_TEXT_LAYER', `${name} has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'} of images, as a scanned report is): run OCR on it first, or ingest the page it was published on`);
  }
  return joinPages(lines);
}

interface Line {
  text: string;
  left: number;
  right: number;
  charWidth: number;
}

/** A page's items grouped into lines by baseline, top to bottom, each left to right. */
function linesOf(items: StructuredTextItem[]): Line[] {
  const rows: StructuredTextItem[][] = [];
  const sorted = items.filter((i) => i.str.length).sort((a, b) => b.y - a.y || a.x - b.x);
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const tol = Math.max(2, (it.fontSize || it.height || 10) * 0.4);
    if (row && Math.abs(row[0].y - it.y) <= tol) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    // An em: Chinese characters are set one em wide, and margins are measured in them.
    const sizes = row.filter((i) => i.str.trim()).map((i) => i.fontSize || i.height || 10).sort((a, b) => a - b);
    const charWidth = sizes[sizes.length >> 1] ?? 10;
    for (const it of row) {
      // Space set between words, as a blank item or as a gap, is kept as that many ems of
      // spaces (forms and tables line up so); Latin words keep the space between them.
      const gap = text ? it.x - end : 0;
      if (/^\s+$/.test(it.str)) text += ' '.repeat(Math.max(1, Math.round((gap + it.width) / charWidth)));
      else {
        if (gap >= charWidth * 0.5) text += ' '.repeat(Math.round(gap / charWidth));
        else if (gap > charWidth * 0.15 && /[\w.,;:%)]$/.test(text) && /^[\w(]/.test(it.str)) text += ' ';
        text += it.str;
      }
      end = it.x + it.width;
    }
    return { text: text.replace(/\s+$/, ''), left: row[0].x, right: end, charWidth };
  });
}

/**
 * Lines into paragraphs: a line goes on in the next unless it stops short of the right margin
 * or the next line is indented (a new paragraph), across page breaks too.
 */
function joinPages(pages: Line[][]): PdfText {
  const all = pages.flat();
  const marginLeft = Math.min(...all.map((l) => l.left));
  const marginRight = Math.max(...all.map((l) => l.right));
  let text = '';
  const pageStarts: number[] = [];
  let prev: Line | undefined;
  for (const page of pages) {
    let first = true;
    for (const line of page) {
      if (!line.text.trim()) continue;
      if (first) {
        pageStarts.push(text.length && !continues(prev, line) ? text.length + 1 : text.length);
        first = false;
      }
      if (text) text += continues(prev, line) ? (/[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(line.text) ? ' ' : '') : '\n';
      text += line.text.trim();
      prev = line;
    }
    if (first) pageStarts.push(text.length);
  }
  return { text, pageStarts };

  function continues(a: Line | undefined, b: Line): boolean {
    if (!a) return false;
    const full = a.right >= marginRight - a.charWidth * 1.5;
    const indented = b.left > marginLeft + b.charWidth * 1.5;
    return full && !indented;
  }
}

/** The page (1-based) that offset `at` of the text lies on. */
export function pageAt(pageStarts: readonly number[], at: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
