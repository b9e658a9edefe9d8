// The graph's vocabulary, shared by the pipeline, both stores, the GraphQL layer and the web
// explorer (web imports this file; keep it free of runtime dependencies).

export const NODE_TYPES = [
  'REPORT', 'AGENCY', 'PLACE', 'REFORM', 'MEASURE', 'PLATFORM', 'UNIT', 'ORGANIZATION',
  'INDICATOR', 'OBSERVATION', 'PROBLEM', 'POLICY_DOCUMENT', 'PRINCIPLE', 'TOPIC',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Each node type's name as a GraphQL object type, which is also its Neo4j label. */
export const TYPE_NAMES: Record<NodeType, string> = {
  REPORT: 'Report', AGENCY: 'Agency', PLACE: 'Place', REFORM: 'Reform', MEASURE: 'Measure', PLATFORM: 'Platform',
  UNIT: 'Unit', ORGANIZATION: 'Organization', INDICATOR: 'Indicator', OBSERVATION: 'Observation', PROBLEM: 'Problem',
  POLICY_DOCUMENT: 'PolicyDocument', PRINCIPLE: 'Principle', TOPIC: 'Topic',
};

export const EDGE_TYPES = [
  'PUBLISHED_BY', 'LOCATED_IN', 'CARRIES_OUT', 'IMPLEMENTS', 'PART_OF', 'USES', 'INVOLVES',
  'ADDRESSES', 'FACES', 'ISSUES', 'GUIDED_BY', 'OF', 'EVIDENCES', 'FOR', 'RELATED_TO', 'IN_TOPIC',
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/**
 * The types that join policy-area topics (IN_TOPIC edges start only from them). A topic filter
 * keeps the members of the chosen topics among these and every node of the other types (bureaus,
 * units, indicators give the members their context).
 */
export const TOPICAL_TYPES: ReadonlySet<NodeType> = new Set<NodeType>(['REFORM', 'MEASURE', 'PROBLEM', 'PLATFORM']);

/** The practices: what a bureau takes up, so what spreads between bureaus (adoptions, diffusion, the explorer's "Where it spread"). */
export const PRACTICE_TYPES: readonly NodeType[] = ['REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'POLICY_DOCUMENT', 'PRINCIPLE'];

/** A span of one report's stored text: quote === report.text.slice(start, end). */
export interface MentionRef {
  reportId: string;
  start: number;
  end: number;
}

export type PropValue = string | number | boolean | null;

export interface GraphNode {
  id: string;
  type: NodeType;
  /** As written in the source (Simplified Chinese). */
  name: string;
  aliases: string[];
  mentions: MentionRef[];
  props: Record<string, PropValue>;
}

export interface GraphEdge {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  mentions: MentionRef[];
  props: Record<string, PropValue>;
}

/** Metadata of one report; caller-given (sidecar, API) fields win over what the text says. */
export interface ReportMeta {
  title: string;
  agency: string;
  place?: string;
  province?: string;
  year?: number;
  publishedOn?: string;
  source?: string;
  /** When the text was retrieved from its source (YYYY-MM-DD); citations give it when known. */
  retrievedAt?: string;
}

/** What the pipeline produces for one report: written to a store in one transaction. */
export interface Extraction {
  report: GraphNode;
  text: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  warnings: string[];
}

export interface TypeCount {
  type: NodeType;
  count: number;
}

export interface Stats {
  nodes: number;
  edges: number;
  reports: number;
  byType: TypeCount[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface RelatedReform {
  reform: GraphNode;
  score: number;
  via: GraphNode[];
}
