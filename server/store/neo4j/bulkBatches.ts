import type { EdgeType } from '../../model/types';
import type { MergedGraph } from './bulkMerge';
import { edgeRow, labelOf, nodeRow, snippetsFrom } from './mapping';

/** How a bulk load cuts its rows. */
export interface BulkOptions {
  /** Up to this many rows (nodes + edges), the whole load is one transaction. */
  oneTransactionRows: number;
  /** Rows per statement (and per transaction when the load is split). */
  batchRows: number;
  /** A statement's rows stop here too (about what the driver sends): a hub's mention lists or report texts are large. */
  batchBytes: number;
  /** Transactions in flight at once when the load is split. */
  concurrency: number;
}

export const BULK_DEFAULTS: BulkOptions = { oneTransactionRows: 20_000, batchRows: 10_000, batchBytes: 16 * 1024 * 1024, concurrency: 2 };

type NodeRowT = ReturnType<typeof nodeRow>;
type EdgeRowT = ReturnType<typeof edgeRow>;

/** One statement of a bulk load: nodes of one label (bulk_nodes.cypher) or edges of one type (bulk_edges.cypher). */
export type LoadBatch =
  | { query: 'bulk_nodes'; params: { label: string; nodes: NodeRowT[] }; rows: number }
  | { query: 'bulk_edges'; params: { type: EdgeType; edges: EdgeRowT[] }; rows: number };

/**
 * The merged graph as statements: every node first (grouped by label, so each statement has one
 * constant label), then every edge (grouped by type, in source order so consecutive rows touch
 * the same pages), each group cut at batchRows rows or batchBytes bytes.
 */
export function loadBatches(g: MergedGraph, o: BulkOptions): LoadBatch[] {
  const out: LoadBatch[] = [];
  const byLabel = new Map<string, NodeRowT[]>();
  const snippet = snippetsFrom((id) => g.reports.get(id)?.text);
  for (const n of g.nodes.values()) {
    const label = labelOf(n.type);
    if (!byLabel.has(label)) byLabel.set(label, []);
    byLabel.get(label)!.push(nodeRow(n, g.reports.get(n.id), snippet));
  }
  for (const [label, rows] of byLabel) for (const nodes of cut(rows, o)) out.push({ query: 'bulk_nodes', params: { label, nodes }, rows: nodes.length });
  const byType = new Map<EdgeType, EdgeRowT[]>();
  for (const e of g.edges.values()) {
    if (!byType.has(e.type)) byType.set(e.type, []);
    byType.get(e.type)!.push(edgeRow(e));
  }
  for (const [type, rows] of byType) {
    rows.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    for (const edges of cut(rows, o)) out.push({ query: 'bulk_edges', params: { type, edges }, rows: edges.length });
  }
  return out;
}

/** Rows in runs of at most batchRows rows and (one row at least) batchBytes estimated bytes. */
function cut<T extends { props_json: string; mReport: string[] }>(rows: T[], o: BulkOptions): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = rowBytes(r);
    if (run.length && (run.length >= o.batchRows || bytes + size > o.batchBytes)) {
      out.push(run);
      run = [];
      bytes = 0;
    }
    run.push(r);
    bytes += size;
  }
  if (run.length) out.push(run);
  return out;
}

/** Roughly what a row weighs on the wire: its strings (UTF-8, up to 3 bytes a CJK character) and its mentions. */
function rowBytes(r: { props_json: string; mReport: string[]; text?: string | null; searchText?: string; name?: string; mSnippet?: string[] }): number {
  let chars = r.props_json.length + (r.text?.length ?? 0) + (r.searchText?.length ?? 0) * 2 + (r.name?.length ?? 0);
  for (const s of r.mSnippet ?? []) chars += s.length;
  return 100 + chars * 3 + r.mReport.length * 40;
}

/** Runs fn on every item, at most `size` at a time; fails with the first failure (after the running ones end). */
export async function inPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, worker));
  if (failed !== undefined) throw failed;
}
