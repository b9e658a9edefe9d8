/**
 * The JSON text of a compiled query's answer, the same to the byte as JSON.stringify's, with the
 * long id lists the server keeps (a hub's report ids, server/graphql/idLists.ts) written once
 * and reused. A depth-2 neighbourhood at 1M nodes holds some 16,000 report ids, nearly all of
 * them in the lists of its few hubs, and those lists come back unchanged in answer after answer:
 * JSON.stringify wrote them again every time (about half its work, and a megabyte of its
 * two-byte parts to collect).
 */

/**
 * Lists at least this long are remembered with their text. Shorter ones cost little, and a node's
 * report ids as short as 64 are made afresh for each answer (resolvers.ts reportIds keeps longer
 * ones): remembering them would only fill the map.
 */
export const KEPT_TEXT = 65;

/** A kept list's text, and its length then (a list is never changed in place; a new one is made). */
const texts = new WeakMap<readonly unknown[], { n: number; text: string }>();

/**
 * Marks a list as one the server keeps and never changes in place: its JSON text is made the
 * first time an answer holds it, and reused after. Short lists are not marked.
 */
export function keepListText(list: readonly unknown[]): void {
  if (list.length >= KEPT_TEXT && !texts.has(list)) texts.set(list, { n: -1, text: '' });
}

/** Whether a list is kept (see keepListText) and its text is that of its present length. */
export function isKeptList(list: readonly unknown[]): boolean {
  return texts.get(list)?.n === list.length;
}

/** Thrown on meeting a value only JSON.stringify itself writes exactly (toJSON, a class, a bigint): the whole answer is then its. */
const NOT_PLAIN = Symbol('not plain data');

/** The JSON text of an execution result: JSON.stringify's, except that kept lists are not written again. */
export function answerJson(result: unknown): string {
  // Errors and extensions are objects of their own (toJSON, classes): JSON.stringify writes them.
  const r = result as { errors?: unknown; extensions?: unknown } | null;
  if (r === null || typeof r !== 'object' || r.errors !== undefined || r.extensions !== undefined) return JSON.stringify(result);
  try {
    return json(r);
  } catch (e) {
    if (e === NOT_PLAIN) return JSON.stringify(result);
    throw e;
  }
}

function json(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? `${v}` : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return listJson(v);
      if (!isPlain(v)) throw NOT_PLAIN;
      // Nothing inside to reuse: JSON.stringify writes it in one call (an edge, most nodes' fields).
      if (isFlat(v)) return JSON.stringify(v);
      let out = '{';
      let first = true;
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        out += `${first ? '' : ','}${keyText(k)}${json(x)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      // Functions, symbols and undefined are left out by the object or list that holds them.
      throw NOT_PLAIN;
  }
}

function listJson(list: readonly unknown[]): string {
  const kept = texts.get(list);
  if (kept && kept.n === list.length) return kept.text;
  if (kept) {
    if (!isPlainList(list)) throw NOT_PLAIN;
    kept.text = JSON.stringify(list);
    kept.n = list.length;
    return kept.text;
  }
  if (!isPlainList(list)) throw NOT_PLAIN;
  if (isFlatList(list)) return JSON.stringify(list);
  let out = `[${item(list[0])}`;
  for (let i = 1; i < list.length; i++) out += `,${item(list[i])}`;
  return `${out}]`;
}

const item = (x: unknown) => (x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : json(x));

/** An object JSON.stringify writes key by key: of Object's prototype or none, without toJSON. */
function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function isPlainList(v: readonly unknown[]): boolean {
  return Object.getPrototypeOf(v) === Array.prototype && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** An object with no object or list among its values (JSON.stringify writes it exactly as the walk would). */
function isFlat(v: object): boolean {
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'object' && x !== null) return false;
  }
  return true;
}

/** A list of values and plain flat objects only: no kept list can be inside. */
function isFlatList(list: readonly unknown[]): boolean {
  for (const x of list) if (typeof x === 'object' && x !== null && (Array.isArray(x) || !isPlain(x) || !isFlat(x))) return false;
  return true;
}

const keyTexts = new Map<string, string>();

/** `"key":`, made once per field name (a bounded set: names in the schema, aliases up to a cap). */
function keyText(k: string): string {
  let t = keyTexts.get(k);
  if (t === undefined) {
    t = `${JSON.stringify(k)}:`;
    if (keyTexts.size < 10_000) keyTexts.set(k, t);
  }
  return t;
}
