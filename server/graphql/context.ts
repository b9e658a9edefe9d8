import type { GraphEdge, GraphNode, RelatedReform } from '../model/types';
import type { GraphStore } from '../store/store';
import type { Curation } from '../services/curation';
import type { Writers } from '../config';
import type { Budget } from './budget';
import { Batch } from './batch';

export interface Context {
  store: GraphStore;
  nodes: Batch<string, GraphNode | null>;
  /** All edges of a node in one direction, keyed "id|out" or "id|in". */
  edges: Batch<string, GraphEdge[]>;
  texts: Batch<string, string | null>;
  /** Related reforms, keyed "first|id": one store call for every reform a query asks about. */
  related: Batch<string, RelatedReform[] | null>;
  /**
   * Walks a root resolver prefetched, by stepsKey (server/store/plan.ts) then start id, in walk
   * order; slim: some of the nodes have only id, type and name.
   */
  walks: Map<string, Map<string, { nodes: GraphNode[]; slim: boolean }>>;
  /** Edge ends a root resolver prefetched light (no mentions), for end fields that ask no more (asksNoMentions). */
  ends: Map<string, GraphNode>;
  /** The text around mentions a root resolver prefetched (Prefetched.snippets), by snippetKey. */
  snippets: Map<string, { at: number; text: string }>;
  /** Every report, fetched once per request for place filters. */
  allReports?: Promise<GraphNode[]>;
  /** The nodes each report states (Report.nodes). */
  reportNodes: Batch<string, GraphNode[]>;
  /** The request's Authorization header and who may write, by token. */
  authorization?: string | null;
  writers?: Writers;
  /** A query's time and answer size left (server/graphql/budget.ts); none for writes. */
  budget?: Budget;
  /**
   * The same budget, for the store calls this context's batches make. Yoga and the fast lane copy
   * the context's fields into an object of their own (Object.assign) and set `budget` on that
   * copy, which the batches made here never see; this object is shared by the copy.
   */
  spending: { budget?: Budget };
  curation?: Curation;
  /** Store round trips this request made (tests count them). */
  calls: { count: number };
}

export function createContext(store: GraphStore, auth: { authorization?: string | null; writers?: Writers; curation?: Curation } = {}): Context {
  const calls = { count: 0 };
  const spending: { budget?: Budget } = {};
  // A query past its budget makes no more store calls, not even for fields that asked before.
  const counted = <T>(call: () => Promise<T>): Promise<T> => {
    if (spending.budget) {
      try {
        spending.budget.check();
      } catch (e) {
        return Promise.reject(e);
      }
    }
    calls.count++;
    return call();
  };
  const ctx: Context = {
    store,
    calls,
    spending,
    authorization: auth.authorization,
    writers: auth.writers,
    curation: auth.curation,
    walks: new Map(),
    ends: new Map(),
    snippets: new Map(),
    nodes: new Batch((ids) => counted(() => store.getNodes(ids))),
    texts: new Batch((ids) => counted(() => store.reportTexts(ids))),
    reportNodes: new Batch((ids) => counted(() => store.nodesOfReports(ids))),
    related: new Batch(async (keys) => {
      const byFirst = new Map<number, string[]>();
      for (const k of keys) {
        const [first, id] = [Number(k.slice(0, k.indexOf('|'))), k.slice(k.indexOf('|') + 1)];
        byFirst.set(first, [...(byFirst.get(first) ?? []), id]);
      }
      const results = new Map<string, RelatedReform[] | null>();
      for (const [first, ids] of byFirst) {
        const r = await counted(() => store.relatedReformsMany(ids, first));
        ids.forEach((id, i) => results.set(`${first}|${id}`, r[i]));
      }
      return keys.map((k) => results.get(k) ?? null);
    }),
    edges: new Batch(async (keys) => {
      const out = keys.filter((k) => k.endsWith('|out')).map((k) => k.slice(0, -4));
      const inn = keys.filter((k) => k.endsWith('|in')).map((k) => k.slice(0, -3));
      const [o, i] = await Promise.all([
        out.length ? counted(() => store.edgesOf(out, 'out')) : [],
        inn.length ? counted(() => store.edgesOf(inn, 'in')) : [],
      ]);
      const by = new Map<string, GraphEdge[]>();
      out.forEach((id, k) => by.set(`${id}|out`, o[k]));
      inn.forEach((id, k) => by.set(`${id}|in`, i[k]));
      return keys.map((k) => by.get(k) ?? []);
    }),
  };
  return ctx;
}
