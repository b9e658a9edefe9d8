import { EDGE_TYPES, EdgeType, GraphEdge, GraphNode, NODE_TYPES, NodeType } from '../../model/types';
import type { Plan, PlannedWalk, Prefetched, Step } from '../plan';
import { labelOf, mentionsOf, nodeOfList, type NodeList, propsOf, storedSnippets } from './mapping';
import { byId } from '../rules/order';

/**
 * The statement that answers a plan (server/store/plan.ts): cypher/prefetch.cypher with its
 * marked places filled (see that file): the id tree of every planned walk as nested pattern
 * comprehensions, the way @neo4j/graphql compiles a nested query, and, for the walks whose nodes
 * are asked for in full, one UNION branch each listing the nodes it reaches
 * (prefetch_reached.cypher). The start ids stay the only parameter; the only names spliced in
 * are edge types and labels, taken from the schema's EDGE_TYPES and NODE_TYPES and checked
 * against them, never a request's value.
 */
export function prefetchStatement(plan: Plan, template: string, pieces?: PrefetchPieces): string {
  for (const mark of [WALKS, REACHED, REPORTS, SLIM_STARTS, FULL_NODES, EXTRAS]) if (!template.includes(mark)) throw new Error(`prefetch: cypher/prefetch.cypher lost its ${mark.trim()} mark`);
  let vars = 0;
  const fresh = () => `n${++vars}`;

  // The tree: each node as a list, [id, name, type, ...one list per walk], the name and type only
  // where the node is slim (the type only where the walk keeps more than one type): a walk of k
  // steps nested k lists deep. Lists, not maps: no key is sent, and decoding a map's keys costs
  // the driver about as much as its values (a third of such a statement's time).
  // `known`: the types v can have (the last step's), so a walk from all of them needs no CASE.
  const walksOf = (v: string, p: Plan, known?: readonly NodeType[]): string => p.walks.map((w) => `, ${treeOf(v, w, known)}`).join('');
  const treeOf = (v: string, w: PlannedWalk, known?: readonly NodeType[]): string => {
    const hops = (at: string, [step, ...rest]: readonly Step[]): string => {
      const x = fresh();
      return `[${pattern(at, step, x)} | ${rest.length ? hops(x, rest) : `[${x}.id${w.next.full ? '' : slimOf(w, x)}${walksOf(x, w.next, w.steps[w.steps.length - 1].to)}]`}]`;
    };
    const only = startsOnly(v, w.from, known);
    return only ? `CASE WHEN ${only} THEN ${hops(v, w.steps)} END` : hops(v, w.steps);
  };

  const tree = walksOf('n', plan);

  // The nodes reached in full: per walk, the chain of MATCH clauses from the start nodes to its last step.
  const branch = (from: string, clauses: string, at: string) => `UNWIND ${from} AS n${clauses} RETURN ${at} AS m`;
  const branches: string[] = [];
  const reach = (chain: string, v: string, p: Plan, known?: readonly NodeType[], from = 'starts') => {
    for (const w of p.walks) {
      let at = v;
      let clauses = chain;
      w.steps.forEach((step, i) => {
        const x = fresh();
        const only = i === 0 ? startsOnly(at, w.from, known) : null;
        clauses += ` MATCH ${pattern(at, step, x)}${only ? ` WHERE ${only}` : ''}`;
        at = x;
      });
      // Slim nodes came in the tree; only nodes asked for in full need a branch.
      if (w.next.full) branches.push(branch(from, clauses, at));
      reach(clauses, at, w.next, w.steps[w.steps.length - 1].to, from);
    }
  };
  reach('', 'n', plan);

  // The roots' reports (in full) and their walks; the roots' edges and mention snippets.
  const reports = plan.mentionReports;
  if (reports) reach('', 'n', reports, ['REPORT'], 'reps');
  const need = (piece: keyof PrefetchPieces, mark?: string): string => {
    const text = pieces?.[piece];
    if (!text || (mark && !text.includes(mark))) throw new Error(`prefetch: cypher/prefetch_${piece}.cypher is missing or lost its mark`);
    return text;
  };
  const extras: string[] = [];
  if (reports) extras.push('reportTrees');
  if (plan.edges) extras.push(need('edges', END).replace(END, plan.edges.ends === 'light' ? '' : END_MENTIONS));
  if (plan.snippets) extras.push(need('snippets'));
  // The nodes in full: the start nodes where the plan asks more of them than id, type and name, the reports, the nodes reached.
  const full = (plan.full ? 'starts' : '[]') + (reports ? ' + reps' : '') + (branches.length ? ' + reached' : '');
  // Marks left unused go: a plan of walks only is the template without its marks.
  return template
    .replace(WALKS, tree)
    .replace(REPORTS, reports ? need('reports', REPORT_WALKS).replace(REPORT_WALKS, walksOf('n', reports, ['REPORT'])) : '')
    .replace(REACHED, branches.length ? need('reached', BRANCHES).replace(BRANCHES, branches.join('\nUNION ')).replaceAll(REPS, reports ? ', reps' : '') : '')
    .replace(SLIM_STARTS, plan.full ? '' : SLIM_PROJECTION)
    .replace(FULL_NODES, full)
    .replace(EXTRAS, extras.length ? extras.map((x) => `,\n${x}`).join('') : '')
    .replace(/\n(?=\n)/g, '');
}

