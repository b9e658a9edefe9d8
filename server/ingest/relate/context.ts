import type { MentionRef, NodeType, ReportMeta } from '../../model/types';
import type { GraphBuilder } from '../graphBuilder';
import type { Lexicon } from '../lexicon';
import type { Found } from '../mentions';
import { NormalisedText, toOriginal } from '../normalise';
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
  const ref = (vs: number, ve: number): MentionRef => {
    let [start, end] = toOriginal(n, vs, ve);
    // A quote never starts or ends on half a character: a name read up to a stray surrogate
    // (damaged text) leaves it out, whatever stage drew the span.
    if (end - start > 1 && isHighSurrogate(n.original.charCodeAt(end - 1))) end--;
    if (end - start > 1 && isLowSurrogate(n.original.charCodeAt(start))) start++;
    return { reportId, start, end };
  };
  return { ...input, g, warnings: [], year: input.meta.year ?? null, ref, sentenceRef: (s) => ref(s.start, s.end) };
}

/** The key of a measure or observation in its report: the report's hash and where it starts in the stored text. */
export function placeKey(c: RelateContext, viewStart: number, viewEnd: number): string {
  return `${c.reportId.slice(7)}:${toOriginal(c.n, viewStart, viewEnd)[0]}`;
}
