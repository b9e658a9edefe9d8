import type { ReportMeta, TypeCount } from '../model/types';

const MUTATION = `mutation($input: IngestReportInput!) { ingestReport(input: $input) {
  created warnings counts { type count } report { id year agency { name } } } }`;

export interface RemoteResult {
  created: boolean;
  warnings: string[];
  counts: TypeCount[];
  report: { id: string; year: number | null; agency: { name: string } | null };
}

/** Sends one report (its text, or a file's bytes in base64 with its name) to a running server's ingestReport mutation. */
export async function postToServer(url: string, token: string | undefined, input: Partial<ReportMeta> & { text?: string; content?: string; filename?: string; retrievedAt?: string }): Promise<RemoteResult> {
  if (!token) throw new Error('--server needs the write token in KG_WRITE_TOKEN');
  const endpoint = url.replace(/\/+$/, '').replace(/(\/graphql)?$/, '/graphql');
  const { province: _p, ...fields } = input;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: MUTATION, variables: { input: fields } }),
  });
  const body = (await res.json()) as { data?: { ingestReport: RemoteResult }; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!.ingestReport;
}