/** The pieces cypher/prefetch.cypher takes at its marks for Plan.mentionReports, walks asked in full, edges and snippets. */
export interface PrefetchPieces {
  reports: string;
  reached: string;
  edges: string;
  snippets: string;
}

const REPORTS = '/*reports*/';
const REACHED = '/*reached*/';
const SLIM_STARTS = '/*starts*/';
const FULL_NODES = 'starts/*full*/';
/** The start nodes slim, before the nodes sent in full. */
const SLIM_PROJECTION = '[m IN starts | [m.id, m.type, m.name]] + ';
const EXTRAS = ' /*extras*/';
const REPORT_WALKS = ' /*report walks*/';
const BRANCHES = '/*branches*/';
const REPS = ' /*reps*/';
const END = ' /*end*/';
/** A full edge end's mentions, after its projection in prefetch_edges.cypher. */
const END_MENTIONS = ', o.mReport, o.mStart, o.mEnd';

const WALKS = ' /*walks*/';
/**
 * A slim node in the tree: what the walk's sort and a selection of ids and names need (a hub
 * repeated costs little), after its id. The type is left out when the walk keeps one type only
 * (reading it costs a quarter of such a statement).
 */
const slimOf = (w: PlannedWalk, x: string) => (typeOfWalk(w) ? `, ${x}.name` : `, ${x}.name, ${x}.type`);

/** The one type a walk's nodes can have, if it keeps one only. */
function typeOfWalk(w: PlannedWalk): NodeType | undefined {
  const to = w.steps[w.steps.length - 1].to;
  return to?.length === 1 ? to[0] : undefined;
}
/** `(at)-[:T1|T2]->(x:Label1|Label2)`, or `(x:Node)` when the step keeps any type. */
function pattern(at: string, step: Step, x: string): string {
  const rel = `[:${step.types.map(edgeType).join('|')}]`;
  const target = `(${x}:${step.to?.length ? step.to.map(label).join('|') : 'Node'})`;
  return step.dir === 'out' ? `(${at})-${rel}->${target}` : `(${at})<-${rel}-${target}`;
}

/** The condition that v has one of these types, or null when every type v can have (known, else any) starts the walk. */
function startsOnly(v: string, from: readonly NodeType[], known: readonly NodeType[] = NODE_TYPES): string | null {
  return known.every((t) => from.includes(t)) ? null : from.map((t) => `${v}:${label(t)}`).join(' OR ');
}

