import type { ReportMeta } from '../../model/types';
import { IngestError } from '../errors';
import { looksLikeHtml } from '../html';
import { readDocument, ReadDocument } from './index';
import { readPage } from './page';

export interface InputFields extends Partial<ReportMeta> {
  text?: string | null;
  content?: string | Uint8Array | null;
  filename?: string | null;
  contentType?: string;
  retrievedAt?: string;
}

/**
 * An ingest request's report: its text as given (a saved page read as a page), or the file in
 * `content` read by its format. Exactly one of the two.
 */
export async function readInput(input: InputFields): Promise<ReadDocument & { meta: Partial<ReportMeta> }> {
  const { text, content, filename, contentType, retrievedAt, ...meta } = input;
  const hasText = text !== undefined && text !== null;
  const hasContent = content !== undefined && content !== null;
  if (hasText === hasContent) {
    throw new IngestError('BAD_USER_INPUT', hasText
      ? 'give the report either as text or as content (a file\'s bytes, base64) with its filename, not both'
      : 'give the report as text, or as content (the file\'s bytes, base64) with its filename');
  }
  if (hasContent) {
    const bytes = typeof content === 'string' ? fromBase64(content) : content!;
    const doc = await readDocument({ bytes, name: filename || 'upload', contentType, source: meta.source, retrievedAt });
    return { ...doc, meta };
  }
  if (typeof text !== 'string') throw new IngestError('BAD_USER_INPUT', 'text must be a string');
  if (looksLikeHtml(text)) {
    const page = readPage(text);
    const given: Partial<ReportMeta> = {};
    if (page.title) given.title = page.title;
    if (page.publishedOn) given.publishedOn = page.publishedOn;
    return { text: page.text, given, provenance: { format: 'html', source: meta.source, retrievedAt }, meta };
  }
  return { text, given: {}, provenance: { format: 'txt', source: meta.source, retrievedAt }, meta };
}

function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new IngestError('BAD_USER_INPUT', 'content is not base64: send the file\'s bytes base64-encoded');
  return Buffer.from(clean, 'base64');
}
