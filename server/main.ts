import { readConfig } from './config';
import { readDecisions } from './curation/decisions';
import { createApp } from './http/app';
import { GraphEvents } from './http/events';
import { createLogger } from './log/logger';
import { Curation } from './services/curation';
import { seedIfEmpty } from './services/seed';
import { createStore } from './store/create';
import { type GraphStore, StoreUnavailableError } from './store/store';

/**
 * Opens the store, waiting while it does not answer yet: a server and its Neo4j started together
 * (by systemd, by a script) need not start in order. Refused credentials stop at once, unless
 * Neo4j was down when we began: one that has just started may still be setting its password.
 */
async function initStore(store: GraphStore, waitSeconds: number): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  let sawDown = false;
  let said = '';
  for (;;) {
    try {
      return await store.init();
    } catch (e) {
      if (!(e instanceof StoreUnavailableError) || Date.now() >= deadline) throw e;
      const credentials = /credentials/.test(e.message);
      if (credentials && !sawDown) throw e;
      sawDown ||= !credentials;
      const kind = credentials ? 'credentials' : 'down';
      if (said !== kind) console.log(`${e.message}; waiting up to ${waitSeconds} s for it (KG_STORE_WAIT_SECONDS)`);
      said = kind;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  // Where a start spends its time (wall and CPU ms per step, since the process began), logged at
  // debug: a slow start at a million nodes is told apart from a slow disk or a busy machine.
  const steps: Record<string, { ms: number; cpuMs: number }> = {};
  const step = (name: string) => {
    const cpu = process.cpuUsage();
    steps[name] = { ms: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  };
  step('modules');
  const config = readConfig();
  // The log is on stderr (JSON lines, or pretty ones); stdout keeps the human start-up lines. A
  // line that cannot be written is dropped and counted (/health logDropped), never waited for.
  const log = createLogger(config.logLevel, config.logFormat);
  const store = await createStore(config);
  await initStore(store, config.storeWaitSeconds);
  // The embedded store's own steps (graph, index files, indexes, journal), before its total.
  const inner = (store as { startSteps?: Record<string, { ms: number; cpuMs: number }> }).startSteps;
  for (const [name, at] of Object.entries(inner ?? {})) steps[`store.${name}`] = at;
  step('store');
  for (const w of store.warnings ?? []) console.log(`warning: ${w}`);
  const seeded = await seedIfEmpty(store, (line) => console.log(line), readDecisions(config.curationFile));
  step('seed');
  // Curation writes the whole graph again: through the announcer, so open pages refresh.
  const events = new GraphEvents();
  const curation = new Curation(events.watch(store), config.curationFile);
  const { server, inFlight } = createApp(store, {
    writeTokens: config.writeTokens, readToken: config.readToken, curation, events,
    corsOrigins: config.corsOrigins, limits: config.limits, logger: log,
  });
  step('app');
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    step('listen');
    log.debug({ steps }, 'start-up steps: ms and CPU ms since the process began, at the end of each');
    console.log(`${seeded ? `seeded ${seeded} reports; ` : ''}${config.store} store ready in ${Math.round(performance.now() - t0)} ms`);
    if (!config.writeTokens.length) console.log('writes are disabled (set KG_WRITE_TOKEN to enable ingestReport and curation)');
    console.log(`listening on http://${config.host}:${port}`);
    log.info({ url: `http://${config.host}:${port}`, store: config.store, seeded, ms: Math.round(performance.now() - t0), writes: config.writeTokens.length > 0 }, `listening on http://${config.host}:${port}`);
  });

  // Graceful stop: refuse new connections, let requests in flight finish, then close the store.
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing ${inFlight()} request(s), then closing`);
    log.info({ signal, inFlight: inFlight() }, 'stopping');
    server.close();
    events.close();
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
