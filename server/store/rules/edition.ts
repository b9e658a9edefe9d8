import type { GraphNode } from '../../model/types';

/**
 * Which earlier report a new one replaces: a corrected version of a report is one of the same
 * agency and the same year, so the pair is the report's edition, as one string (Neo4j indexes it).
 * Null when the report can replace nothing and nothing can replace it: its year is unknown (null
 * or absent: two undated reports of a bureau are not versions of one), or its writer is the
 * empty name (a report whose writer is unknown is no edition of another writer-less report).
 */
export function editionKey(report: GraphNode): string | null {
  const { agency, year } = report.props;
  if (year === null || year === undefined || agency === '') return null;
  return JSON.stringify([agency === undefined ? { undefined: true } : agency, year]);
}
