import { GraphQLError } from 'graphql';
import { IngestError } from '../ingest/errors';
import { ingestReport, IngestInput } from '../services/ingest';
import { ReportPatch, updateReport } from '../services/update';
import { checkWriteToken } from './auth';
import type { Context } from './context';

function refused(e: unknown): never {
  if (e instanceof IngestError) throw new GraphQLError(e.message, { extensions: { code: e.code } });
  throw e;
}

export const mutationResolvers = {
  Mutation: {
    ingestReport: async (_: unknown, { input }: { input: IngestInput }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writers);
      try {
        const r = await ingestReport(ctx.store, input, { decisions: ctx.curation?.decisions() ?? [] });
        return { report: (await ctx.store.getNodes([r.extraction.report.id]))[0] ?? r.extraction.report, created: r.created, counts: r.counts, warnings: r.warnings };
      } catch (e) {
        refused(e);
      }
    },
    updateReport: async (_: unknown, { id, input }: { id: string; input: ReportPatch }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writers);
      try {
        const r = await updateReport(ctx.store, id, input, { decisions: ctx.curation?.decisions() ?? [] });
        return { report: (await ctx.store.getNodes([id]))[0] ?? r.extraction.report, created: r.created, counts: r.counts, warnings: r.warnings };
      } catch (e) {
        refused(e);
      }
    },
    deleteReport: async (_: unknown, { id }: { id: string }, ctx: Context) => {
      checkWriteToken(ctx.authorization, ctx.writers);
      return ctx.store.deleteReport(id);
    },
  },
};
