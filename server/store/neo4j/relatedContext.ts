import { contextOf, indexReforms, ReformIndex } from '../related';
import { type NodeRow, toNode } from './mapping';
import { byId } from '../rules/order';

/** One row of related_context.cypher: a reform and the ids of its context. */
export interface ContextRow {
  reform: NodeRow;
  context: string[];
}

/** The related-reform index from every reform's context as Neo4j computed it (server/store/related.ts ranks from it). */
export function reformContexts(rows: ContextRow[]): ReformIndex {
  const reforms = rows.map((r) => toNode(r.reform)).sort(byId);
  const contexts = new Map(rows.map((r) => [r.reform.id, r.context]));
  return indexReforms(reforms, (id) => contextOf(id, contexts.get(id) ?? []));
}
