import type { DocumentNode, ExecutionArgs, GraphQLSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { answerJson } from './answerJson';
import { measureQuery } from './cost';
import { compilesOnTwin, executionTwin } from './idLists';
import { BoundedLru } from './lru';

export interface JitOptions {
  /**
   * The most code one query may compile to (server/graphql/cost.ts `compiled`): compiling costs
   * about 0.15 ms and 4 KB a unit, and a query nesting through the Node interface multiplies
   * its units by 14 a level. Anything above runs on graphql-js, which needs no compilation.
   */
  maxCompiled: number;
  /**
   * Runs of a query on graphql-js before it is compiled: the explorer's and a client's queries
   * repeat and are soon compiled; a stream of distinct one-off queries never makes us compile.
   */
  compileAfter: number;
  /** Compiled queries kept, by count and by their total units. */
  cacheEntries: number;
  cacheUnits: number;
  /**
   * Time spent compiling, as a bucket of credit: at most `burstMs` at once, refilled at
   * `msPerSecond`. Many distinct queries repeated to be compiled (each blocks the thread while it
   * compiles) then cost at most that share of the CPU; the rest run on graphql-js meanwhile.
   */
  compileBurstMs: number;
  compileMsPerSecond: number;
}

// The explorer's details query (a node, its mentions and its relations' both ends) compiles to
// about 2,100 units in some 300 ms; one more level through Node is 3,165 units, and 14 times that.
export const DEFAULT_JIT: JitOptions = { maxCompiled: 2500, compileAfter: 2, cacheEntries: 100, cacheUnits: 6000, compileBurstMs: 2000, compileMsPerSecond: 100 };

type Compiled = { query: CompiledQuery['query']; stringify: CompiledQuery['stringify']; units: number };

/**
 * Runs each small query that repeats compiled to plain JavaScript (graphql-jit): a nested answer
 * with thousands of fields costs a fraction of graphql-js walking it field by field. Big
 * compilations, the ones a hostile query asks for, are never made, and what is kept is bounded.
 */
export function jitPlugin(schema: GraphQLSchema, o: JitOptions = DEFAULT_JIT): Plugin & { cache: BoundedLru<Compiled> } {
  const cache = new BoundedLru<Compiled>(o.cacheEntries, o.cacheUnits, (_, v) => v.units);
  const twin = executionTwin(schema);
  const unitsOf = new WeakMap<DocumentNode, Map<string, number>>();
  // Keyed by the parsed document, which lives as long as yoga's (bounded) cache keeps its text.
  const runs = new WeakMap<DocumentNode, number>();
  /** Queries due to be compiled, by key: their compilation, waiting for an idle moment. */
  const pending = new Map<string, () => void>();
  let credit = o.compileBurstMs;
  let refilled = performance.now();
  const mayCompile = () => {
    const now = performance.now();
    credit = Math.min(o.compileBurstMs, credit + ((now - refilled) / 1000) * o.compileMsPerSecond);
    refilled = now;
    return credit > 0;
  };
  const units = (args: ExecutionArgs) => {
    const key = args.operationName ?? '';
    let byOp = unitsOf.get(args.document);
    if (!byOp) unitsOf.set(args.document, (byOp = new Map()));
    let u = byOp.get(key);
    if (u === undefined) byOp.set(key, (u = measureQuery(schema, args.document, args.operationName).compiled));
    return u;
  };
  return {
    cache,
    onExecute: ({ args, setExecuteFn }) => {
      const source = (args.contextValue as { params?: { query?: unknown } } | undefined)?.params?.query;
      if (typeof source !== 'string' || args.schema !== schema) return;
      const key = `${args.operationName ?? ''}\u0000${source}`;
      let hit = cache.get(key);
      if (!hit) {
        // Compiled when the server is idle after the run that made it due (compiling the
        // explorer's overview takes hundreds of ms, which the reader who happened to ask then
        // would wait for); if the query comes again before that, it is compiled for this run.
        const due = pending.get(key);
        if (due) due();
        else {
          const n = (runs.get(args.document) ?? 0) + 1;
          runs.set(args.document, n);
          if (n <= o.compileAfter) return;
          const u = units(args);
          if (u > o.maxCompiled) return;
          const { document, operationName } = args;
          const compile = () => {
            if (pending.get(key) !== compile) return;
            pending.delete(key);
            if (!mayCompile()) return;
            const t0 = performance.now();
            const c = compileQuery(compilesOnTwin(document) ? twin : schema, document, operationName ?? undefined);
            credit -= performance.now() - t0;
            // The answer's text: JSON.stringify's (graphql-jit's stringify here), with the id lists the server keeps written once (answerJson.ts).
            if (isCompiledQuery(c)) cache.set(key, { query: c.query, stringify: answerJson, units: u });
          };
          pending.set(key, compile);
          return { onExecuteDone: () => void setImmediate(compile) };
        }
        hit = cache.get(key);
        if (!hit) return;
      }
      const compiled = hit;
      setExecuteFn(((a: ExecutionArgs) => {
        const result = compiled.query(a.rootValue, a.contextValue, a.variableValues);
        const withStringify = (r: object) => Object.assign(r, { stringify: compiled.stringify });
        return result instanceof Promise ? result.then(withStringify) : withStringify(result as object);
      }) as never);
    },
  };
}
