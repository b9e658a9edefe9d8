import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, getNullableType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  GraphQLType, isAbstractType, isCompositeType, isListType, Kind, OperationDefinitionNode, SchemaMetaFieldDef, SelectionSetNode,
  TypeMetaFieldDef, ValueNode,
} from 'graphql';
import { LIMITS } from '../graphql/resolvers';

/** What a query asks for, measured on its text before anything runs. */
export interface Measure {
  /** Fields weighted by the list sizes they sit under: a bound on the answer's size. */
  cost: number;
  /** Deepest nesting of fields, introspection excepted (GraphiQL's type walk is deep but fixed). */
  depth: number;
  /** Fields after fragments are expanded. */
  fields: number;
  aliases: number;
  directives: number;
  /**
   * How much code graphql-jit would generate: a field of an abstract type is compiled once per
   * type it can be, so nesting through the Node interface multiplies (14 types a level).
   */
  compiled: number;
}

// Lists without a size argument: what a typical answer holds. A node's relations are the
// longest (hubs have thousands); the rest are typed relations, mentions and small catalogues.
const UNSIZED_LIST = 10;
const UNSIZED = new Map<string, number>([['edges', 50]]);
/** A report's text is kilobytes where other fields are words. */
const FIELD_WEIGHT = new Map<string, number>([['Report.text', 100]]);

type Variables = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  defaults: Map<string, ValueNode>;
  memo: Map<string, Measure>;
  /** The variables the measure depended on. */
  reads: Set<string>;
}

const zero = (): Measure => ({ cost: 0, depth: 0, fields: 0, aliases: 0, directives: 0, compiled: 0 });

function add(into: Measure, m: Measure, times = 1, below = 0): void {
  into.cost += m.cost * times;
  into.fields += m.fields;
  into.aliases += m.aliases;
  into.directives += m.directives;
  into.compiled += m.compiled;
  into.depth = Math.max(into.depth, m.depth + below);
}

/** An integer argument's value, from the literal, the variable, the variable's default or the schema's default. */
function intArg(w: Walk, field: FieldNode, def: GraphQLField<unknown, unknown> | undefined, name: string): number | undefined {
  const node = field.arguments?.find((a) => a.name.value === name)?.value;
  let v: unknown;
  if (node?.kind === Kind.INT) v = Number(node.value);
  else if (node?.kind === Kind.VARIABLE) {
    w.reads.add(node.name.value);
    const own = Object.prototype.hasOwnProperty.call(w.variables, node.name.value) ? w.variables[node.name.value] : undefined;
    const d = w.defaults.get(node.name.value);
    v = own ?? (d?.kind === Kind.INT ? Number(d.value) : undefined);
  }
  if (v === undefined || v === null) v = def?.args.find((a) => a.name === name)?.defaultValue;
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(1, Math.floor(v)) : undefined;
}

/** How many ids a `nodes(ids:)` asks for. */
function listArgLength(w: Walk, field: FieldNode, name: string): number | undefined {
  const node = field.arguments?.find((a) => a.name.value === name)?.value;
  if (node?.kind === Kind.LIST) return node.values.length;
  if (node?.kind === Kind.VARIABLE) {
    w.reads.add(node.name.value);
    const v = Object.prototype.hasOwnProperty.call(w.variables, node.name.value) ? w.variables[node.name.value] : undefined;
    if (Array.isArray(v)) return v.length;
  }
  return undefined;
}

/** Items a list field can return, bounded as its resolver bounds them; `inherited` is a parent's `limit` (Subgraph lists). */
function listSize(w: Walk, field: FieldNode, parent: string, def: GraphQLField<unknown, unknown> | undefined, inherited: number | undefined): number {
  const name = field.name.value;
  if (name === 'nodes' && parent === 'Query') return Math.min(listArgLength(w, field, 'ids') ?? LIMITS.first, LIMITS.first);
  const first = intArg(w, field, def, 'first');
  if (first !== undefined) return Math.min(first, LIMITS.first);
  if (inherited !== undefined) return inherited;
  if (name === 'types' && parent === '__Schema') return Object.keys(w.schema.getTypeMap()).length;
  return UNSIZED.get(name) ?? UNSIZED_LIST;
}

/** The object types a value of this type is compiled for. */
function variants(schema: GraphQLSchema, t: GraphQLNamedType | undefined): number {
  return t && isAbstractType(t) ? schema.getPossibleTypes(t).length : 1;
}

function fieldDef(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema' && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === '__type' && parent === schema.getQueryType()) return TypeMetaFieldDef;
  return parent && isCompositeType(parent) && 'getFields' in parent ? parent.getFields()[name] : undefined;
}

