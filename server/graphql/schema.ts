import fs from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { SCHEMA_DIR } from '../paths';
import { guardResolvers } from './budget';
import { curationResolvers } from './curation';
import { diffusionResolvers } from './diffusion';
import { mutationResolvers } from './mutations';
import { researchResolvers } from './research';
import { resolvers } from './resolvers';

/** The executable schema: every SDL file of server/schema with the resolvers, each checking the query's budget first. */
export function buildSchema() {
  const typeDefs = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql')).sort().map((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
  return guardResolvers(makeExecutableSchema({ typeDefs, resolvers: [resolvers, researchResolvers, mutationResolvers, curationResolvers, diffusionResolvers] as never }));
}
