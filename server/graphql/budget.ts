import { getNamedType, getNullableType, getOperationAST, GraphQLError, GraphQLFieldResolver, GraphQLSchema, isLeafType, isListType, isObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Leaf fields (scalars and their lists) resolved between two readings of the clock. A leaf
 * costs well under a microsecond where reading the clock costs tens of nanoseconds, and a
 * depth-2 neighbourhood resolves thousands of them. Fields of object types, the ones whose
 * resolvers reach the store, read the clock every time.
 */
export const CLOCK_EVERY = 64;

/**
 * What one query may still spend: a deadline and a number of items in its answer. Every resolver
 * checks it on entry, so a query over its time stops at its next object field (or within
 * CLOCK_EVERY leaves) even when the work in between is synchronous (a timer cannot fire then), and the rest of its fields
 * fail at once instead of still doing their work after the answer was sent.
 */
export class Budget {
  items = 0;
  /** Set once the query is over budget: every later field throws it. */
  stopped?: GraphQLError;
  private readonly deadline: number;
  private ticks = 0;

  constructor(private readonly timeoutMs: number, private readonly maxItems: number) {
    this.deadline = performance.now() + timeoutMs;
  }

  /** On a leaf resolver's entry: cheap, the clock is read every CLOCK_EVERY calls. */
  checkSampled(): void {
    if (this.stopped) throw this.stopped;
    if (++this.ticks < CLOCK_EVERY) return;
    this.ticks = 0;
    if (performance.now() > this.deadline) throw this.expire();
  }

  /** Before a store call or an object field's resolver, which may take long: the clock is read every time. */
  check(): void {
    if (!this.stopped && performance.now() > this.deadline) this.expire();
    if (this.stopped) throw this.stopped;
  }

  /** Ends the query with the timeout error (also the timer's doing, when an await is what takes long). */
  expire(): GraphQLError {
    return (this.stopped ??= new GraphQLError(`query refused: it ran longer than ${this.timeoutMs} ms (KG_QUERY_TIMEOUT_MS)`, { extensions: { code: 'QUERY_TIMEOUT' } }));
  }

  count(list: unknown): void {
    if (!Array.isArray(list)) return;
    this.items += list.length;
    if (this.items > this.maxItems) {
      this.stopped ??= new GraphQLError(`query refused: its answer grew past ${this.maxItems} items (KG_MAX_COST)`, { extensions: { code: 'QUERY_LIMIT' } });
      throw this.stopped;
    }
  }
}

type Guarded = { budget?: Budget } | undefined;

const plainReads = new WeakSet<object>();

/**
 * A resolver that only reads a property of its parent (a node's nameEn, an edge's year), as a
 * field config, which graphql-tools installs as it is (a bare function it would bind, hiding
 * which it is). It is left unguarded, as graphql's default resolver is: it cannot outlast the
 * budget, and a 1M neighbourhood's edges call such readers thousands of times (the wrapper was
 * 4-5 % of that query's CPU profile).
 */
export function plainRead<F extends (...args: never[]) => unknown>(read: F): { resolve: F } {
  plainReads.add(read);
  return { resolve: read };
}

/** Puts the budget check in front of every resolver of the schema but plain reads (a context without a budget runs as before). */
export function guardResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || plainReads.has(resolve)) continue;
      const list = isListType(getNullableType(field.type));
      field.resolve = guarded(resolve, list, isLeafType(getNamedType(field.type)));
    }
  }
  return schema;
}

function guarded(resolve: GraphQLFieldResolver<unknown, unknown>, list: boolean, leaf: boolean): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, ctx, info) => {
    const budget = (ctx as Guarded)?.budget;
    if (!budget) return resolve(source, args, ctx, info);
    if (leaf) budget.checkSampled();
    else budget.check();
    const value = resolve(source, args, ctx, info);
    if (!list) return value;
    if (value instanceof Promise) return value.then((v) => (budget.count(v), v));
    budget.count(value);
    return value;
  };
}

/**
 * Gives each query a budget of time and answer items that every resolver checks, so a query
 * over either stops at its next field, and answers it with that one error; a timer ends a query
 * waiting on a slow store. Writes run to their end: a write cut half-way would be worse.
 */
export function budgetPlugin(ms: number, maxItems: number): Plugin {
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const ctx = args.contextValue as { budget?: Budget; spending?: { budget?: Budget } };
      setExecuteFn((a) => runBudgeted(ctx, ms, maxItems, () => executeFn(a)) as ReturnType<typeof executeFn>);
    },
  };
}

/**
 * Runs one query under a new budget set on its context (what budgetPlugin puts in front of
 * execution; the fast lane of server/http/lane.ts runs its queries the same way): the answer, or
 * the one error that stopped it.
 */
export function runBudgeted<R>(ctx: { budget?: Budget; spending?: { budget?: Budget } }, ms: number, maxItems: number, execute: () => R | Promise<R>): Promise<R | { errors: GraphQLError[] }> {
  const budget = (ctx.budget = new Budget(ms, maxItems));
  // The store calls of the context's batches read it here (Context.spending).
  if (ctx.spending) ctx.spending.budget = budget;
  const value = execute();
  // One promise and one timer (no race of two promises): this runs for every query.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ errors: [budget.expire()] }), ms);
    timer.unref();
    Promise.resolve(value).then(
      (result) => {
        clearTimeout(timer);
        resolve(budget.stopped ? { errors: [budget.stopped] } : result);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
