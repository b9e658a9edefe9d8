/**
 * Fetching report pages politely: redirects followed (a loop is named), a timeout per try,
 * retries with doubling backoff on network errors, timeouts, 429 and 5xx (never on 404), at
 * most `perHostPerSecond` requests started per host per second, and a conditional request
 * (If-Modified-Since) for a page already retrieved.
 */
export interface FetchOptions {
  timeoutMs: number;
  retries: number;
  perHostPerSecond: number;
  backoffMs: number;
  maxRedirects: number;
}

export const FETCH_DEFAULTS: FetchOptions = { timeoutMs: 20000, retries: 3, perHostPerSecond: 2, backoffMs: 500, maxRedirects: 10 };

export interface Fetched {
  /** The final URL after redirects. */
  url: string;
  status: number;
  contentType?: string;
  bytes?: Uint8Array;
  /** 304: the page has not changed since `since`. */
  notModified: boolean;
  retrievedAt: string;
  tries: number;
}

export class FetchError extends Error {
  /** A failure that another try would not change: 404, a redirect loop, a bad URL. */
  constructor(message: string, readonly final = false) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Per host, when the last request started: the next waits until 1/perSecond after it, checked
 * again on waking (a busy event loop wakes several waiters at once; only one may go).
 */
class HostPacer {
  private last = new Map<string, number>();
  constructor(private readonly perSecond: number) {}
  async wait(host: string): Promise<void> {
    const gap = 1000 / this.perSecond;
    for (;;) {
      const now = Date.now();
      const ready = (this.last.get(host) ?? -Infinity) + gap;
      if (now >= ready) {
        this.last.set(host, now);
        return;
      }
      await sleep(ready - now);
    }
  }
}

export class Fetcher {
  private readonly pacer: HostPacer;
  readonly opts: FetchOptions;

  constructor(opts: Partial<FetchOptions> = {}) {
    this.opts = { ...FETCH_DEFAULTS, ...opts };
    this.pacer = new HostPacer(this.opts.perHostPerSecond);
  }

  async get(url: string, since?: string): Promise<Fetched> {
    let last: Error | undefined;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt) await sleep(this.opts.backoffMs * 2 ** (attempt - 1));
      try {
        const r = await this.once(url, since);
        if (r.status === 429 || r.status >= 500) {
          last = new FetchError(`HTTP ${r.status}`);
          continue;
        }
        if (r.status !== 200 && !r.notModified) throw new FetchError(`HTTP ${r.status}${r.url !== url ? ` at ${r.url}` : ''}`, true);
        return { ...r, tries: attempt + 1 };
      } catch (e) {
        if (e instanceof FetchError && e.final) throw e;
        last = e as Error;
      }
    }
    throw new FetchError(`${last?.message ?? 'failed'} (gave up after ${this.opts.retries + 1} tries)`);
  }

  /** One try: redirects followed by hand, so a loop is seen and each hop is paced. */
  private async once(url: string, since?: string): Promise<Omit<Fetched, 'tries'>> {
    const seen: string[] = [];
    let at = url;
    for (;;) {
      if (seen.includes(at)) throw new FetchError(`redirect loop: ${[...seen, at].join(' → ')}`, true);
      if (seen.length > this.opts.maxRedirects) throw new FetchError(`more than ${this.opts.maxRedirects} redirects from ${url}`, true);
      seen.push(at);
      const u = new URL(at);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError(`not an http(s) URL: ${at}`, true);
      await this.pacer.wait(u.host);
      const headers: Record<string, string> = { 'user-agent': 'policing-reform-kg ingest (research; one request at a time per site)', accept: 'text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.9,*/*;q=0.5' };
      if (since) headers['if-modified-since'] = new Date(since).toUTCString();
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), this.opts.timeoutMs);
      try {
        const res = await fetch(at, { redirect: 'manual', headers, signal: ctl.signal });
        if (res.status >= 300 && res.status < 400 && res.status !== 304) {
          const loc = res.headers.get('location');
          await res.body?.cancel();
          if (!loc) throw new FetchError(`HTTP ${res.status} without a Location`, true);
          at = new URL(loc, at).toString();
          continue;
        }
        const retrievedAt = new Date().toISOString();
        if (res.status === 304) {
          await res.body?.cancel();
          return { url: at, status: 304, notModified: true, retrievedAt };
        }
        // The body is read under the same timeout: a server that stalls mid-page times out too.
        const bytes = res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : undefined;
        if (!bytes) await res.body?.cancel().catch(() => undefined);
        return { url: at, status: res.status, contentType: res.headers.get('content-type') ?? undefined, bytes, notModified: false, retrievedAt };
      } catch (e) {
        if (ctl.signal.aborted) throw new FetchError(`timed out after ${this.opts.timeoutMs / 1000} s`);
        if (e instanceof FetchError) throw e;
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new FetchError(cause?.code ?? cause?.message ?? (e as Error).message);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

/** The URLs of a list file: one a line; blank lines and # comments skipped. */
export function parseUrlList(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean))];
}