function edgeType(t: string): string {
  if (!(EDGE_TYPES as readonly string[]).includes(t)) throw new Error(`prefetch: unknown edge type ${JSON.stringify(t)}`);
  return t;
}

function label(t: NodeType): string {
  if (!NODE_TYPES.includes(t)) throw new Error(`prefetch: unknown node type ${JSON.stringify(t)}`);
  return labelOf(t);
}

/**
 * A node of the tree: [id, ...walks] when full, [id, name, ...walks] or [id, name, type, ...walks]
 * when slim (slimOf), each walk a list nested as deep as it has steps.
 */
type Tree = unknown[];

/** What slim nodes hold besides id, type and name: nothing, shared (no reader of a slim node looks at them). */
const NO_ALIASES: string[] = Object.freeze([]) as unknown as string[];
const NO_MENTIONS: GraphNode['mentions'] = Object.freeze([]) as unknown as GraphNode['mentions'];
const NO_PROPS: GraphNode['props'] = Object.freeze({});

/**
 * The statement's one row as the plan's answer. A node sent as [id, type, name] is slim (only
 * those are real). roots: [id asked, the node's id or null, ...its walks].
 */
export function readPrefetch(ids: readonly string[], row: PrefetchRow, plan: Plan): Prefetched {
  const nodes = new Map<string, GraphNode>();
  const slim = new Set<string>();
  // A node can come twice in row.nodes (a start node sent slim that a walk reaches in full too):
  // kept once, in full if either is. The tree's slim nodes add those not there.
  for (const r of row.nodes) {
    const id = r[0];
    if (r.length === 3) {
      if (!nodes.has(id)) {
        slim.add(id);
        nodes.set(id, { id, type: r[1], name: r[2], aliases: NO_ALIASES, mentions: NO_MENTIONS, props: NO_PROPS });
      }
    } else if (slim.delete(id) || !nodes.has(id)) nodes.set(id, nodeOfList(r));
  }
  const walks: Prefetched['walks'] = new Map();
  for (const key of walkKeysOf(plan)) walks.set(key, new Map());
  // A node can stand at several places of the plan (two fields reach it): each place's walks are read once per node.
  const done = new Map<Plan, Set<string>>();
  const visit = (id: string, t: Tree, at: number, p: Plan) => {
    let seen = done.get(p);
    if (!seen) done.set(p, (seen = new Set()));
    if (seen.has(id)) return;
    seen.add(id);
    for (let i = 0; i < p.walks.length; i++) {
      const value = t[at + i] as unknown[] | null;
      if (value === null || value === undefined) continue;
      const w = p.walks[i];
      const reached = (w.steps.length > 1 ? value.flat(w.steps.length - 1) : value) as Tree[];
      const type = typeOfWalk(w);
      // Where the walks start in a reached node's list (slimOf).
      const first = w.next.full ? 1 : type ? 2 : 3;
      const list: GraphNode[] = [];
      let anySlim = false;
      // Most lists hold one node or none (a measure's bureau): no set for those.
      const unique = reached.length > 1 ? new Set<string>() : null;
      for (const r of reached) {
        const rid = r[0] as string;
        if (unique) {
          if (unique.has(rid)) continue;
          unique.add(rid);
        }
        let n = nodes.get(rid);
        if (!n && !w.next.full) {
          slim.add(rid);
          nodes.set(rid, (n = { id: rid, type: type ?? (r[2] as NodeType), name: r[1] as string, aliases: NO_ALIASES, mentions: NO_MENTIONS, props: NO_PROPS }));
        }
        if (n) {
          list.push(n);
          anySlim ||= slim.has(rid);
        }
        if (w.next.walks.length) visit(rid, r, first, w.next);
      }
      walks.get(w.key)!.set(id, { nodes: list, slim: anySlim });
    }
  };
  const roots = new Map<string, GraphNode | null>();
  for (const r of row.roots) {
    const id = r[1] as string | null;
    if (id !== null) visit(id, r, 2, plan);
    roots.set(r[0] as string, id !== null ? nodes.get(id) ?? null : null);
  }
  if (plan.mentionReports) for (const r of row.reportTrees ?? []) visit(r[0] as string, r, 1, plan.mentionReports);
  const got: Prefetched = { roots: ids.map((id) => roots.get(id) ?? null), nodes, slim, walks };
  if (plan.edges) readEdges(got, row.rootEdges ?? [], plan.edges.ends === 'light');
  if (plan.snippets) {
    got.snippets = new Map();
    for (const [id, mSnippetAt, mSnippet] of row.snippets ?? []) {
      // The node's mentions came with it (a root whose mentions are asked is sent in full).
      const n = slim.has(id) ? undefined : nodes.get(id);
      if (n) storedSnippets(n.mentions, { mSnippetAt, mSnippet }, got.snippets);
    }
  }
  return got;
}

