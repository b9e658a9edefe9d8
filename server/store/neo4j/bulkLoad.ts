import type { Extraction } from '../../model/types';
import { int } from './driver';
import { BulkOptions, inPool, LoadBatch, loadBatches } from './bulkBatches';
import { danglingEdges, mergeExtractions } from './bulkMerge';
import { halfLoaded } from './errors';
import type { QueryName } from './queries';
import type { Run } from './sessions';

/** What the bulk load needs of the store: its transactions, its schema statements, and where it says the graph is half-written. */
export interface LoadTarget {
  uri: string;
  bulk: BulkOptions;
  write<T>(work: (run: Run) => Promise<T>): Promise<T>;
  autoCommit(name: QueryName): Promise<void>;
  applySchema(file: 'schema' | 'load_drop_indexes'): Promise<void>;
  /** One statement of the load (the store's hook: tests make one fail). */
  writeBatch(run: Run, b: LoadBatch): Promise<void>;
  /** Set while a load over several transactions runs and after one failed; null once one completed. */
  setHalfLoaded(e: Error | null): void;
}

/**
 * Replaces the whole graph with these reports' graphs (the embedded store's rebuild: every
 * report merged in order, no edition replacement). The merge happens here, in linear time;
 * edges with an end outside the graph are refused before anything is written. A small graph
 * is written in one transaction (readers see the old graph until it commits). A large one does
 * not fit in one (Neo4j's transaction time and memory limits), so it is written in batches of
 * transactions between two markers: load_begin.cypher before the old graph is cleared,
 * load_end.cypher once every row is in. While the marker stands the graph is not served (by
 * this store: reads refused; by any store: init refuses to start, health is not ok, writes are
 * refused), so a load that fails or is killed midway never passes for a complete graph.
 */
export async function bulkLoad(t: LoadTarget, xs: Extraction[]): Promise<void> {
  const g = mergeExtractions(xs);
  const dangling = danglingEdges(g);
  if (dangling.length) throw new Error(`rebuild: ${dangling.length} of ${g.edges.size} edges have an end that is not in the graph (${dangling[0].id})`);
  const batches = loadBatches(g, t.bulk);
  const expected = { nodes: int(g.nodes.size), edges: int(g.edges.size) };
  if (g.nodes.size + g.edges.size <= t.bulk.oneTransactionRows) {
    await t.write(async (run) => {
      await run('write_lock');
      await run('clear_graph');
      for (const b of batches) await t.writeBatch(run, b);
      await endLoad(run, expected);
    });
    t.setHalfLoaded(null);
    return;
  }
  t.setHalfLoaded(halfLoaded(t.uri, new Date().toISOString(), 'this process is loading it now'));
  try {
    await t.write(async (run) => {
      await run('write_lock');
      await run('load_begin', expected);
    });
    await t.autoCommit('clear_edges_batched');
    await t.autoCommit('clear_nodes_batched');
    await t.applySchema('load_drop_indexes');
    // Two transactions in flight: the driver encodes one batch while Neo4j writes the other.
    // Every node is in before the first edge is written.
    const write = (b: LoadBatch) => t.write((run) => t.writeBatch(run, b));
    await inPool(batches.filter((b) => b.query === 'bulk_nodes'), t.bulk.concurrency, write);
    await inPool(batches.filter((b) => b.query === 'bulk_edges'), t.bulk.concurrency, write);
    await t.applySchema('schema');
    await t.write(async (run) => {
      await run('write_lock');
      await endLoad(run, expected);
    });
    t.setHalfLoaded(null);
  } catch (e) {
    t.setHalfLoaded(halfLoaded(t.uri, new Date().toISOString(), `it failed midway: ${(e as Error).message}`));
    throw e;
  }
}

/** One statement of a bulk load; every row must be written. */
export async function writeLoadBatch(run: Run, b: LoadBatch): Promise<void> {
  const [{ written }] = await run<{ written: number }>(b.query, b.params);
  if (written !== b.rows) throw new Error(`rebuild: ${b.query} wrote ${written} of ${b.rows} rows`);
}

/** Removes the loading marker if the graph holds what the load wrote; fails otherwise. */
async function endLoad(run: Run, expected: { nodes: unknown; edges: unknown }): Promise<void> {
  const [end] = await run<{ nodes: number; edges: number; complete: boolean }>('load_end', expected);
  if (!end.complete) throw new Error(`rebuild: the graph holds ${end.nodes} nodes and ${end.edges} edges, not the ${String(expected.nodes)} and ${String(expected.edges)} written`);
}
