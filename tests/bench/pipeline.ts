// Section 1: the ingest pipeline (HTML to text where needed, then extract) on the seed reports
// and the test fixtures: ms per report, reports per second. Timed where the server and the ingest
// CLI run it, in a worker thread with the extraction isolate's heap (server/ingest/isolate.ts),
// not beside the bench's own heap.
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EXTRACTION_ISOLATE } from '../../server/ingest/isolate';
import { htmlToText, looksLikeHtml } from '../../server/ingest/html';
import { forgetComposedNames } from '../../server/ingest/english/compose';
import { extract } from '../../server/ingest/pipeline';
import type { ReportMeta } from '../../server/model/types';
import { log, median, ROOT, round, type Run, summary } from './lib';

interface Doc {
  file: string;
  kind: 'seed' | 'fixture';
  raw: string;
  meta: Partial<ReportMeta>;
}

function docs(): Doc[] {
  const out: Doc[] = [];
  for (const [dir, kind] of [[path.join(ROOT, 'seeds', 'reports'), 'seed'], [path.join(ROOT, 'tests', 'fixtures', 'reports'), 'fixture']] as const) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!/\.(txt|html?)$/.test(f)) continue;
      const metaFile = path.join(dir, f.replace(/\.(txt|html?)$/, '.meta.json'));
      const meta = fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Partial<ReportMeta>) : {};
      out.push({ file: `${kind === 'seed' ? 'seeds/reports' : 'tests/fixtures/reports'}/${f}`, kind, raw: fs.readFileSync(path.join(dir, f), 'utf8'), meta });
    }
  }
  return out;
}

function once(d: Doc) {
  const text = looksLikeHtml(d.raw) ? htmlToText(d.raw) : d.raw;
  return extract(text, d.meta);
}

export interface PipelineResult {
  /** Median over the two seed reports of each report's median ms. */
  seedMedianMs: number;
  /** Median over every seed-sized report (seeds and fixtures) of each report's median ms. */
  allMedianMs: number;
  reportsPerSecond: number;
  firstCallMs: number;
  perReport: Array<{ file: string; kind: string; chars: number; nodes: number; edges: number; ms: ReturnType<typeof summary>; error?: string }>;
}

/** Runs timePipeline in a worker thread of this bundle with the extraction isolate's limits. */
export function runPipeline(o: { iterations: number; runs: Run[] }): Promise<PipelineResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { role: PIPELINE_ROLE, iterations: o.iterations }, resourceLimits: EXTRACTION_ISOLATE });
    w.once('message', (m: { result: PipelineResult; runs: Run[] }) => {
      o.runs.push(...m.runs);
      resolve(m.result);
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the pipeline worker exited (${code}) without a result`)));
  });
}

const PIPELINE_ROLE = 'bench-pipeline';

/** In the bench bundle's worker thread started by runPipeline: times, posts, returns true. */
export function pipelineWorker(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== PIPELINE_ROLE) return false;
  const runs: Run[] = [];
  const result = timePipeline({ iterations: (workerData as { iterations: number }).iterations, runs });
  parentPort!.postMessage({ result, runs });
  return true;
}

function timePipeline(o: { iterations: number; runs: Run[] }): PipelineResult {
  const all = docs();
  // The first extraction loads the lexicon and the Traditional→Simplified tables.
  const t0 = performance.now();
  try {
    once(all[0]);
  } catch {
    /* reported per report below */
  }
  const firstCallMs = performance.now() - t0;
  // Steady state, as in a server ingesting report after report: every report 20 times first,
  // so the seeds (timed first) are not measured while the code is still being optimised.
  for (let pass = 0; pass < 20; pass++) {
    for (const d of all) {
      try {
        once(d);
      } catch {
        /* reported per report below */
      }
    }
  }
  const perReport: PipelineResult['perReport'] = [];
  for (const d of all) {
    const samples: number[] = [];
    let nodes = 0;
    let edges = 0;
    let error: string | undefined;
    try {
      for (let i = 0; i < 2; i++) once(d); // warm-up
      for (let i = 0; i < o.iterations; i++) {
        // Timed as a new report in a server that has read the others: the English names cache
        // emptied, then filled by every other report, so this one finds only the names it shares
        // with them (read again, a report would find all its own). Sentence cuts last one report.
        forgetComposedNames();
        for (const other of all) if (other !== d) once(other);
        const s = performance.now();
        const x = once(d);
        samples.push(performance.now() - s);
        nodes = x.nodes.length;
        edges = x.edges.length;
      }
    } catch (e) {
      error = (e as Error).message;
    }
    perReport.push({ file: d.file, kind: d.kind, chars: d.raw.length, nodes, edges, ms: summary(samples), error });
    o.runs.push({ section: 'pipeline', name: `pipeline ${d.file}`, chars: d.raw.length, nodes, edges, ...summary(samples), samples: samples.map((x) => round(x, 3)), error });
  }
  const ok = perReport.filter((r) => !r.error && r.ms.n);
  const seedMedianMs = median(ok.filter((r) => r.kind === 'seed').map((r) => r.ms.p50));
  const allMedianMs = median(ok.map((r) => r.ms.p50));
  const mean = ok.reduce((s, r) => s + r.ms.p50, 0) / Math.max(1, ok.length);
  const result = { seedMedianMs: round(seedMedianMs, 3), allMedianMs: round(allMedianMs, 3), reportsPerSecond: round(1000 / mean, 1), firstCallMs: round(firstCallMs), perReport };
  log(`pipeline: seeds median ${result.seedMedianMs} ms/report, all ${result.allMedianMs} ms, ${result.reportsPerSecond} reports/s (first call ${result.firstCallMs} ms)`);
  return result;
}