/** The statement's one row: the id trees and the nodes, and the columns of the plan's extras. */
export interface PrefetchRow {
  roots: Tree[];
  nodes: NodeList[];
  reportTrees?: Tree[];
  /** [root id, [[edge id, type, starts at the root, props_json, mReport, mStart, mEnd, ...the other end (EndList)], ...]] per root. */
  rootEdges?: Array<[string, EdgeList[]]>;
  /** Per node asked for: its id, and its mentions' snippets' starts and texts (null: none kept). */
  snippets?: Array<[string, number[] | null, string[] | null]>;
}

type EdgeList = [string, EdgeType, boolean, string | null, string[] | null, number[] | null, number[] | null, ...EndList];
/** The other end of an edge: id, type, name, aliases, props_json, and (full) mReport, mStart, mEnd. */
type EndList = [string, NodeType, string, string[] | null, string | null, (string[] | null)?, (number[] | null)?, (number[] | null)?];

/** Where the other end starts in an EdgeList. */
const END_AT = 7;

/** Each root's edges, out and in, in id order (edgesOf's answer), and their other ends (full: as nodes; light: apart). */
function readEdges(got: Prefetched, rows: NonNullable<PrefetchRow['rootEdges']>, light: boolean): void {
  got.edges = new Map();
  if (light) got.ends = new Map();
  for (const [id, list] of rows) {
    const out: GraphEdge[] = [];
    const inn: GraphEdge[] = [];
    for (const r of list) {
      const [eid, type, starts, props, mReport, mStart, mEnd] = r;
      const oid = r[END_AT];
      // The pattern has no direction: an edge that does not start at the root ends there; a
      // self-loop (the other end is the root) does both, and comes twice.
      const loop = oid === id;
      if (loop && out.some((e) => e.id === eid)) continue;
      const edge: GraphEdge = { id: eid, type, source: starts ? id : oid, target: starts && !loop ? oid : id, mentions: mentionsOf(mReport, mStart, mEnd), props: propsOf(props) };
      if (starts) out.push(edge);
      if (!starts || loop) inn.push(edge);
      if (loop) continue;
      const end = r.slice(END_AT) as EndList;
      if (light) got.ends!.set(oid, nodeOfList(end));
      else if (!got.nodes.has(oid)) got.nodes.set(oid, nodeOfList(end));
    }
    got.edges.set(id, { out: out.length > 1 ? out.sort(byId) : out, in: inn.length > 1 ? inn.sort(byId) : inn });
  }
}

/** The keys of every walk of a plan and of its reports' plan, at every depth, each once (made once per plan: plans are never changed). */
function walkKeysOf(plan: Plan): string[] {
  let keys = walkKeys.get(plan);
  if (!keys) {
    const all = new Set<string>();
    const add = (p: Plan) => p.walks.forEach((w) => (all.add(w.key), add(w.next)));
    add(plan);
    if (plan.mentionReports) add(plan.mentionReports);
    walkKeys.set(plan, (keys = [...all]));
  }
  return keys;
}

const walkKeys = new WeakMap<Plan, string[]>();
