import fs from 'node:fs';
import path from 'node:path';
import { IngestError } from '../ingest/errors';
import type { ReportMeta } from '../model/types';

const REPORT_FILE = /\.(txt|html?)$/i;

/** The report files named by the arguments: files as given, folders searched, sorted. */
export function collectFiles(args: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else if (REPORT_FILE.test(p)) out.push(path.resolve(p));
  };
  for (const a of args) {
    if (!fs.existsSync(a)) throw new Error(`no such file or folder: ${a}`);
    const st = fs.statSync(a);
    if (st.isFile() && !REPORT_FILE.test(a)) throw new Error(`${a} is not a .txt, .html or .htm file`);
    walk(a);
  }
  return [...new Set(out)];
}

/** Strict UTF-8: a file in GBK or with broken bytes is refused, not silently mangled. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new IngestError('NOT_UTF8', `${path.basename(file)} is not valid UTF-8 (saved as GBK?); convert it, e.g. iconv -f GBK -t UTF-8`);
  }
}

export function readSidecar(file: string): Partial<ReportMeta> {
  const side = file.replace(REPORT_FILE, '.meta.json');
  if (!fs.existsSync(side)) return {};
  try {
    return JSON.parse(fs.readFileSync(side, 'utf8')) as Partial<ReportMeta>;
  } catch (e) {
    throw new IngestError('BAD_METADATA', `${path.basename(side)} is not valid JSON: ${(e as Error).message}`);
  }
}
