import mammoth from 'mammoth';
import { IngestError } from '../errors';

/**
 * A Word (.docx) file's text: its paragraphs in document order, one a line (tables' cells come
 * as paragraphs too). Mammoth reads the document body only, not headers, footers or comments.
 */
export async function readDocx(bytes: Uint8Array, name = 'the Word file'): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.readUInt32BE(0) !== 0x504b0304) throw new IngestError('UNREADABLE', `${name} is not a .docx (Office Open XML) file: it is not a ZIP package`);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer })).value;
  } catch (e) {
    throw new IngestError('UNREADABLE', `${name} cannot be read as a .docx: ${(e as Error).message}`);
  }
  return raw.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

/** The signature of an OLE2 compound file: Word 97–2003 .doc (and .xls, .ppt). */
export function isLegacyOffice(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
