import { GraphQLError } from 'graphql';
import type { GraphNode } from '../model/types';
import { provinceNamed } from '../ingest/places';
import type { DivisionLevel } from '../ingest/divisions';
import type { Context } from './context';

/**
 * The place filter of search, neighborhood, reports, topics, indicatorSeries, adoptions and
 * diffusion: a province (浙江省 or 浙江) and/or a level of bureau. It becomes the set of reports
 * whose bureau lies there (a report carries its bureau's division), and a node passes when one
 * of them states it: the same rule on both stores.
 */
export interface PlaceArgs {
  province?: string | null;
  level?: DivisionLevel | null;
}

export function placeFilterOf(args: PlaceArgs): { province?: string; level?: DivisionLevel } | undefined {
  if (!args.province && !args.level) return undefined;
  const province = args.province ? provinceNamed(args.province.trim()) : undefined;
  if (args.province && !province) {
    throw new GraphQLError(`province "${args.province}" is not a province-level division of GB/T 2260 (write 浙江省 or 浙江)`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return { province, level: args.level ?? undefined };
}

export function inPlace(r: GraphNode, f: { province?: string; level?: DivisionLevel }): boolean {
  return (!f.province || r.props.province === f.province) && (!f.level || r.props.level === f.level);
}

/** The ids of the reports in the place, or undefined without a filter. One store call per request. */
export async function scopeReports(ctx: Context, args: PlaceArgs): Promise<string[] | undefined> {
  const f = placeFilterOf(args);
  if (!f) return undefined;
  ctx.allReports ??= ctx.store.reports();
  return (await ctx.allReports).filter((r) => inPlace(r, f)).map((r) => r.id);
}

/** A node some report in scope states (a node no report states passes, as in the stores). */
export function statedIn(n: GraphNode, reports: ReadonlySet<string>): boolean {
  return !n.mentions.length || n.mentions.some((m) => reports.has(m.reportId));
}
