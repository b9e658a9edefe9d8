import { IngestError } from './errors';

export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

/**
 * Refuses what is not a report of the genre before anything is written: empty text, bytes that
 * were not UTF-8, more than 2 MB, or a text with no public-security rule-of-law content.
 */
export function validateReportText(text: string): void {
  if (typeof text !== 'string' || !text.trim()) throw new IngestError('EMPTY', 'the report text is empty');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REPORT_BYTES) throw new IngestError('TOO_LARGE', `the report is ${(bytes / 1048576).toFixed(1)} MB; the limit is 2 MB`);
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) throw new IngestError('NOT_UTF8', `the text is not valid UTF-8 (a replacement character at offset ${bad}); save the report as UTF-8`);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw new IngestError('BINARY', 'the text contains control characters: it looks like a binary file, not a report');
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  if (cjk < 200) throw new IngestError('NOT_A_REPORT', `not a report of this genre: only ${cjk} Chinese characters (a bureau's rule-of-law report has thousands)`);
  const simplified = text;
  if (!/公安|警/.test(simplified)) throw new IngestError('NOT_A_REPORT', 'not a report of this genre: it never mentions 公安 or 警 (police)');
  if (!/法治|执法|執法|依法|法制/.test(simplified)) throw new IngestError('NOT_A_REPORT', 'not a report of this genre: it never mentions 法治, 执法, 依法 or 法制 (rule of law)');
}
