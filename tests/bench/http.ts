// Section 4: HTTP throughput on the seed graph: the real server (default settings, request logs
// at info level to /dev/null) and autocannon at 32 connections in this process, a simple read query.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { gqlHttp, log, median, mb, round, rssOfPid, type Run, startServer, tempDir } from './lib';

export const HTTP_QUERY = '{ node(id: "reform:繁简分流") { id type name } }';

export interface HttpResult {
  medianRps: number;
  runs: Array<{ rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number }>;
  connections: number;
  durationS: number;
}

export async function runHttp(o: { runs: number; durationS: number; connections: number; allRuns: Run[] }): Promise<HttpResult> {
  const dir = tempDir('http');
  const s = await startServer(dir, { env: {} });
  try {
    // The query answers (and names a node that exists) before it is timed.
    const d = await gqlHttp<{ node: { id: string } | null }>(s.url, HTTP_QUERY);
    if (!d.node) throw new Error(`the throughput query finds no node on the seed graph: ${HTTP_QUERY}`);
    const request = { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: HTTP_QUERY }) };
    await autocannon({ url: s.url, connections: o.connections, duration: Math.min(2, o.durationS), requests: [request] }); // warm-up
    const runs: HttpResult['runs'] = [];
    for (let i = 0; i < o.runs; i++) {
      const r = await autocannon({ url: s.url, connections: o.connections, duration: o.durationS, requests: [request] });
      const row = { rps: round(r.requests.average, 1), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
      runs.push(row);
      o.allRuns.push({ section: 'http', name: `autocannon ${o.connections} connections, ${o.durationS} s`, run: i + 1, query: HTTP_QUERY, ...row, serverRssMB: mb(rssOfPid(s.pid) ?? 0) });
      log(`http run ${i + 1}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors + row.non2xx} errors`);
    }
    return { medianRps: round(median(runs.map((r) => r.rps)), 1), runs, connections: o.connections, durationS: o.durationS };
  } finally {
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
