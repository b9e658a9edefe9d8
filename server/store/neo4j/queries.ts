import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../paths';

/** Every statement the Neo4j store runs: one file cypher/<name>.cypher each, parameterised. */
export const QUERY_NAMES = [
  'await_indexes', 'health', 'is_empty', 'stats', 'get_nodes', 'edges_out', 'edges_in', 'edges_both', 'report_texts', 'nodes_of_reports',
  'search_contains', 'search_all', 'reports', 'neighborhood', 'related_context', 'graph_version', 'ensure_graph_version',
  'write_lock', 'node_type', 'find_edition', 'remove_report', 'get_edges', 'write_nodes', 'write_edges', 'clear_graph', 'wipe_all',
  'store_meta', 'set_store_meta', 'nodes_page', 'refresh_derived', 'export_graph',
  'bulk_nodes', 'bulk_edges', 'clear_edges_batched', 'clear_nodes_batched', 'load_begin', 'load_end', 'prefetch',
  'prefetch_reports', 'prefetch_reached', 'prefetch_edges', 'prefetch_snippets', 'nodes_to_write',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export const CYPHER_DIR = path.join(ROOT, 'cypher');

/** The statements of cypher/<name>.cypher, loaded once, checked all present at start. */
export class Queries {
  private texts = new Map<QueryName, string>();

  constructor(private readonly dir = CYPHER_DIR) {
    for (const name of QUERY_NAMES) this.texts.set(name, compact(readCypher(dir, name)));
  }

  /** The statement as it is sent (compact). */
  text(name: QueryName): string {
    return this.texts.get(name)!;
  }

  /** A file of several statements (schema, load_drop_indexes) split into them (each ends with ';' at the end of a line). */
  statements(name: 'schema' | 'load_drop_indexes'): string[] {
    return splitStatements(readCypher(this.dir, name));
  }
}

/**
 * A statement as it is sent: without comment lines, indentation and blank lines (no statement
 * has a string literal over several lines). The driver writes a statement to the socket in
 * chunks of 1,400 bytes and Neo4j reads each: the comments of the prefetch pieces made the
 * `node` query four chunks where its Cypher takes two.
 */
export function compact(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .join('\n');
}

function readCypher(dir: string, name: string): string {
  const file = path.join(dir, `${name}.cypher`);
  if (!fs.existsSync(file)) throw new Error(`missing Cypher file ${file}`);
  return fs.readFileSync(file, 'utf8');
}

export function splitStatements(source: string): string[] {
  const body = source
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
