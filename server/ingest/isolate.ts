import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Extraction, ReportMeta } from '../model/types';
import { IngestError, type IngestErrorCode } from './errors';
import { extract } from './pipeline';

/**
 * The extraction isolate: the server and the ingest CLI read reports in a worker thread of their
 * own, with a heap of its own, instead of on the thread that holds the graph.
 *  - An extraction allocates about 1.8 MB of short-lived objects, so every few reports V8 stops the
 *    thread for a young-generation collection, and that pause grows with the old generation
 *    beside it: 50 MB more of it doubled the pipeline's collections (4 ms to 9 ms each, the median
 *    report 5.8 ms to 7.2 ms). The graph's thread holds gigabytes at a national scale; the isolate
 *    holds the lexicon and the segmenter's tables.
 *  - Its young generation is sized for that work (EXTRACTION_ISOLATE): a report's garbage is
 *    collected every twenty reports or so, not every five.
 *  - Queries are answered while a report is read, and the bulk CLI reads one report while the
 *    store writes the one before.
 * The pipeline is pure (pipeline.ts), so the isolate's answer is the one the caller's thread
 * would give: only the thread differs. Where no isolate can run (the sources run unbundled, as
 * under Jest, or KG_EXTRACT_IN_THREAD=1) or it dies, reports are read on the caller's thread.
 */
export const EXTRACTION_ISOLATE = {
  // 64 MB semi-spaces (V8 sizes the young generation at three of them): a report's garbage is
  // collected about every twenty reports. The bench's pipeline section, interleaved at load 2:
  // 4.97 / 4.79 / 5.68 ms per report here against 4.76 / 5.67 / 6.43 at 96 MB and 5.44 / 5.75 /
  // 6.15 at 48 MB (V8's default); 384 MB was no better. It costs up to ~200 MB of memory while
  // reports are being read.
  maxYoungGenerationSizeMb: 192,
  // A report is at most a few MB of text; the lexicon, segmenter and caches take about 60 MB.
  maxOldGenerationSizeMb: 1024,
};

export interface IsolateRequest {
  id: number;
  text: string;
  meta: Partial<ReportMeta>;
}

export type IsolateReply =
  | { id: number; x: Extraction; error?: undefined }
  | { id: number; x?: undefined; error: { name: string; code?: string; message: string; stack?: string } };

interface Waiting {
  text: string;
  meta: Partial<ReportMeta>;
  resolve: (x: Extraction) => void;
  reject: (e: Error) => void;
}

/** Reads reports in one worker thread, in the order asked; started at the first report. */
export class Extractor {
  private worker?: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  // A worker that dies before answering anything is not started again: its script cannot run here.
  private answered = false;
  private broken = false;

  constructor(private readonly script: string, private readonly limits = EXTRACTION_ISOLATE) {}

  extract(text: string, meta: Partial<ReportMeta>): Promise<Extraction> {
    if (this.broken) return inThread(text, meta);
    const w = this.start();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      // Referenced only while a report is out: an idle isolate never keeps the process alive.
      if (!this.waiting.size) w.ref();
      this.waiting.set(id, { text, meta, resolve, reject });
      // The text stays here: the extraction comes back without it and gets it again (no second copy).
      w.postMessage({ id, text, meta } satisfies IsolateRequest);
    });
  }

  /** Stops the worker; reports still out are read on this thread. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.readHere();
    if (w) await w.terminate();
  }

  private readHere(): void {
    const jobs = [...this.waiting.values()];
    this.waiting.clear();
    for (const j of jobs) inThread(j.text, j.meta).then(j.resolve, j.reject);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { resourceLimits: this.limits });
    w.unref();
    w.on('message', (r: IsolateReply) => {
      const job = this.waiting.get(r.id);
      if (!job) return;
      this.waiting.delete(r.id);
      this.answered = true;
      if (!this.waiting.size) w.unref();
      if (r.error) job.reject(rebuilt(r.error));
      else job.resolve({ ...r.x, text: job.text });
    });
    // Out of memory on an odd report, or a crash: what was waiting is read here instead.
    const lost = () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.answered) this.broken = true;
      this.readHere();
    };
    w.on('error', lost);
    w.on('exit', lost);
    this.worker = w;
    return w;
  }
}

function inThread(text: string, meta: Partial<ReportMeta>): Promise<Extraction> {
  return new Promise((resolve) => resolve(extract(text, meta)));
}

// The worker's error as the caller's thread would have thrown it: an IngestError keeps its code.
function rebuilt(e: NonNullable<IsolateReply['error']>): Error {
  const out = e.name === 'IngestError' && e.code ? new IngestError(e.code as IngestErrorCode, e.message) : new Error(e.message);
  if (e.stack) out.stack = e.stack;
  return out;
}

/**
 * dist/server/extractor.js beside the running bundle (dist/server/main.js, dist/server/cli/*.js);
 * null when this code is not running from the bundle, since a dist built earlier would read
 * reports with older code than the caller's.
 */
export function isolateScript(from = __filename): string | null {
  if (process.env.KG_EXTRACT_IN_THREAD === '1' || !from.endsWith('.js')) return null;
  const dir = path.dirname(from);
  for (const f of [path.join(dir, 'extractor.js'), path.join(dir, '..', 'extractor.js')]) if (fs.existsSync(f)) return f;
  return null;
}

let shared: Extractor | null | undefined;

/** The pipeline for one report, in the extraction isolate when there is one. */
export function extractOffThread(text: string, meta: Partial<ReportMeta>): Promise<Extraction> {
  if (shared === undefined) {
    const script = isolateScript();
    shared = script ? new Extractor(script) : null;
  }
  return shared ? shared.extract(text, meta) : inThread(text, meta);
}

/** Stops the isolate (a server closing); the next report starts it again. */
export async function closeExtractor(): Promise<void> {
  const e = shared;
  shared = undefined;
  await e?.close();
}
