import pino from 'pino';
import { readConfig } from './config';
import { readDecisions } from './curation/decisions';
import { createApp } from './http/app';
import { seedIfEmpty } from './seed';
import { createStore } from './store/create';

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = readConfig();
  // Request logs are JSON lines on stderr; stdout keeps the human start-up lines.
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const store = await createStore(config);
  await store.init();
  const seeded = await seedIfEmpty(store, (line) => console.log(line), readDecisions(config.curationFile));
  const { server, inFlight } = createApp(store, {
    writeToken: config.writeToken, readToken: config.readToken, curationFile: config.curationFile,
    corsOrigins: config.corsOrigins, limits: config.limits, logger: log,
  });
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    console.log(`${seeded ? `seeded ${seeded} reports; ` : ''}${config.store} store ready in ${Math.round(performance.now() - t0)} ms`);
    if (!config.writeToken) console.log('writes are disabled (set KG_WRITE_TOKEN to enable ingestReport and curation)');
    console.log(`listening on http://${config.host}:${port}`);
  });

  // Graceful stop: refuse new connections, let requests in flight finish, then close the store.
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing ${inFlight()} request(s), then closing`);
    server.close();
    server.closeIdleConnections();
    const waitIdle = setInterval(() => {
      if (inFlight() > 0) return;
      clearInterval(waitIdle);
      void store.close().then(() => {
        log.flush();
        process.exit(0);
      });
    }, 20);
    setTimeout(() => process.exit(1), 15000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  console.error(`cannot start: ${e.message}`);
  process.exit(1);
});
