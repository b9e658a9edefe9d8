import { createApp } from '../../server/http/app';
import type { GraphStore } from '../../server/store/store';

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Runs GraphQL requests against the real HTTP app's yoga handler, in process. */
export function gqlClient(store: GraphStore) {
  const { yoga } = createApp(store);
  return async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };
}
