import { readConfig } from './config';
import { readDecisions } from './curation/decisions';
import { createApp } from './http/app';
import { seedIfEmpty } from './seed';
import { createStore } from './store/create';

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = readConfig();
  const store = await createStore(config);
  await store.init();
  const seeded = await seedIfEmpty(store, (line) => console.log(line), readDecisions(config.curationFile));
  const { server } = createApp(store, { writeToken: config.writeToken, curationFile: config.curationFile });
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    console.log(`${seeded ? `seeded ${seeded} reports; ` : ''}${config.store} store ready in ${Math.round(performance.now() - t0)} ms`);
    console.log(`listening on http://${config.host}:${port}`);
  });
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    server.close(() => void store.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  console.error(`cannot start: ${e.message}`);
  process.exit(1);
});
