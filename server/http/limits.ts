import { GraphQLError } from 'graphql';
import type { Limits } from '../config';
import type { Measure } from '../graphql/cost';

export type QueryLimits = Pick<Limits, 'maxDepth' | 'maxFields' | 'maxAliases' | 'maxCost' | 'maxTokens' | 'maxDirectives'>;

/** A refusal that names the limit; answered with HTTP 400 before anything runs. */
export function limitError(message: string, code = 'QUERY_LIMIT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

const refusal = (what: string, limit: number, env: string) => limitError(`query refused: ${what} exceeds the limit of ${limit} (${env})`);

/**
 * What a measured query exceeds, as errors naming the limit hit (none when it is within them).
 * Checked before the standard validation rules: some of those (overlapping fields) cost time
 * that grows faster than the query, which is what a refusal must not pay.
 */
export function limitErrors(m: Measure, limits: QueryLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (m.depth > limits.maxDepth) errors.push(refusal(`depth ${m.depth}`, limits.maxDepth, 'KG_MAX_DEPTH'));
  if (m.fields > limits.maxFields) errors.push(refusal(`more than ${limits.maxFields} fields`, limits.maxFields, 'KG_MAX_FIELDS'));
  if (m.aliases > limits.maxAliases) errors.push(refusal(`${m.aliases} aliases`, limits.maxAliases, 'KG_MAX_ALIASES'));
  if (m.directives > limits.maxDirectives) errors.push(refusal(`${m.directives} directives`, limits.maxDirectives, 'KG_MAX_DIRECTIVES'));
  if (m.cost > limits.maxCost) errors.push(refusal(`cost ${costText(m.cost)}`, limits.maxCost, 'KG_MAX_COST'));
  return errors;
}

const costText = (c: number) => (c < 1e15 ? String(Math.round(c)) : c.toExponential(1));
