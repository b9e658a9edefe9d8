import { DocumentNode, GraphQLID, GraphQLNonNull, GraphQLScalarType, GraphQLSchema, isListType, isNonNullType, Kind, visit } from 'graphql';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { isKeptList, keepListText } from './answerJson';

/**
 * Fields of type [ID!]! whose resolvers hand back a list of ids the server keeps (a node's
 * report ids: thousands for a hub, cached per mention list and never changed after).
 */
const WHOLE_LISTS = new Set(['reportIds']);

/**
 * A list of ids as one value. Compiled code completes a list item by item (a type check and
 * three calls per id); a depth-2 neighbourhood at 1M nodes holds some 16,000 report ids. As
 * one value, the list the resolver returns is answered as it is: the same JSON as [ID!]!
 * (ids are strings), without the copy; and a long one, which the server keeps (a hub's), has its
 * JSON text written once for every answer that holds it (answerJson.ts).
 */
const ID_LIST = new GraphQLScalarType({
  name: 'IdListAsOne',
  serialize: (v) => {
    if (!Array.isArray(v)) throw new TypeError(`Expected a list of ids, not ${typeof v}`);
    if (isKeptList(v)) return v;
    for (const x of v) if (typeof x !== 'string') return v.map((y) => GraphQLID.serialize(y));
    keepListText(v);
    return v;
  },
});

/**
 * The schema the compiled queries run on: the API's schema (same types, same guarded resolvers,
 * so the same budget counts) with the id lists of WHOLE_LISTS as one value. Only for running:
 * yoga parses, validates and introspects the API's schema, and a query that introspects is
 * compiled on that (see compilesOnTwin).
 */
export function executionTwin(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.COMPOSITE_FIELD]: (config, fieldName) => (WHOLE_LISTS.has(fieldName) && isIdList(config.type) ? { ...config, type: new GraphQLNonNull(ID_LIST) } : config),
  });
}

function isIdList(t: unknown): boolean {
  if (!isNonNullType(t) || !isListType(t.ofType)) return false;
  const item = t.ofType.ofType;
  return isNonNullType(item) && item.ofType === GraphQLID;
}

/** Whether a document asks nothing of the schema itself (__schema, __type), which the twin would answer with its own types. */
export function compilesOnTwin(document: DocumentNode): boolean {
  let introspects = false;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') introspects = true;
    },
  });
  return !introspects;
}
