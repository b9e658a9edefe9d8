import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

const JSON_ACCEPT = /application\/(graphql-response\+)?json/i;
/** Bodies a page on another site can send without asking the server first (a CORS "simple" request). */
const POST_TYPES = /^application\/(json|graphql-response\+json|graphql)\s*(;|$)/i;

/**
 * Whether a request to /graphql or /export may be a page on another site acting with the
 * visitor's browser, and so is refused before anything is parsed or run:
 * - an Origin header that is neither this server's nor one of KG_CORS_ORIGINS;
 * - a browser's Sec-Fetch-Site saying another site sent it (an <img>, <script> or no-cors fetch
 *   sends no Origin on GET), unless it is a top-level navigation, which only shows GraphiQL or
 *   downloads an export into the visitor's own hands;
 * - a POST whose body is not JSON (forms and text/plain need no CORS preflight);
 * - a GET query that does not ask for JSON (what <img src> and <script src> ask for).
 * Mutations never run over GET (yoga refuses them with 405).
 */
export function crossSiteRefusal(req: IncomingMessage, allowedOrigins: readonly string[], isGraphql: boolean): Refusal | undefined {
  const origin = req.headers.origin;
  const host = req.headers.host;
  const own = !!host && (origin === `http://${host}` || origin === `https://${host}`);
  const allowed = origin !== undefined && (own || allowedOrigins.includes(origin));
  if (origin !== undefined && !allowed) {
    return { status: 403, code: 'FORBIDDEN', message: `cross-origin request refused: ${origin.slice(0, 100)} is not this server and not in KG_CORS_ORIGINS` };
  }
  const site = req.headers['sec-fetch-site'];
  const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET';
  if ((site === 'cross-site' || site === 'same-site') && !allowed && !navigation) {
    return { status: 403, code: 'FORBIDDEN', message: 'cross-site request refused: the browser says another site sent it (Sec-Fetch-Site); list that origin in KG_CORS_ORIGINS to allow it' };
  }
  if (!isGraphql) return undefined;
  if (req.method === 'POST' && !POST_TYPES.test(req.headers['content-type'] ?? '')) {
    return { status: 415, code: 'BAD_REQUEST', message: 'POST /graphql needs content-type: application/json' };
  }
  const accept = req.headers.accept ?? '';
  // GET with text/html shows GraphiQL and runs nothing.
  if (req.method === 'GET' && !/text\/html/i.test(accept) && !JSON_ACCEPT.test(accept) && hasQuery(req.url)) {
    return { status: 406, code: 'BAD_REQUEST', message: 'GET /graphql runs a query only with accept: application/graphql-response+json or application/json' };
  }
  return undefined;
}

function hasQuery(url: string | undefined): boolean {
  const q = url?.indexOf('?') ?? -1;
  return q >= 0 && url!.length > q + 1;
}
