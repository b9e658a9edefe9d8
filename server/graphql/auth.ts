import crypto from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Writers } from '../config';

/**
 * The name of the writer whose token the request carries: what curation records as `who`, so a
 * decision names whoever held the token, not whatever the caller typed. Throws when none matches.
 */
export function checkWriteToken(authorization: string | null | undefined, writers: Writers | undefined): string {
  if (!writers?.length) throw new GraphQLError('writes are disabled: the server has no KG_WRITE_TOKEN', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  if (!bearer(authorization)) throw new GraphQLError('this needs the header Authorization: Bearer <KG_WRITE_TOKEN>', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  // Every token is compared, so the time taken says nothing about which one came close.
  let name: string | undefined;
  for (const w of writers) if (checkToken(authorization, w.token)) name ??= w.name;
  if (!name) throw new GraphQLError('wrong write token', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  return name;
}

function bearer(authorization: string | null | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
}

/** True when the header carries this token; compared in constant time. */
export function checkToken(authorization: string | null | undefined, token: string): boolean {
  const given = bearer(authorization);
  if (!given) return false;
  // Hashing first makes both sides the same length, so the comparison leaks nothing about it.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}
