/**
 * The characters that end a sentence for Mention.sentence (resolvers.ts sentenceSpan), one list
 * so that a store cutting sentences where it keeps the texts (the Neo4j store's prefetch) ends
 * them at the same characters.
 */
export const SENTENCE_STOPS: readonly string[] = ['。', '！', '？', '；', '!', '?', ';', '\n'];

const STOPS = new Set(SENTENCE_STOPS);

export const isSentenceStop = (c: string | undefined): boolean => c !== undefined && STOPS.has(c);
