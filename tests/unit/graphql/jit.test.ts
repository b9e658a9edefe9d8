// graphql-jit compiles a repeated query when the server is idle after the run that made it due,
// so no reader's request waits for the compilation (the explorer's overview takes hundreds of ms).
import { createYoga } from 'graphql-yoga';
import { createContext } from '../../../server/graphql/context';
import { DEFAULT_JIT, jitPlugin } from '../../../server/graphql/jit';
import { buildSchema } from '../../../server/graphql/schema';
import { seededMemoryStore } from '../../helpers/seedStore';

const QUERY = '{ stats { nodes edges reports } reports { id title year } }';
const key = `\u0000${QUERY}`;
const idle = () => new Promise((r) => setImmediate(r));

async function setup() {
  const { store } = await seededMemoryStore();
  const schema = buildSchema();
  const jit = jitPlugin(schema, DEFAULT_JIT);
  const yoga = createYoga({ schema, plugins: [jit], context: () => createContext(store), logging: false });
  const ask = async () => {
    const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    return res.json();
  };
  return { jit, ask };
}

test('the run that makes a query due is answered before it is compiled; the server compiles it when idle, and the compiled answer is the same', async () => {
  const { jit, ask } = await setup();
  const first = await ask();
  expect(first.data.stats.reports).toBe(2);
  await ask();
  expect(await ask()).toEqual(first); // the third run: due
  expect(jit.cache.get(key)).toBeUndefined();
  await idle();
  expect(jit.cache.get(key)).toBeDefined();
  expect(await ask()).toEqual(first);
});

test('a query asked again before the server was idle is compiled for that run', async () => {
  const { jit, ask } = await setup();
  await ask();
  await ask();
  let turned = false;
  setImmediate(() => (turned = true));
  const [a, b] = await Promise.all([ask(), ask()]); // the due run and the next, sent at once
  expect(turned).toBe(false); // no idle moment came between them
  expect(jit.cache.get(key)).toBeDefined();
  expect(b).toEqual(a);
});
