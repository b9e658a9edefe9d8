import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}

/** Reads a request body, giving up as soon as it passes `max` bytes. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Only the ingest mutation may send a large body. */
export function isIngestOnly(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { query?: unknown };
    const q = typeof parsed.query === 'string' ? parsed.query : '';
    const fields = q.replace(/\([^)]*\)/g, '').match(/\{\s*(\w+)/);
    return /^\s*mutation\b/.test(q) && fields?.[1] === 'ingestReport' && (q.match(/\bingestReport\b/g) ?? []).length === 1;
  } catch {
    return false;
  }
}
