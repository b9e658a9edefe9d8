// The research views' questions to the server: topics, an indicator's series, a bureau's profile.
// Everything goes through the explorer's gql(); every string that comes back is shown as text.
import { gql } from '../api';

export interface TopicInfo {
  id: string;
  name: string;
  nameEn: string | null;
  count: number;
  /** Ids of its reforms, measures, problems and platforms. */
  members: Set<string>;
}

export async function topics(): Promise<TopicInfo[]> {
  const d = await gql<{ topics: Array<{ id: string; name: string; nameEn: string | null; count: number; members: Array<{ id: string }> }> }>(
    'query ResearchTopics { topics { id name nameEn count members { id } } }');
  return d.topics.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, count: t.count, members: new Set(t.members.map((m) => m.id)) }));
}

export interface SourceQuote {
  quote: string;
  start: number;
  end: number;
  report: { id: string; title: string };
}

export interface SeriesPoint {
  id: string;
  value: number | null;
  unit: string | null;
  year: number | null;
  direction: string | null;
  change: number | null;
  agency: { id: string; name: string; nameEn: string | null } | null;
  indicator: { id: string; name: string; nameEn: string | null } | null;
  mentions: SourceQuote[];
}

export async function indicatorSeries(id: string): Promise<SeriesPoint[]> {
  const d = await gql<{ indicatorSeries: SeriesPoint[] }>(`query IndicatorSeries($id: ID!) {
    indicatorSeries(id: $id) { id value unit year direction change agency { id name nameEn } indicator { id name nameEn }
      mentions { quote start end report { id title } } }
  }`, { id });
  return d.indicatorSeries;
}

export interface Named {
  id: string;
  name: string;
  nameEn: string | null;
}

export async function indicators(): Promise<Named[]> {
  const d = await gql<{ search: Named[] }>('query Indicators { search(text: "", types: [INDICATOR], first: 500) { id name nameEn } }');
  return d.search.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export async function nameOf(id: string): Promise<(Named & { type: string; indicator?: { id: string } | null }) | null> {
  const d = await gql<{ node: (Named & { type: string; indicator?: { id: string } | null }) | null }>(
    'query NameOf($id: ID!) { node(id: $id) { id type name nameEn ... on Observation { indicator { id } } } }', { id });
  return d.node;
}

export interface Profile {
  id: string;
  type: string;
  name: string;
  nameEn: string | null;
  reports: Array<{ id: string; title: string; year: number | null }>;
  reforms: Array<Named & { topics: Named[] }>;
  measures: Array<{ id: string; name: string; year: number | null; status: string | null }>;
  observations: Array<{ id: string; value: number | null; unit: string | null; year: number | null; direction: string | null; indicator: Named | null; mentions: SourceQuote[] }>;
}

export async function profile(id: string): Promise<Profile | null> {
  const d = await gql<{ node: Profile | null }>(`query BureauProfile($id: ID!) {
    node(id: $id) { id type name nameEn ... on Agency {
      reports { id title year }
      reforms { id name nameEn topics { id name nameEn } }
      measures { id name year status }
      observations { id value unit year direction indicator { id name nameEn } mentions { quote start end report { id title } } }
    } }
  }`, { id });
  if (!d.node || d.node.type !== 'AGENCY') return null;
  return d.node;
}

export async function agencies(): Promise<Named[]> {
  const d = await gql<{ search: Named[] }>('query Agencies { search(text: "", types: [AGENCY], first: 500) { id name nameEn } }');
  return d.search.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}
