// The research views' questions to the server: topics, an indicator's series, a bureau's profile.
// Everything goes through the explorer's gql(); every string that comes back is shown as text.
import { flat, gql, type Flat } from '../api';
import type * as G from '../generated/graphql';
import * as Q from '../generated/graphql';

export interface TopicInfo {
  id: string;
  name: string;
  nameEn: string | null;
  count: number;
  /** Ids of its reforms, measures, problems and platforms. */
  members: Set<string>;
}

export async function topics(): Promise<TopicInfo[]> {
  const d = await gql(Q.ResearchTopicsDocument);
  return d.topics.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, count: t.count, members: new Set(t.members.map((m) => m.id)) }));
}

export type SourceQuote = G.SourceQuoteFragment;

/** One observation of an indicator: a bureau's figure of a year, with the quotes that state it. */
export type SeriesPoint = G.IndicatorSeriesQuery['indicatorSeries'][number];

export async function indicatorSeries(id: string): Promise<SeriesPoint[]> {
  const d = await gql(Q.IndicatorSeriesDocument, { id });
  return d.indicatorSeries;
}

export type Named = G.NamedFragment;

export async function indicators(): Promise<Named[]> {
  const d = await gql(Q.IndicatorsDocument);
  return d.search.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export async function nameOf(id: string): Promise<Flat<NonNullable<G.NameOfQuery['node']>> | null> {
  const d = await gql(Q.NameOfDocument, { id });
  return d.node && flat(d.node);
}

/** A bureau's profile: its reports, reforms (with their policy areas), measures and observations. */
export type Profile = Extract<NonNullable<G.BureauProfileQuery['node']>, { reports: unknown }>;

export async function profile(id: string): Promise<Profile | null> {
  const d = await gql(Q.BureauProfileDocument, { id });
  if (!d.node || d.node.type !== 'AGENCY' || !('reports' in d.node)) return null;
  return d.node;
}

export async function agencies(): Promise<Named[]> {
  const d = await gql(Q.AgenciesDocument);
  return d.search.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}
