import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from '../ingest/errors';
import { REPORT_EXTENSIONS } from '../ingest/formats';
import type { ReportMeta } from '../model/types';

// .doc is collected too, so that a folder's legacy Word files are named and refused, not skipped.
const COLLECTED = /\.(txt|html?|pdf|docx|doc)$/i;

/** The report files named by the arguments: files as given, folders searched, sorted. */
export function collectFiles(args: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else if (COLLECTED.test(p)) out.push(path.resolve(p));
  };
  for (const a of args) {
    if (!fs.existsSync(a)) throw new Error(`no such file or folder: ${a}`);
    const st = fs.statSync(a);
    if (st.isFile() && !COLLECTED.test(a)) throw new Error(`${a} is not a .txt, .html, .htm, .pdf or .docx file`);
    walk(a);
  }
  return [...new Set(out)];
}

/** name.meta.json beside name.txt / .html / .pdf / .docx. */
export function readSidecar(file: string): Partial<ReportMeta> {
  const side = file.replace(REPORT_EXTENSIONS, '.meta.json').replace(/\.doc$/i, '.meta.json');
  if (side === file || !fs.existsSync(side)) return {};
  try {
    return JSON.parse(fs.readFileSync(side, 'utf8')) as Partial<ReportMeta>;
  } catch (e) {
    throw new IngestError('BAD_METADATA', `${path.basename(side)} is not valid JSON: ${(e as Error).message}`);
  }
}
