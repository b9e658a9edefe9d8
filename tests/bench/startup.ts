// Section 2: start-up of the real server with the seeds: `node dist/server/main.js` spawned on a
// fresh KG_DATA_DIR (extracts and writes the seeds) until it prints `listening on`; then warm
// starts on the data the first start left.
import fs from 'node:fs';
import { log, median, mb, round, rssOfPid, type Run, startServer, tempDir } from './lib';

export interface StartupResult {
  coldMedianMs: number;
  warmMedianMs: number;
  cold: number[];
  warm: number[];
  rssMB: number | null;
}

export async function runStartup(o: { runs: number; allRuns: Run[] }): Promise<StartupResult> {
  const cold: number[] = [];
  const warm: number[] = [];
  let rss: number | null = null;
  const warmDir = tempDir('start-warm');
  try {
    for (let i = 0; i < o.runs; i++) {
      const dir = i === 0 ? warmDir : tempDir('start-cold');
      const s = await startServer(dir, { env: { KG_LOG_LEVEL: 'silent' } });
      cold.push(s.readyMs);
      rss = rssOfPid(s.pid);
      const inner = /ready in (\d+) ms/.exec(s.stdout)?.[1];
      o.allRuns.push({ section: 'startup', name: 'cold start (fresh KG_DATA_DIR, seeds extracted and written)', run: i + 1, readyMs: round(s.readyMs), serverSaysMs: inner ? Number(inner) : null, rssMB: rss ? mb(rss) : null });
      await s.stop();
      if (dir !== warmDir) fs.rmSync(dir, { recursive: true, force: true });
    }
    for (let i = 0; i < o.runs; i++) {
      const s = await startServer(warmDir, { env: { KG_LOG_LEVEL: 'silent' } });
      warm.push(s.readyMs);
      const inner = /ready in (\d+) ms/.exec(s.stdout)?.[1];
      o.allRuns.push({ section: 'startup', name: 'warm start (data dir from a previous start)', run: i + 1, readyMs: round(s.readyMs), serverSaysMs: inner ? Number(inner) : null, rssMB: mb(rssOfPid(s.pid) ?? 0) });
      await s.stop();
    }
  } finally {
    fs.rmSync(warmDir, { recursive: true, force: true });
  }
  const r = { coldMedianMs: round(median(cold)), warmMedianMs: round(median(warm)), cold: cold.map((x) => round(x)), warm: warm.map((x) => round(x)), rssMB: rss ? mb(rss) : null };
  log(`start-up: cold median ${r.coldMedianMs} ms, warm median ${r.warmMedianMs} ms`);
  return r;
}
