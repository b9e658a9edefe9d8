import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode } from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields (introspection excepted). */
  maxDepth: number;
  /** Fields in the whole operation after fragments are expanded: a cost bound. */
  maxFields: number;
  maxAliases: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxFields: 2000, maxAliases: 30 };

interface Measure {
  depth: number;
  fields: number;
  aliases: number;
}

function measure(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, depth: number, seen: Set<string>, acc: Measure, cap: number): void {
  for (const sel of set.selections) {
    if (acc.fields > cap) return; // already over: stop counting a hostile query early
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue; // introspection (GraphiQL) is not limited by depth
      acc.fields++;
      if (sel.alias) acc.aliases++;
      acc.depth = Math.max(acc.depth, depth + 1);
      if (sel.selectionSet) measure(sel.selectionSet, fragments, depth + 1, seen, acc, cap);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      measure(sel.selectionSet, fragments, depth, seen, acc, cap);
    } else {
      const name = sel.name.value;
      const f = fragments[name];
      if (!f || seen.has(name)) continue;
      seen.add(name);
      measure(f.selectionSet, fragments, depth, seen, acc, cap);
      seen.delete(name);
    }
  }
}

/**
 * What an operation exceeds, as errors naming the limit hit (none when it is within them).
 * Checked before the standard validation rules: some of those (overlapping fields) cost time
 * that grows faster than the query, which is what a refusal must not pay.
 */
export function limitErrors(doc: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const acc: Measure = { depth: 0, fields: 0, aliases: 0 };
    measure(d.selectionSet, fragments, 0, new Set(), acc, limits.maxFields);
    const refuse = (what: string, limit: number, env: string) =>
      errors.push(new GraphQLError(`query refused: ${what} exceeds the limit of ${limit} (${env})`, { extensions: { code: 'QUERY_LIMIT' } }));
    if (acc.depth > limits.maxDepth) refuse(`depth ${acc.depth}`, limits.maxDepth, 'KG_MAX_DEPTH');
    if (acc.fields > limits.maxFields) refuse(`more than ${limits.maxFields} fields`, limits.maxFields, 'KG_MAX_FIELDS');
    if (acc.aliases > limits.maxAliases) refuse(`${acc.aliases} aliases`, limits.maxAliases, 'KG_MAX_ALIASES');
  }
  return errors;
}
