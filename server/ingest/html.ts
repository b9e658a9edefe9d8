/**
 * Saved web pages → the text we store. The stored text is this output (offsets point into it),
 * so it keeps the page's words and line structure and drops markup, scripts and styles.
 */
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', times: '×', copy: '©', reg: '®', ensp: ' ', emsp: ' ', thinsp: ' ',
  laquo: '«', raquo: '»', deg: '°', yen: '¥',
};
const BLOCK = /^(p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|nav|blockquote|pre|dd|dt|dl|hr|title|td|th)$/i;

export function looksLikeHtml(s: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(s) || (/<\/(p|div|span|td)>/i.test(s) && /<(p|div|span|td)[\s>]/i.test(s));
}

export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<![^>]*>|<\?[^>]*\?>/g, '')
    // Site chrome, not the report: navigation menus and footers.
    .replace(/<(nav|footer)\b[\s\S]*?<\/\1\s*>/gi, '\n')
    .replace(/<(script|style|noscript|template|svg|iframe)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<head\b[\s\S]*?<\/head\s*>/gi, (head) => {
      const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head);
      return t ? `\n${t[1]}\n` : '\n';
    });
  s = s.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : ''));
  s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
