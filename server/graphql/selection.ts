import { FieldNode, getNamedType, GraphQLNamedType, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, isAbstractType, isObjectType, Kind, SelectionNode } from 'graphql';
import { RELATIONS } from './relations';

/** Selections asked of nodes that can be of these object types. */
export interface Asked {
  selections: readonly SelectionNode[];
  types: readonly GraphQLObjectType[];
}

type Fragments = GraphQLResolveInfo['fragments'];

/** What `perField` keeps of one field of a parsed query. */
export type FieldMemo<T> = WeakMap<FieldNode, { schema: GraphQLSchema; fields: readonly FieldNode[]; value: T }>;

/**
 * A value that depends only on a field's selection (the query's text and the schema), made once
 * per field of a parsed query: a repeated query (yoga keeps parsed documents) reuses it. The same
 * field can be merged with others in another operation of the document, so all must match.
 */
export function perField<T>(memo: FieldMemo<T>, info: GraphQLResolveInfo, make: () => T): T {
  const fields = info.fieldNodes;
  const had = memo.get(fields[0]);
  if (had && had.schema === info.schema && had.fields.length === fields.length && had.fields.every((f, i) => f === fields[i])) return had.value;
  const value = make();
  memo.set(fields[0], { schema: info.schema, fields: [...fields], value });
  return value;
}

/**
 * Calls fn for every field selected at this level, through inline and named fragments, with the
 * object types it is asked of (those the fragments' type conditions leave).
 */
export function forEachField(schema: GraphQLSchema, fragments: Fragments, asked: readonly Asked[], fn: (field: Extract<SelectionNode, { kind: Kind.FIELD }>, types: readonly GraphQLObjectType[]) => void): void {
  const visit = (selections: readonly SelectionNode[], types: readonly GraphQLObjectType[], seen: ReadonlySet<string>) => {
    for (const sel of selections) {
      if (sel.kind === Kind.FIELD) fn(sel, types);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet.selections, narrow(schema, types, sel.typeCondition?.name.value), seen);
      else {
        const f = fragments[sel.name.value];
        if (f && !seen.has(f.name.value)) visit(f.selectionSet.selections, narrow(schema, types, f.typeCondition.name.value), new Set([...seen, f.name.value]));
      }
    }
  };
  for (const a of asked) visit(a.selections, a.types, new Set());
}

/** Fields a slim node (id, type and name only) answers: those and the relations, which read only the id. */
const SLIM_FIELDS = new Set(['id', 'type', 'name', '__typename']);

/** Does this selection ask nothing of its nodes but id, type, name and relation fields? */
export function onlySlim(schema: GraphQLSchema, fragments: Fragments, asked: readonly Asked[]): boolean {
  let slim = true;
  forEachField(schema, fragments, asked, (field, types) => {
    if (!SLIM_FIELDS.has(field.name.value) && !types.every((t) => RELATIONS[t.name]?.[field.name.value])) slim = false;
  });
  return slim;
}

const slimByField = new WeakMap<object, boolean>();

/** onlySlim for the selection under the field being resolved (computed once per field of the operation). */
export function asksOnlySlim(info: GraphQLResolveInfo): boolean {
  let slim = slimByField.get(info.fieldNodes);
  if (slim === undefined) {
    slim = onlySlim(info.schema, info.fragments, askedUnder(info));
    slimByField.set(info.fieldNodes, slim);
  }
  return slim;
}

/** What the field being resolved asks of the nodes it returns. */
export function askedUnder(info: GraphQLResolveInfo): Asked[] {
  const types = objectTypes(info.schema, getNamedType(info.returnType));
  return info.fieldNodes.map((f) => ({ selections: f.selectionSet?.selections ?? [], types }));
}

/** The object types a value of this named type can have (none for scalars). */
export function objectTypes(schema: GraphQLSchema, t: GraphQLNamedType | undefined | null): GraphQLObjectType[] {
  if (!t) return [];
  if (isObjectType(t)) return [t];
  if (isAbstractType(t)) return [...schema.getPossibleTypes(t)];
  return [];
}

/** The types under a fragment's type condition. */
function narrow(schema: GraphQLSchema, types: readonly GraphQLObjectType[], condition: string | undefined): readonly GraphQLObjectType[] {
  if (!condition) return types;
  const allowed = new Set(objectTypes(schema, schema.getType(condition)));
  return types.filter((t) => allowed.has(t));
}

/** Fields that read nothing of a node's mentions (besides relations): what a node sent light answers (lightReportIds). */
const LIGHT_FIELDS = new Set([...SLIM_FIELDS, 'nameEn', 'nameEnProper', 'aliases', 'reportIds']);

/** Does the field being resolved ask nothing of its nodes' mentions but their report ids? */
export function asksNoMentions(info: GraphQLResolveInfo, asked: readonly Asked[] = askedUnder(info)): boolean {
  let light = true;
  forEachField(info.schema, info.fragments, asked, (field, types) => {
    if (!LIGHT_FIELDS.has(field.name.value) && !types.every((t) => RELATIONS[t.name]?.[field.name.value])) light = false;
  });
  return light;
}

/** Does the selection ask for reportIds anywhere at this level? */
export function asksReportIds(info: GraphQLResolveInfo, asked: readonly Asked[]): boolean {
  let yes = false;
  forEachField(info.schema, info.fragments, asked, (field) => (yes ||= field.name.value === 'reportIds'));
  return yes;
}

const lightByField = new WeakMap<object, boolean>();

/** asksNoMentions without report ids, for the field being resolved (computed once per field of the operation). */
export function asksLightOnly(info: GraphQLResolveInfo): boolean {
  let light = lightByField.get(info.fieldNodes);
  if (light === undefined) {
    const asked = askedUnder(info);
    light = asksNoMentions(info, asked) && !asksReportIds(info, asked);
    lightByField.set(info.fieldNodes, light);
  }
  return light;
}
