import { runBudgeted } from '../../../server/graphql/budget';
import { createContext } from '../../../server/graphql/context';
import type { GraphStore } from '../../../server/store/store';
import { seededMemoryStore } from '../../helpers/seedStore';

// Yoga (envelop's extendContext) and the fast lane (server/http/lane.ts) both copy the fields of
// the object createContext returns into a context of their own with Object.assign, and the budget
// is set on that copy. A query past its budget must still make no more store calls from the
// batches the copy carries, even for fields that asked before the time ran out.
describe('a query past its budget', () => {
  let store: GraphStore;
  let reportId: string;
  beforeAll(async () => {
    store = (await seededMemoryStore()).store;
    reportId = (await store.reports())[0].id;
  });

  function counting(): { store: GraphStore; texts: () => number } {
    let texts = 0;
    const counted = Object.assign(Object.create(store), {
      reportTexts: (ids: string[]) => {
        texts++;
        return store.reportTexts(ids);
      },
    }) as GraphStore;
    return { store: counted, texts: () => texts };
  }

  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('makes no store call from a batch of the context copy yoga and the lane run it on', async () => {
    const { store: s, texts } = counting();
    const ctx = Object.assign({ request: {} }, createContext(s));
    let asked: Promise<string | null> | undefined;
    const answer = await runBudgeted(ctx, 5, 1000, async () => {
      asked = ctx.texts.get(reportId);
      busy(20);
      // As graphql does with a field that failed: its error is kept, the rest goes on.
      await asked.catch(() => null);
      return { data: {} };
    });
    expect(answer).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'QUERY_TIMEOUT' } })] });
    await expect(asked).rejects.toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
    expect(texts()).toBe(0);
  });

  it('still makes the call within its budget', async () => {
    const { store: s, texts } = counting();
    const ctx = Object.assign({ request: {} }, createContext(s));
    const answer = await runBudgeted(ctx, 5000, 1000, () => ctx.texts.get(reportId));
    expect(typeof answer).toBe('string');
    expect((answer as string).length).toBeGreaterThan(1000);
    expect(texts()).toBe(1);
  });
});
