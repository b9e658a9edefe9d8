import { GraphQLError } from 'graphql';
import { CurationError } from '../curation/service';
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

type Args = { why?: string; who?: string; dryRun: boolean };

export const curationResolvers = {
  Query: {
    curation: (_: unknown, __: unknown, ctx: Context) => curation(ctx).decisions(),
  },
  Mutation: {
    mergeNodes: (_: unknown, a: Args & { ids: string[]; into: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writeToken);
      return run(() => curation(ctx).merge(a.ids, a.into, a.why ?? '', a.who || 'curator', a.dryRun));
    },
    renameNode: (_: unknown, a: Args & { id: string; name: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writeToken);
      return run(() => curation(ctx).rename(a.id, a.name, a.why ?? '', a.who || 'curator', a.dryRun));
    },
    assignTopic: (_: unknown, a: Args & { id: string; topic: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writeToken);
      return run(() => curation(ctx).setTopic(a.id, a.topic, true, a.why ?? '', a.who || 'curator', a.dryRun));
    },
    unassignTopic: (_: unknown, a: Args & { id: string; topic: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writeToken);
      return run(() => curation(ctx).setTopic(a.id, a.topic, false, a.why ?? '', a.who || 'curator', a.dryRun));
    },
    unmergeNode: (_: unknown, a: Args & { id: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writeToken);
      return run(() => curation(ctx).unmerge(a.id, a.why ?? '', a.who || 'curator', a.dryRun));
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
