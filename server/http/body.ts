import { Kind, parse } from 'graphql';
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

/**
 * Only the ingest mutation may send a large body: a request whose document is one operation, a
 * mutation selecting ingestReport and nothing else. The document is parsed (a name or a regular
 * expression over the text can be made to say anything).
 */
export function isIngestOnly(body: Buffer, maxTokens: number): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { query?: unknown };
    if (typeof parsed?.query !== 'string') return false;
    const doc = parse(parsed.query, { maxTokens, noLocation: true });
    if (doc.definitions.length !== 1) return false;
    const [op] = doc.definitions;
    if (op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'mutation' || op.selectionSet.selections.length !== 1) return false;
    const [field] = op.selectionSet.selections;
    return field.kind === Kind.FIELD && field.name.value === 'ingestReport' && !field.alias;
  } catch {
    return false;
  }
}
