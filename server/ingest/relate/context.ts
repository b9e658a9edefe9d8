import type { MentionRef, NodeType, ReportMeta } from '../../model/types';
import type { GraphBuilder } from '../graphBuilder';
import type { Lexicon } from '../lexicon';
import type { Found } from '../mentions';
import type { NormalisedText } from '../normalise';
import type { Sentence, Structure } from '../structure';

/** What every relate stage reads: the report, its text and structure, and the graph being built. */
export interface RelateInput {
  reportId: string;
  meta: ReportMeta & { year?: number };
  n: NormalisedText;
  st: Structure;
  found: Found[];
  lex: Lexicon;
}

export interface RelateContext extends RelateInput {
  /** The one thing the stages write: nodes and edges, merged with their mentions. */
  g: GraphBuilder;
  warnings: string[];
  year: number | null;
  /** A view range as a mention of the stored text. */
  ref: (vs: number, ve: number) => MentionRef;
  sentenceRef: (s: Sentence) => MentionRef;
  /** The report's hash and a colon: what placeKey puts before a place (made once, not per key). */
  placePrefix: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

// Each type's id prefix made once ("observation:"), not lower-cased again for every node.
const idPrefix = new Map<NodeType, string>();
export const nodeId = (type: NodeType, key: string) => {
  let prefix = idPrefix.get(type);
  if (prefix === undefined) idPrefix.set(type, (prefix = `${type.toLowerCase()}:`));
  return prefix + key;
};

export function relateContext(input: RelateInput, g: GraphBuilder): RelateContext {
  const { reportId, n } = input;
  const { original, startOf, endOf } = n;
  const ref = (vs: number, ve: number): MentionRef => {
    // toOriginal's mapping, read here without the pair it returns (one per mention made).
    let start: number;
    let end: number;
    if (ve <= vs) start = end = startOf[vs] ?? original.length;
    else {
      start = startOf[vs];
      end = endOf[ve - 1];
    }
    // A quote never starts or ends on half a character: a name read up to a stray surrogate
    // (damaged text) leaves it out, whatever stage drew the span.
    if (end - start > 1 && isHighSurrogate(original.charCodeAt(end - 1))) end--;
    if (end - start > 1 && isLowSurrogate(original.charCodeAt(start))) start++;
    return { reportId, start, end };
  };
  return { ...input, g, warnings: [], year: input.meta.year ?? null, ref, sentenceRef: (s) => ref(s.start, s.end), placePrefix: `${reportId.slice(7)}:` };
}

/** The key of a measure or observation in its report: the report's hash and where it starts in the stored text. */
export function placeKey(c: RelateContext, viewStart: number, viewEnd: number): string {
  // toOriginal's start, read without the pair it returns.
  const start = c.n.startOf[viewStart];
  return c.placePrefix + (start === undefined && viewEnd <= viewStart ? c.n.original.length : start);
}
