import { GraphQLError } from 'graphql';
import { CurationError } from '../services/curation';
import type { GraphNode } from '../model/types';
import { checkWriteToken } from './auth';
import type { Context } from './context';

function curation(ctx: Context) {
  if (!ctx.curation) throw new GraphQLError('curation is not configured on this server');
  return ctx.curation;
}

async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CurationError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw e;
  }
}

// `who` is still accepted (older clients send it) but not believed: the token names the curator.
type Args = { why?: string; dryRun: boolean };

export const curationResolvers = {
  Query: {
    curation: (_: unknown, __: unknown, ctx: Context) => curation(ctx).decisions(),
  },
  Mutation: {
    mergeNodes: (_: unknown, a: Args & { ids: string[]; into: string }, ctx: Context) => {
      const who = checkWriteToken(ctx.authorization, ctx.writers);
      return run(() => curation(ctx).merge(a.ids, a.into, a.why ?? '', who, a.dryRun));
    },
    renameNode: (_: unknown, a: Args & { id: string; name: string }, ctx: Context) => {
      const who = checkWriteToken(ctx.authorization, ctx.writers);
      return run(() => curation(ctx).rename(a.id, a.name, a.why ?? '', who, a.dryRun));
    },
    assignTopic: (_: unknown, a: Args & { id: string; topic: string }, ctx: Context) => {
      const who = checkWriteToken(ctx.authorization, ctx.writers);
      return run(() => curation(ctx).setTopic(a.id, a.topic, true, a.why ?? '', who, a.dryRun));
    },
    unassignTopic: (_: unknown, a: Args & { id: string; topic: string }, ctx: Context) => {
      const who = checkWriteToken(ctx.authorization, ctx.writers);
      return run(() => curation(ctx).setTopic(a.id, a.topic, false, a.why ?? '', who, a.dryRun));
    },
    unmergeNode: (_: unknown, a: Args & { id: string }, ctx: Context) => {
      const who = checkWriteToken(ctx.authorization, ctx.writers);
      return run(() => curation(ctx).unmerge(a.id, a.why ?? '', who, a.dryRun));
    },
  },
};

/** Node.history: the curation records kept on the node. */
export function history(n: GraphNode): Array<Record<string, string>> {
  const raw = n.props.curation;
  if (typeof raw !== 'string') return [];
  try {
    return JSON.parse(raw) as Array<Record<string, string>>;
  } catch {
    return [];
  }
}
