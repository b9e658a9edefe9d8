/**
 * The characters that end a sentence for Mention.sentence, one list wherever sentences are cut:
 * GraphQL's resolvers (graphql/resolvers.ts sentenceSpan) and the Neo4j store, which keeps each
 * node mention's snippet (snippetOf) beside the mention. Changing them changes stored snippets:
 * bump DERIVED_VERSION (neo4j/mapping.ts) so a Neo4j graph has them cut again at start.
 */
export const SENTENCE_STOPS: readonly string[] = ['。', '！', '？', '；', '!', '?', ';', '\n'];

const STOPS = new Set(SENTENCE_STOPS);

export const isSentenceStop = (c: string | undefined): boolean => c !== undefined && STOPS.has(c);

/** The text around a quote from which its quote and sentence are read, and where it starts in the report. */
export interface Snippet {
  at: number;
  text: string;
}

/**
 * From after the last stop before `start` (or the text's start) to the first stop at or after
 * `end`, that stop included (or the text's end): all that sentenceSpan reads of the text, so the
 * quote and the sentence come out of the snippet as they come out of the whole text. Offsets are
 * UTF-16 code units, as mentions count them.
 */
export function snippetOf(text: string, start: number, end: number): Snippet {
  let a = Math.min(start, text.length);
  while (a > 0 && !STOPS.has(text[a - 1])) a--;
  let b = Math.max(end, a);
  while (b < text.length && !STOPS.has(text[b])) b++;
  return { at: a, text: text.slice(a, b < text.length ? b + 1 : text.length) };
}
