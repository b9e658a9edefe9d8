import type { PropValue } from '../../model/types';
import { pageAt } from './pdf';

/**
 * Where a report came from, kept on its REPORT node: the original file (name, type, size,
 * sha256 of its bytes), its format, the charset it was decoded from, when it was retrieved and,
 * for a PDF, where each page starts in the stored text (so every quote has a page number).
 * Stored as flat properties, so both stores keep them as they keep any report property.
 */
export interface Provenance {
  format: string;
  original?: { name: string; type: string; bytes: number; sha256: string };
  charset?: string;
  pageStarts?: number[];
  source?: string;
  retrievedAt?: string;
}

const KEYS = ['format', 'retrievedAt', 'charset', 'originalName', 'originalType', 'originalBytes', 'originalSha256', 'pageStarts'] as const;

/** The report properties for a provenance (source is ReportMeta's, set by the pipeline). */
export function provenanceProps(p: Provenance): Record<string, PropValue> {
  const out: Record<string, PropValue> = { format: p.format };
  if (p.retrievedAt) out.retrievedAt = p.retrievedAt;
  if (p.charset) out.charset = p.charset;
  if (p.original) Object.assign(out, { originalName: p.original.name, originalType: p.original.type, originalBytes: p.original.bytes, originalSha256: p.original.sha256 });
  if (p.pageStarts) out.pageStarts = p.pageStarts.join(',');
  return out;
}

/** The provenance properties of a stored report, to carry over when its graph is re-extracted. */
export function keptProvenance(props: Record<string, PropValue>): Record<string, PropValue> {
  return Object.fromEntries(KEYS.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, props[k]]));
}

/** The original file of a stored report, as GraphQL's OriginalFile. */
export function originalOf(props: Record<string, PropValue>): Provenance['original'] | null {
  if (typeof props.originalSha256 !== 'string') return null;
  return { name: String(props.originalName ?? ''), type: String(props.originalType ?? ''), bytes: Number(props.originalBytes ?? 0), sha256: props.originalSha256 };
}

/** The page (1-based) of the original PDF that offset `at` of the stored text lies on. */
export function pageOf(props: Record<string, PropValue>, at: number): number | null {
  if (typeof props.pageStarts !== 'string' || !props.pageStarts) return null;
  return pageAt(props.pageStarts.split(',').map(Number), at);
}

/**
 * The date a government page's address carries: …/202503/t20250327_9125007.html,
 * /art/2024/3/7/art_…, /2023-01-30/…; as YYYY-MM-DD, only when it is a real date.
 */
export function dateOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const p = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const m = /(?:^|[^\d])(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)/.exec(p) ?? /\/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|[^\d])/.exec(p);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
