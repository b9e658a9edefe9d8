import { DocumentNode, GraphQLError, GraphQLSchema, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { measureCache } from '../graphql/cost';
import { limitError, limitErrors, QueryLimits } from './limits';
import { BoundedLru } from '../graphql/lru';

/** Brackets nested deeper than this are no query anyone writes, and recursion in the parser and validator. */
const MAX_NESTING = 64;

/** Parsed queries kept (yoga's own cache holds 1,024 of any size): by count and by total query text. */
const CACHE_ENTRIES = 500;
const CACHE_CHARS = 4 * 1024 * 1024;

/** How deep brackets nest outside strings and comments, scanning no further than the limit. */
export function nesting(source: string, limit = MAX_NESTING): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b || c === 0x28) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x5d || c === 0x7d || c === 0x29) depth--;
    else if (c === 0x23) while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    else if (c === 0x22) {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        // An escaped \""" inside a block string does not end it.
        let e = end;
        while (e > 0 && source[e - 1] === '\\') e = source.indexOf('"""', e + 3);
        i = e < 0 ? source.length : e + 2;
      } else {
        i++;
        while (i < source.length && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      }
    }
  }
  return max;
}

/** Whether a JSON value nests arrays and objects deeper than the limit (without recursing, so never too deep for the stack). */
export function nestedDeeper(value: unknown, limit = MAX_NESTING): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

/** graphql's parse, refusing documents with more tokens or deeper brackets than the limits allow. */
export function guardedParse(source: string, limits: Pick<QueryLimits, 'maxTokens'>): DocumentNode {
  if (nesting(source) > MAX_NESTING) throw limitError(`query refused: brackets nested more than ${MAX_NESTING} deep`);
  try {
    return parse(source, { maxTokens: limits.maxTokens });
  } catch (e) {
    if (e instanceof GraphQLError && /Document contains more th[ae][nt] \d+ tokens/.test(e.message)) throw limitError(`query refused: more than ${limits.maxTokens} tokens (KG_MAX_TOKENS)`);
    throw e;
  }
}

/**
 * Measures every query before yoga validates or runs it (server/graphql/cost.ts) and answers one
 * over a limit with an error naming it. Done when the parameters are known, since a query's
 * cost depends on its variables (`limit: $limit`) and validation results are cached per document.
 */
export function queryGuard(schema: GraphQLSchema, limits: QueryLimits) {
  const documentCache = new BoundedLru<DocumentNode>(CACHE_ENTRIES, CACHE_CHARS, (k) => k.length);
  const errorCache = new BoundedLru<Error>(CACHE_ENTRIES, CACHE_CHARS, (k) => k.length);
  const measure = measureCache(schema);
  /**
   * What the guard says of a query's parameters: the errors it is refused with, or its parsed
   * document (none when it does not parse: yoga's parse reports that).
   */
  const check = (params: { query: string; operationName?: string | null; variables?: unknown; extensions?: unknown }): { errors?: GraphQLError[]; doc?: DocumentNode } => {
    if (nestedDeeper(params.variables) || nestedDeeper(params.extensions)) return { errors: [limitError(`query refused: variables nested more than ${MAX_NESTING} deep`)] };
    let doc = documentCache.get(params.query);
    if (!doc) {
      try {
        doc = guardedParse(params.query, limits);
      } catch (e) {
        if (e instanceof GraphQLError && e.extensions.code === 'QUERY_LIMIT') return { errors: [e] };
        return {}; // a syntax error: yoga's parse reports it
      }
      documentCache.set(params.query, doc);
    }
    const errors = limitErrors(measure(doc, params.operationName, params.variables), limits);
    return errors.length ? { errors, doc } : { doc };
  };
  const plugin: Plugin = {
    onParse: ({ setParseFn }) => setParseFn((source) => guardedParse(typeof source === 'string' ? source : source.body, limits)),
    onParams: ({ params, setResult }) => {
      if (typeof params.query !== 'string') return; // yoga answers what is wrong with it
      const { errors } = check(params as { query: string });
      if (errors) setResult({ errors });
    },
  };
  return { plugin, check, cache: { documentCache, errorCache } };
}
