import { EDGE_TYPES, GraphNode, NODE_TYPES, NodeType } from '../../model/types';
import type { Plan, PlannedWalk, Prefetched, Step } from '../plan';
import { labelOf, NodeRow, toNode } from './mapping';

/**
 * The statement that answers a plan (server/store/plan.ts): cypher/prefetch.cypher with its two
 * marked places filled (see that file): the id tree of every planned walk as nested pattern
 * comprehensions, the way @neo4j/graphql compiles a nested query, and one UNION branch per walk
 * listing the nodes it reaches, each projected once. The start ids stay the only parameter; the
 * only names spliced in are edge types and labels, taken from the schema's EDGE_TYPES and
 * NODE_TYPES and checked against them, never a request's value.
 */
export function prefetchStatement(plan: Plan, template: string): string {
  if (!template.includes(WALKS) || !template.includes(REACHED)) throw new Error('prefetch: cypher/prefetch.cypher lost its /*walks*/ or /*reached*/ mark');
  let vars = 0;
  const fresh = () => `n${++vars}`;

  // The id tree: each node as {id, w0: [...], w1: [...]}, a walk of k steps nested k lists deep.
  const walksOf = (v: string, p: Plan): string => p.walks.map((w, i) => `, w${i}: ${treeOf(v, w)}`).join('');
  const treeOf = (v: string, w: PlannedWalk): string => {
    const hops = (at: string, [step, ...rest]: readonly Step[]): string => {
      const x = fresh();
      return `[${pattern(at, step, x)} | ${rest.length ? hops(x, rest) : `${x} {${w.next.full ? '.id' : slimOf(w)}${walksOf(x, w.next)}}`}]`;
    };
    const only = startsOnly(v, w.from);
    return only ? `CASE WHEN ${only} THEN ${hops(v, w.steps)} END` : hops(v, w.steps);
  };

  const tree = walksOf('n', plan);

  // The nodes reached: per walk, the chain of MATCH clauses from the start nodes to its last step.
  const branches: string[] = [];
  const reach = (chain: string, v: string, p: Plan) => {
    for (const w of p.walks) {
      let at = v;
      let clauses = chain;
      w.steps.forEach((step, i) => {
        const x = fresh();
        const only = i === 0 ? startsOnly(at, w.from) : null;
        clauses += ` MATCH ${pattern(at, step, x)}${only ? ` WHERE ${only}` : ''}`;
        at = x;
      });
      // Slim nodes came in the tree; only nodes asked for in full need a branch.
      if (w.next.full) branches.push(`UNION UNWIND starts AS n${clauses} RETURN ${at} AS m, true AS full`);
      reach(clauses, at, w.next);
    }
  };
  reach('', 'n', plan);

  return template.replace(WALKS, tree).replace(REACHED, branches.join('\n    '));
}

const WALKS = ' /*walks*/';
/**
 * A slim node in the tree: what the walk's sort and a selection of ids and names need (a hub
 * repeated costs little). The type is left out when the walk keeps one type only (reading it
 * costs a quarter of such a statement).
 */
const slimOf = (w: PlannedWalk) => (typeOfWalk(w) ? '.id, .name' : '.id, .type, .name');

/** The one type a walk's nodes can have, if it keeps one only. */
function typeOfWalk(w: PlannedWalk): NodeType | undefined {
  const to = w.steps[w.steps.length - 1].to;
  return to?.length === 1 ? to[0] : undefined;
}
const REACHED = '/*reached*/';

/** `(at)-[:T1|T2]->(x:Label1|Label2)`, or `(x:Node)` when the step keeps any type. */
function pattern(at: string, step: Step, x: string): string {
  const rel = `[:${step.types.map(edgeType).join('|')}]`;
  const target = `(${x}:${step.to?.length ? step.to.map(label).join('|') : 'Node'})`;
  return step.dir === 'out' ? `(${at})-${rel}->${target}` : `(${at})<-${rel}-${target}`;
}

/** The condition that v has one of these types, or null when every type starts the walk. */
function startsOnly(v: string, from: readonly NodeType[]): string | null {
  return NODE_TYPES.every((t) => from.includes(t)) ? null : from.map((t) => `${v}:${label(t)}`).join(' OR ');
}

function edgeType(t: string): string {
  if (!(EDGE_TYPES as readonly string[]).includes(t)) throw new Error(`prefetch: unknown edge type ${JSON.stringify(t)}`);
  return t;
}

function label(t: NodeType): string {
  if (!NODE_TYPES.includes(t)) throw new Error(`prefetch: unknown node type ${JSON.stringify(t)}`);
  return labelOf(t);
}

/** A node of the id tree: its id and one list per planned walk (null where the walk does not start from its type). */
type Tree = { id: string } & Record<string, unknown>;

/** The statement's one row as the plan's answer. A node projected without props_json is slim (only id, type and name are real). */
export function readPrefetch(ids: readonly string[], row: { roots: Array<{ id: string; tree: Tree | null }>; nodes: Array<Pick<NodeRow, 'id' | 'type' | 'name'> & Partial<NodeRow>> }, plan: Plan): Prefetched {
  const nodes = new Map<string, GraphNode>();
  const slim = new Set<string>();
  const add = (r: Pick<NodeRow, 'id' | 'type' | 'name'> & Partial<NodeRow>) => {
    const full = r.props_json !== undefined;
    if (nodes.has(r.id) && (!full || !slim.has(r.id))) return;
    if (full) slim.delete(r.id);
    else slim.add(r.id);
    nodes.set(r.id, toNode({ aliases: null, props_json: null, mReport: null, mStart: null, mEnd: null, ...r }));
  };
  for (const r of row.nodes) add(r);
  const walks = new Map<string, string[]>();
  // A node can stand at several places of the plan (two fields reach it): each place's walks are read once per node.
  const done = new Map<PlannedWalk, Set<string>>();
  const visit = (t: Tree, p: Plan) => {
    p.walks.forEach((w, i) => {
      const value = t[`w${i}`];
      if (value === null || value === undefined) return;
      if (!done.has(w)) done.set(w, new Set());
      if (done.get(w)!.has(t.id)) return;
      done.get(w)!.add(t.id);
      const reached = (value as unknown[]).flat(w.steps.length - 1) as Tree[];
      const unique = new Set<string>();
      const type = typeOfWalk(w);
      for (const r of reached) {
        unique.add(r.id);
        if (r.name !== undefined && !nodes.has(r.id)) add({ ...(r as unknown as NodeRow), type: (r.type as NodeType | undefined) ?? type! });
        visit(r, w.next);
      }
      walks.set(`${t.id}|${w.key}`, [...unique]);
    });
  };
  const roots = new Map<string, GraphNode | null>();
  for (const r of row.roots) {
    if (r.tree) visit(r.tree, plan);
    roots.set(r.id, r.tree ? nodes.get(r.tree.id) ?? null : null);
  }
  return { roots: ids.map((id) => roots.get(id) ?? null), nodes, slim, walks };
}
