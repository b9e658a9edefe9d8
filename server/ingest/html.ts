/**
 * Saved web pages → the text we store. The stored text is this output (offsets point into it),
 * so it keeps the page's words and line structure and drops markup, scripts and styles.
 *
 * Each step is one forward scan with indexOf, never a backtracking regex: a page is untrusted
 * input up to 3 MB, and `<!--`, `<nav `, `<script` or `<a ` left open a hundred thousand times
 * made the regexes this replaces rescan to the end from every opening (800 KB took 102 s).
 * The steps and their order are those regexes' (output is unchanged): comments, then
 * declarations, then site chrome, then scripts, then the head (its title kept), then tags.
 */
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', times: '×', copy: '©', reg: '®', ensp: ' ', emsp: ' ', thinsp: ' ',
  laquo: '«', raquo: '»', deg: '°', yen: '¥',
};
const BLOCK = /^(p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|nav|blockquote|pre|dd|dt|dl|hr|title|td|th)$/i;
// Site chrome, not the report: navigation menus and footers.
const CHROME = ['nav', 'footer'];
const HIDDEN = ['script', 'style', 'noscript', 'template', 'svg', 'iframe'];

export function looksLikeHtml(s: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(s) || (/<\/(p|div|span|td)>/i.test(s) && /<(p|div|span|td)[\s>]/i.test(s));
}

export function htmlToText(html: string): string {
  let s = removeComments(html);
  s = removeDeclarations(s);
  s = replaceElements(s, CHROME, () => '\n');
  s = replaceElements(s, HIDDEN, () => '');
  s = replaceElements(s, ['head'], (head) => {
    const t = titleOf(head);
    return t === undefined ? '\n' : `\n${t}\n`;
  });
  return tidyText(replaceTags(s));
}

/** Entities decoded, spaces folded, runs of blank lines made one: the last step, after markup. */
export function tidyText(s: string): string {
  s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return s
    .split('\n')
    // Runs of spaces become one; a lone ' ' is left as it is (replacing each of a million made
    // as many strings).
    .map((l) => l.replace(/[\t\u00a0\u3000][ \t\u00a0\u3000]*| [ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** `<!-- … -->`, shortest first; an unclosed one stays (as the page showed it). */
function removeComments(s: string): string {
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const open = s.indexOf('<!--', pos);
    const close = open < 0 ? -1 : s.indexOf('-->', open + 4);
    // No `-->` after this opening means none after any later one: done.
    if (close < 0) break;
    out.push(s.slice(pos, open));
    pos = close + 3;
  }
  out.push(s.slice(pos));
  return out.join('');
}

/** `<!DOCTYPE …>` and `<?xml …?>`: each ends at the first `>` after it. */
function removeDeclarations(s: string): string {
  const out: string[] = [];
  let pos = 0;
  let from = 0;
  let gt = -1;
  for (;;) {
    const lt = s.indexOf('<', from);
    if (lt < 0 || lt + 1 >= s.length) break;
    const kind = s[lt + 1];
    if (kind !== '!' && kind !== '?') {
      from = lt + 1;
      continue;
    }
    // The `>` found for an earlier `<?` that did not close is still the first one here.
    if (gt < lt + 2) gt = s.indexOf('>', lt + 2);
    if (gt < 0) break; // no `>` left: nothing further can close
    if (kind === '?' && !(gt >= lt + 3 && s[gt - 1] === '?')) {
      from = lt + 1;
      continue;
    }
    out.push(s.slice(pos, lt));
    pos = from = gt + 1;
  }
  out.push(s.slice(pos));
  return out.join('');
}

/** ASCII letters lowered, nothing else: indices stay those of `s` (toLowerCase can lengthen). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// Character tests by code: these run once per `<` of a page that may be nothing else.
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number) => isLetter(c) || (c >= 48 && c <= 57);
const isWordChar = (c: number) => isAlnum(c) || c === 95;
const isSpace = (c: string) => /\s/.test(c);

/**
 * Each `<name…` (name whole, any case) up to the first `</name>` after it (spaces allowed
 * before `>`) becomes `replace(element)`; an element never closed stays, as do the rest of
 * that name, since no later one can close either.
 */
export function replaceElements(s: string, names: string[], replace: (element: string) => string): string {
  const lower = asciiLower(s);
  const unclosed = new Set<string>();
  const out: string[] = [];
  let pos = 0;
  let from = 0;
  for (;;) {
    const lt = lower.indexOf('<', from);
    if (lt < 0) break;
    from = lt + 1;
    if (!isLetter(lower.charCodeAt(lt + 1))) continue;
    const name = names.find((n) => !unclosed.has(n) && lower.startsWith(n, lt + 1) && !isWordChar(lower.charCodeAt(lt + 1 + n.length)));
    if (!name) continue;
    const end = closingEnd(lower, name, lt + 1 + name.length);
    if (end < 0) {
      unclosed.add(name);
      continue;
    }
    out.push(s.slice(pos, lt), replace(s.slice(lt, end)));
    pos = from = end;
  }
  out.push(s.slice(pos));
  return out.join('');
}

/** Where the first `</name\s*>` at or after `from` ends, or -1. */
function closingEnd(lower: string, name: string, from: number): number {
  const close = `</${name}`;
  for (let at = lower.indexOf(close, from); at >= 0; at = lower.indexOf(close, at + 1)) {
    let k = at + close.length;
    while (k < lower.length && isSpace(lower[k])) k++;
    if (lower[k] === '>') return k + 1;
  }
  return -1;
}

/** The text of the head's first `<title…>…</title>`. */
export function titleOf(head: string): string | undefined {
  const lower = asciiLower(head);
  const open = lower.indexOf('<title');
  if (open < 0) return undefined;
  // A later `<title` could only close at or after this one's `>`: one attempt decides.
  const gt = lower.indexOf('>', open + 6);
  if (gt < 0) return undefined;
  const close = lower.indexOf('</title>', gt + 1);
  return close < 0 ? undefined : head.slice(gt + 1, close);
}

/** Every remaining tag: a newline for block elements, nothing for inline ones. */
function replaceTags(s: string): string {
  const out: string[] = [];
  let pos = 0;
  let from = 0;
  for (;;) {
    const lt = s.indexOf('<', from);
    if (lt < 0) break;
    from = lt + 1;
    let k = s[lt + 1] === '/' ? lt + 2 : lt + 1;
    const nameStart = k;
    if (!isLetter(s.charCodeAt(k))) continue;
    while (k < s.length && isAlnum(s.charCodeAt(k))) k++;
    // `<a_b>` is not a tag: the name must end at a word boundary.
    if (s[k] === '_') continue;
    const gt = s.indexOf('>', k);
    if (gt < 0) break; // no `>` left: no later `<` makes a tag either
    out.push(s.slice(pos, lt), BLOCK.test(s.slice(nameStart, k)) ? '\n' : '');
    pos = from = gt + 1;
  }
  out.push(s.slice(pos));
  return out.join('');
}
