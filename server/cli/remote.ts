import type { ReportMeta, TypeCount } from '../model/types';

const MUTATION = `mutation($input: IngestReportInput!) { ingestReport(input: $input) {
  created warnings counts { type count } report { id year agency { name } } } }`;

export interface RemoteResult {
  created: boolean;
  warnings: string[];
  counts: TypeCount[];
  report: { id: string; year: number | null; agency: { name: string } | null };
}

/** A running server's base URL from what a user gave --server (http://host:port, with or without /graphql). */
export function serverBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--server needs a URL such as http://127.0.0.1:4000, not "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--server needs an http:// or https:// URL, not "${url}"`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '')}`;
}

/** fetch, with a server that cannot be reached said in words rather than "fetch failed". */
export async function askServer(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code === 'ECONNREFUSED' ? 'connection refused' : cause?.code === 'ENOTFOUND' ? 'no such host' : cause?.message ?? (e as Error).message;
    throw new Error(`cannot reach the server at ${new URL(url).origin} (${why}): is it running? (npm start)`);
  }
}

/** The reasons in a server's error answer ({ errors: [{ message }] }), else the start of its text. */
export function errorReasons(body: string): string {
  try {
    const errors = (JSON.parse(body) as { errors?: Array<{ message?: string }> }).errors;
    if (errors?.length) return errors.map((e) => e.message).join('; ');
  } catch {
    /* not JSON: say what it was */
  }
  return body.slice(0, 300);
}

/** Sends one report (its text, or a file's bytes in base64 with its name) to a running server's ingestReport mutation. */
export async function postToServer(url: string, token: string | undefined, input: Partial<ReportMeta> & { text?: string; content?: string; filename?: string; retrievedAt?: string }): Promise<RemoteResult> {
  if (!token) throw new Error('--server needs the write token in KG_WRITE_TOKEN');
  const endpoint = `${serverBase(url)}/graphql`;
  const { province: _p, ...fields } = input;
  const res = await askServer(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: MUTATION, variables: { input: fields } }),
  });
  const body = (await res.json()) as { data?: { ingestReport: RemoteResult }; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!.ingestReport;
}
