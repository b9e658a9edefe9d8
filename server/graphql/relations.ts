import { TYPE_NAMES, type NodeType } from '../model/types';
import { inn, out, Step } from './walk';

/**
 * The typed relation fields of the schema as data: which walks each one answers from. The
 * resolvers are built from this table (relationFields.ts), and root resolvers read it to plan a
 * query's walks ahead (prefetch.ts), so both always agree on what a field walks.
 */
export interface Relation {
  /** list: the walk's nodes; one: its first node or null; union: every walk's nodes in turn, each node once. */
  kind: 'list' | 'one' | 'union';
  walks: ReadonlyArray<readonly Step[]>;
  /** Its resolver reads the props of the nodes reached (to filter them), so they are never fetched slim. */
  readsProps?: boolean;
}

const list = (...steps: Step[]): Relation => ({ kind: 'list', walks: [steps] });
const one = (...steps: Step[]): Relation => ({ kind: 'one', walks: [steps] });
const union = (...walks: Step[][]): Relation => ({ kind: 'union', walks });

/** The node type of each GraphQL object type. */
export const NODE_TYPE_OF = new Map(Object.entries(TYPE_NAMES).map(([t, name]) => [name, t as NodeType]));

const ACTORS: NodeType[] = ['MEASURE'];

/** GraphQL type → field → its walks. Fields that filter by arguments (Agency.measures, Topic.members) filter the walk's answer. */
export const RELATIONS: Record<string, Record<string, Relation>> = {
  Report: {
    agency: one(out('PUBLISHED_BY', 'AGENCY')),
  },
  Agency: {
    reports: list(inn('PUBLISHED_BY', 'REPORT')),
    place: one(out('LOCATED_IN', 'PLACE')),
    measures: { ...list(out('CARRIES_OUT', 'MEASURE')), readsProps: true },
    reforms: list(out('CARRIES_OUT', 'MEASURE'), out('IMPLEMENTS', 'REFORM')),
    problems: list(out('FACES', 'PROBLEM')),
    observations: list(inn('FOR', 'OBSERVATION')),
    units: list(inn('PART_OF', 'UNIT')),
  },
  Place: {
    agencies: list(inn('LOCATED_IN', 'AGENCY')),
    within: one(out('LOCATED_IN', 'PLACE')),
  },
  Reform: {
    topics: list(out('IN_TOPIC', 'TOPIC')),
    measures: list(inn('IMPLEMENTS', ACTORS)),
    agencies: list(inn('IMPLEMENTS', 'MEASURE'), inn('CARRIES_OUT', 'AGENCY')),
    platforms: list(out('USES', 'PLATFORM')),
    units: list(out('INVOLVES', 'UNIT')),
    organizations: list(out('INVOLVES', 'ORGANIZATION')),
    principles: list(out('GUIDED_BY', 'PRINCIPLE')),
    problems: union([out('ADDRESSES', 'PROBLEM')], [inn('IMPLEMENTS', 'MEASURE'), out('ADDRESSES', 'PROBLEM')]),
    observations: union([inn('EVIDENCES', 'OBSERVATION')], [inn('IMPLEMENTS', 'MEASURE'), inn('EVIDENCES', 'OBSERVATION')]),
  },
  Measure: {
    topics: list(out('IN_TOPIC', 'TOPIC')),
    agency: one(inn('CARRIES_OUT', 'AGENCY')),
    reforms: list(out('IMPLEMENTS', 'REFORM')),
    platforms: list(out('USES', 'PLATFORM')),
    units: list(out('INVOLVES', 'UNIT')),
    organizations: list(out('INVOLVES', 'ORGANIZATION')),
    documents: list(out('ISSUES', 'POLICY_DOCUMENT')),
    principles: list(out('GUIDED_BY', 'PRINCIPLE')),
    problems: list(out('ADDRESSES', 'PROBLEM')),
    observations: list(inn('EVIDENCES', 'OBSERVATION')),
  },
  Platform: {
    topics: list(out('IN_TOPIC', 'TOPIC')),
    measures: list(inn('USES', 'MEASURE')),
    reforms: list(inn('USES', 'REFORM')),
    agencies: list(inn('USES', 'MEASURE'), inn('CARRIES_OUT', 'AGENCY')),
  },
  Unit: {
    measures: list(inn('INVOLVES', 'MEASURE')),
    reforms: list(inn('INVOLVES', 'REFORM')),
    agencies: list(out('PART_OF', 'AGENCY')),
  },
  Organization: {
    measures: list(inn('INVOLVES', 'MEASURE')),
    reforms: list(inn('INVOLVES', 'REFORM')),
  },
  Indicator: {
    family: one(out('PART_OF', 'INDICATOR')),
    variants: list(inn('PART_OF', 'INDICATOR')),
  },
  Observation: {
    indicator: one(out('OF', 'INDICATOR')),
    agency: one(out('FOR', 'AGENCY')),
    evidences: list(out('EVIDENCES')),
  },
  Problem: {
    topics: list(out('IN_TOPIC', 'TOPIC')),
    agencies: list(inn('FACES', 'AGENCY')),
    addressedBy: list(inn('ADDRESSES')),
  },
  PolicyDocument: {
    issuedBy: list(inn('ISSUES', 'MEASURE')),
    agencies: list(inn('ISSUES', 'MEASURE'), inn('CARRIES_OUT', 'AGENCY')),
    problems: list(out('ADDRESSES', 'PROBLEM')),
  },
  Principle: {
    guides: list(inn('GUIDED_BY')),
  },
  Topic: {
    members: list(inn('IN_TOPIC')),
  },
};
