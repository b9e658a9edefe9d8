import crypto from 'node:crypto';
import path from 'node:path';
import type { ReportMeta } from '../../model/types';
import { IngestError } from '../errors';
import { looksLikeHtml } from '../html';
import { isLegacyOffice, readDocx } from './docx';
import { decodeBytes } from './encoding';
import { readPage } from './page';
import { readPdf } from './pdf';
import type { Provenance } from './provenance';

export type Format = 'txt' | 'html' | 'pdf' | 'docx';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const TYPES: Record<Format, string> = {
  txt: 'text/plain',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The file extensions the CLI and the API take. */
export const REPORT_EXTENSIONS = /\.(txt|html?|pdf|docx)$/i;

export interface ReadDocument {
  /** The stored text: what quotes and offsets refer to. */
  text: string;
  /** Metadata the file states outside its text (a page's title and date). */
  given: Partial<ReportMeta>;
  provenance: Provenance;
}

export interface DocumentFile {
  bytes: Uint8Array;
  /** File name or URL path: its extension names the format when the bytes do not. */
  name: string;
  /** The HTTP Content-Type, when fetched. */
  contentType?: string;
  source?: string;
  retrievedAt?: string;
}

/**
 * Any report file → its text and where it came from. The format is read from the bytes
 * (PDF, ZIP, OLE2 signatures), then the Content-Type, then the extension; a legacy .doc is
 * refused (nothing maintained reads it), as is a format we do not know.
 */
export async function readDocument(f: DocumentFile): Promise<ReadDocument> {
  const name = path.basename(f.name.split(/[?#]/)[0]) || f.name;
  if (f.bytes.length > MAX_FILE_BYTES) throw new IngestError('TOO_LARGE', `${name} is ${(f.bytes.length / 1048576).toFixed(1)} MB; the limit for a report file is 20 MB`);
  if (!f.bytes.length) throw new IngestError('EMPTY', `${name} is empty (0 bytes)`);
  const format = formatOf(f.bytes, name, f.contentType);
  const given: Partial<ReportMeta> = {};
  let text: string;
  let pageStarts: number[] | undefined;
  let charset: string | undefined;
  if (format === 'pdf') ({ text, pageStarts } = await readPdf(f.bytes, name));
  else if (format === 'docx') text = await readDocx(f.bytes, name);
  else {
    const d = decodeBytes(f.bytes, { contentType: f.contentType, html: format === 'html', name });
    charset = d.charset;
    if (format === 'html' || looksLikeHtml(d.text)) {
      const page = readPage(d.text);
      text = page.text;
      if (page.title) given.title = page.title;
      if (page.publishedOn) given.publishedOn = page.publishedOn;
    } else text = d.text;
  }
  const provenance: Provenance = {
    format: format === 'txt' && looksLikeHtml(text) ? 'html' : format,
    original: { name, type: TYPES[format], bytes: f.bytes.length, sha256: crypto.createHash('sha256').update(f.bytes).digest('hex') },
    charset,
    pageStarts,
    source: f.source,
    retrievedAt: f.retrievedAt,
  };
  return { text, given, provenance };
}

export function formatOf(bytes: Uint8Array, name: string, contentType?: string): Format {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (isLegacyOffice(bytes) || ext === 'doc' || type === 'application/msword') {
    throw new IngestError('UNSUPPORTED_FORMAT', `${name} is a legacy Word 97–2003 .doc file, which cannot be read reliably: open it in Word or LibreOffice and save it as .docx or PDF`);
  }
  if (b.indexOf('%PDF-') >= 0 || ext === 'pdf' || type === 'application/pdf') return 'pdf';
  if (b.readUInt32BE(0) === 0x504b0304 || ext === 'docx' || type === TYPES.docx) {
    if (ext && !['docx', 'html', 'htm', 'txt'].includes(ext) && type !== TYPES.docx) throw unsupported(name, ext);
    return 'docx';
  }
  if (ext === 'html' || ext === 'htm' || type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (ext === 'txt' || type === 'text/plain' || !ext || ext === 'shtml' || ext === 'jsp' || ext === 'php' || ext === 'aspx' || ext === 'asp') {
    // A page served without a type (or saved as .txt) is still a page.
    return /<html[\s>]|<!doctype html/i.test(b.toString('latin1')) ? 'html' : 'txt';
  }
  throw unsupported(name, ext);
}

function unsupported(name: string, ext: string | undefined): IngestError {
  return new IngestError('UNSUPPORTED_FORMAT', `${name}: .${ext} files are not read; a report is taken as .pdf, .docx, .html/.htm or .txt`);
}
