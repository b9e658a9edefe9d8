import neo4j, { Driver, ManagedTransaction } from 'neo4j-driver';
import { DRIVER_TIMING, Neo4jConfig, RETRY } from './driver';
import { toStoreError } from './errors';
import type { Queries, QueryName } from './queries';

/** Runs one named statement of cypher/ inside the current transaction. */
export type Run = <Row = Record<string, any>>(name: QueryName | Generated, params?: Record<string, unknown>) => Promise<Row[]>;

/** A statement assembled from fixed pieces for one request's plan (prefetch.ts), not a file of cypher/. */
export interface Generated {
  generated: string;
}

/**
 * How the Neo4j store talks to Neo4j: a session per call, and in it one managed transaction, one
 * auto-commit read, or one auto-commit write; driver errors become the store's errors (errors.ts).
 * What to ask is the store's; this is only how, and it counts the statements sent.
 */
export class Sessions {
  /** Cypher statements sent to Neo4j (round trips), for tests and diagnostics. */
  readonly calls = { count: 0 };

  constructor(private readonly driver: Driver, private readonly q: Queries, private readonly cfg: Neo4jConfig) {}

  close(): Promise<void> {
    return this.driver.close();
  }

  session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.cfg.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  /**
   * A read that is one statement, in an auto-commit transaction: one write to the socket and one
   * round trip (RUN and PULL together), where a managed transaction makes three (BEGIN, then RUN
   * and PULL, then COMMIT; a fifth of a small nested query's time). Retried as the driver retries
   * a managed transaction (transient errors, lost connections: from 1 s, doubling, ±20 %, while
   * less than maxTransactionRetryTime has passed), so callers see the same answers and errors.
   */
  async readOne<Row>(name: QueryName | Generated, params: Record<string, unknown>): Promise<Row[]> {
    const text = typeof name === 'string' ? this.q.text(name) : name.generated;
    const started = Date.now();
    for (let delay = RETRY.initialDelayMs; ; delay *= RETRY.multiplier) {
      const session = this.session('READ');
      try {
        this.calls.count++;
        const res = await withoutCallerStack(() => session.run(text, params, { timeout: DRIVER_TIMING.transactionTimeout }));
        return res.records.map((r) => r.toObject() as Row);
      } catch (e) {
        if (Date.now() - started > DRIVER_TIMING.maxTransactionRetryTime || !neo4j.isRetryableError(e)) throw toStoreError(e, this.cfg.uri);
      } finally {
        await session.close().catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, delay * (1 - RETRY.jitter + 2 * RETRY.jitter * Math.random())));
    }
  }

  /** One statement in an auto-commit transaction (CALL { } IN TRANSACTIONS needs one). */
  async autoCommit(name: QueryName, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.session('WRITE');
    try {
      this.calls.count++;
      await session.run(this.q.text(name), params);
    } catch (e) {
      throw toStoreError(e, this.cfg.uri);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Statements one after another in one session, each its own auto-commit transaction (schema changes need that). */
  async each(statements: ReadonlyArray<[string, Record<string, unknown>?]>): Promise<void> {
    const session = this.session('WRITE');
    try {
      for (const [text, params] of statements) {
        this.calls.count++;
        await session.run(text, params ?? {});
      }
    } catch (e) {
      throw toStoreError(e, this.cfg.uri);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** A session for this call and one managed transaction in it (the driver retries transient failures). */
  async transact<T>(mode: 'READ' | 'WRITE', work: (run: Run) => Promise<T>): Promise<T> {
    const session = this.session(mode);
    const txWork = (tx: ManagedTransaction) => {
      const run: Run = async <Row>(name: QueryName | Generated, params: Record<string, unknown> = {}) => {
        this.calls.count++;
        const res = await tx.run(typeof name === 'string' ? this.q.text(name) : name.generated, params);
        return res.records.map((r) => r.toObject() as Row);
      };
      return work(run);
    };
    const config = { timeout: DRIVER_TIMING.transactionTimeout };
    try {
      return await (mode === 'READ' ? session.executeRead(txWork, config) : session.executeWrite(txWork, config));
    } catch (e) {
      throw toStoreError(e, this.cfg.uri);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}

/**
 * Runs `start` (which must start the statement synchronously) without the stack trace the driver
 * captures for every statement to put on its errors: formatting it costs more than a small
 * read's decoding (a fifth of the JavaScript time of a `node` query). The store's errors say
 * what failed and where (errors.ts), and the statement's own frames are the driver's anyway.
 */
export function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
