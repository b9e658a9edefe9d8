import { tidyText } from '../../server/ingest/html';

// The markup stripping that server/ingest/html.ts replaced (regexes, quadratic on hostile
// pages), kept as the reference its output must equal on pages it handles in reasonable time.
const BLOCK = /^(p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|nav|blockquote|pre|dd|dt|dl|hr|title|td|th)$/i;

export function legacyHtmlToText(html: string): string {
  const s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<![^>]*>|<\?[^>]*\?>/g, '')
    .replace(/<(nav|footer)\b[\s\S]*?<\/\1\s*>/gi, '\n')
    .replace(/<(script|style|noscript|template|svg|iframe)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<head\b[\s\S]*?<\/head\s*>/gi, (head) => {
      const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head);
      return t ? `\n${t[1]}\n` : '\n';
    });
  return tidyText(s.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : '')));
}
