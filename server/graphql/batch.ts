/**
 * A per-request batch loader: every key asked for before the event loop next checks for I/O goes
 * to the store in one call, and each key is fetched once per request (what DataLoader does, in a
 * few lines). The flush waits for setImmediate rather than nextTick: sibling fields whose parents
 * came back in the same poll of the socket then share one batch, so the number of store calls
 * follows the query's shape rather than the order in which replies happened to arrive.
 */
export class Batch<K, V> {
  private cache = new Map<K, Promise<V>>();
  private pending: Array<{ key: K; resolve: (v: V) => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly load: (keys: K[]) => Promise<V[]>) {}

  get(key: K): Promise<V> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const p = new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
    this.cache.set(key, p);
    return p;
  }

  /** Remembers a value fetched some other way (a prefetch), unless the key is already asked for. */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  getMany(keys: readonly K[]): Promise<V[]> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const values = await this.load(batch.map((b) => b.key));
      batch.forEach((b, i) => b.resolve(values[i]));
    } catch (e) {
      batch.forEach((b) => b.reject(e));
    }
  }
}
