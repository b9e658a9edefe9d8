// The stops are a store-neutral rule: the Neo4j store cuts each mention's snippet with them when it writes.
export { SENTENCE_STOPS, isSentenceStop } from '../store/rules/sentences';
