// Tells every open explorer page that the graph changed, so each refreshes without a reload: a
// version that moves after every successful write on either store (ingest, update, delete,
// curation), carried on each /graphql answer (x-graph-version) and pushed on /events as
// server-sent events. The version is "<epoch>.<n>": a restarted server never repeats one.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { GraphStore } from '../store/store';

/** At most this many pages listen at once: each holds a socket open. */
const MAX_LISTENERS = 200;
/** A comment line this often keeps proxies and the browser from timing the stream out. */
const KEEPALIVE_MS = 25000;

export type GraphChange = { op: 'write'; report: string } | { op: 'delete'; report: string } | { op: 'rebuild' };

export class GraphEvents {
  private readonly epoch = crypto.randomBytes(4).toString('hex');
  private n = 0;
  private readonly listeners = new Set<http.ServerResponse>();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  get version(): string {
    return `${this.epoch}.${this.n}`;
  }

  get listening(): number {
    return this.listeners.size;
  }

  /**
   * The same store, whose writes move the version once they succeed. Every caller (GraphQL,
   * curation) goes through it, so no write path can forget to announce itself.
   */
  watch(store: GraphStore): GraphStore {
    const events = this;
    const watched: Partial<GraphStore> = {
      async writeReport(x, opts) {
        const r = await store.writeReport(x, opts);
        if (r.created || r.replaced || opts?.replace) events.changed({ op: 'write', report: x.report.id });
        return r;
      },
      async deleteReport(id) {
        const gone = await store.deleteReport(id);
        if (gone) events.changed({ op: 'delete', report: id });
        return gone;
      },
      async rebuild(xs) {
        await store.rebuild(xs);
        events.changed({ op: 'rebuild' });
      },
    };
    return new Proxy(store, {
      get(target, key) {
        if (Object.hasOwn(watched, key)) return watched[key as keyof GraphStore];
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  changed(what: GraphChange): void {
    this.n++;
    this.send('graph', { version: this.version, ...what });
  }

  /** GET /events: the current version at once, then one `graph` event per change. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('GET /events streams graph changes (text/event-stream)');
    }
    if (this.listeners.size >= MAX_LISTENERS) {
      // The page falls back to asking after its own writes; retry later.
      res.writeHead(503, { 'retry-after': '30', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(`too many pages listen to /events (${MAX_LISTENERS})`);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 3000\nevent: hello\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
    this.listeners.add(res);
    res.on('close', () => {
      this.listeners.delete(res);
      if (!this.listeners.size && this.keepalive) {
        clearInterval(this.keepalive);
        this.keepalive = undefined;
      }
    });
    this.keepalive ??= setInterval(() => this.listeners.forEach((l) => l.write(': keepalive\n\n')), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Ends every stream (the server is stopping: they would hold it open). */
  close(): void {
    for (const l of this.listeners) l.end();
    this.listeners.clear();
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = undefined;
  }

  private send(event: string, data: object): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const l of this.listeners) l.write(frame);
  }
}
