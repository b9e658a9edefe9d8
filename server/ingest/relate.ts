import { GraphBuilder } from './graphBuilder';
import { assignTopics } from './topics';
import { relateContext, RelateInput } from './relate/context';
import { measureNodes } from './relate/measureNodes';
import { namedNodes } from './relate/named';
import { admittedProblems, problemBlocksOf } from './relate/problems';
import { reportAndWriter } from './relate/report';
import { sentenceRelations } from './relate/sentences';
import { topicPassages } from './relate/topicPassages';

export type { RelateInput } from './relate/context';
export { nodeId } from './relate/context';

/**
 * Stages 4 and 5: resolve what the sentences name to canonical nodes (lexicon names and
 * aliases, else the cleaned name), and relate them along the report's structure: measures
 * implement the reforms of their sentence and headings, use the platforms, involve the units,
 * issue the documents in their sentence; observations evidence the measure whose sentence holds
 * them. Every node and edge keeps the spans of the stored text that state it. Each step is a
 * stage of relate/ writing into one graph builder, in this order (the order nodes and edges are
 * first met is the order of the extraction's lists).
 */
export function relate(input: RelateInput): { g: GraphBuilder; warnings: string[] } {
  const c = relateContext(input, new GraphBuilder());
  const agencyId = reportAndWriter(c);
  const idOf = namedNodes(c, agencyId);
  const measures = measureNodes(c, agencyId);
  sentenceRelations(c, agencyId, idOf, measures.ofSentence);
  const problemBlocks = problemBlocksOf(c);
  admittedProblems(c, agencyId, problemBlocks, measures.ofPlanBlock);
  assignTopics(c.g, topicPassages(c, idOf, measures.ofSentence, problemBlocks), c.ref);
  if (!input.st.sentences.some((s) => s.kind !== 'problems' && measures.ofSentence.size)) c.warnings.push('no measures found');
  return { g: c.g, warnings: c.warnings };
}