function measureField(w: Walk, field: FieldNode, parent: GraphQLNamedType | undefined, inherited: number | undefined, introspection: boolean): Measure {
  const m = zero();
  const name = field.name.value;
  const def = fieldDef(w.schema, parent, name);
  const inside = introspection || name.startsWith('__');
  m.fields = 1;
  m.aliases = field.alias ? 1 : 0;
  m.directives = field.directives?.length ?? 0;
  m.cost = FIELD_WEIGHT.get(`${parent?.name}.${name}`) ?? 1;
  m.depth = inside ? 0 : 1;
  m.compiled = 1;
  if (!field.selectionSet) return m;
  const type: GraphQLType | undefined = def?.type;
  let size = 1;
  let t = type && getNullableType(type);
  while (t && isListType(t)) {
    size *= listSize(w, field, parent?.name ?? '', def, inherited);
    t = getNullableType(t.ofType);
  }
  const named = type ? getNamedType(type) : undefined;
  // neighborhood: `limit` bounds the lists of the Subgraph it returns, `depth` the walks made.
  const limit = intArg(w, field, def, 'limit');
  const depth = intArg(w, field, def, 'depth') ?? 1;
  const sub = measureSet(w, field.selectionSet, named, limit !== undefined ? Math.min(limit, LIMITS.neighborhood) : undefined, inside);
  m.cost += size * depth * sub.cost;
  m.fields += sub.fields;
  m.aliases += sub.aliases;
  m.directives += sub.directives;
  m.compiled += variants(w.schema, named) * sub.compiled;
  m.depth += sub.depth;
  return m;
}

/**
 * Sums a selection set. A named fragment is measured once per request and reused at every
 * spread, so a fragment spread twice in each of 30 nested fragments costs 30 walks, not 2^30.
 */
function measureSet(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType | undefined, inherited: number | undefined, introspection: boolean): Measure {
  const m = zero();
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) add(m, measureField(w, sel, parent, inherited, introspection));
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      m.directives += sel.directives?.length ?? 0;
      const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      add(m, measureSet(w, sel.selectionSet, t ?? undefined, inherited, introspection));
    } else {
      m.directives += sel.directives?.length ?? 0;
      add(m, fragment(w, sel.name.value, inherited, introspection));
    }
  }
  return m;
}

function fragment(w: Walk, name: string, inherited: number | undefined, introspection: boolean): Measure {
  const key = `${name}|${inherited ?? ''}|${introspection}`;
  const known = w.memo.get(key);
  if (known) return known;
  // A cycle (refused by validation later) counts as nothing while it is being measured.
  w.memo.set(key, zero());
  const f = w.fragments.get(name);
  const m = f ? measureSet(w, f.selectionSet, w.schema.getType(f.typeCondition.name.value) ?? undefined, inherited, introspection) : zero();
  if (f) m.directives += f.directives?.length ?? 0;
  w.memo.set(key, m);
  return m;
}

/** The operations a request can run: the one named, or every one when the name does not pick one. */
function operations(doc: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode[] {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const named = operationName ? ops.filter((o) => o.name?.value === operationName) : [];
  return named.length ? named : ops;
}

/**
 * The largest measure among the operations the request may run (each figure its own maximum).
 * `reads` collects the variables it depended on (sizes given as `first: $n`).
 */
export function measureQuery(schema: GraphQLSchema, doc: DocumentNode, operationName?: string | null, variables?: unknown, reads = new Set<string>()): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const vars: Variables = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Variables) : {};
  const worst = zero();
  for (const op of operations(doc, operationName)) {
    const defaults = new Map<string, ValueNode>();
    for (const v of op.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
    const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    const w: Walk = { schema, fragments, variables: vars, defaults, memo: new Map(), reads };
    const m = measureSet(w, op.selectionSet, root ?? undefined, undefined, false);
    m.directives += (op.directives?.length ?? 0) + (op.variableDefinitions ?? []).reduce((s, v) => s + (v.directives?.length ?? 0), 0);
    for (const k of Object.keys(worst) as Array<keyof Measure>) worst[k] = Math.max(worst[k], m[k]);
  }
  return worst;
}

/** What of a variable's value a measure depends on: a number, or a list's length. */
function sizeKey(v: unknown): string {
  return typeof v === 'number' ? String(v) : Array.isArray(v) ? `#${v.length}` : typeof v;
}

/**
 * measureQuery remembered per document, operation and the values of the variables it read: a
 * repeated query (most are) is measured once, not on every request.
 */
export function measureCache(schema: GraphQLSchema) {
  const byDoc = new WeakMap<DocumentNode, Map<string, { reads: string[]; byValues: Map<string, Measure> }>>();
  return (doc: DocumentNode, operationName: string | null | undefined, variables: unknown): Measure => {
    const vars = (variables && typeof variables === 'object' ? variables : {}) as Variables;
    let byOp = byDoc.get(doc);
    if (!byOp) byDoc.set(doc, (byOp = new Map()));
    const op = operationName ?? '';
    let entry = byOp.get(op);
    const key = (reads: string[]) => reads.map((r) => sizeKey(Object.prototype.hasOwnProperty.call(vars, r) ? vars[r] : undefined)).join('|');
    const hit = entry?.byValues.get(key(entry.reads));
    if (hit) return hit;
    const reads = new Set<string>();
    const m = measureQuery(schema, doc, operationName, variables, reads);
    if (!entry) byOp.set(op, (entry = { reads: [...reads], byValues: new Map() }));
    // A few sizes per query are what clients send; more are measured each time.
    if (entry.byValues.size < 16) entry.byValues.set(key(entry.reads), m);
    return m;
  };
}
