import tty from 'node:tty';
import pino from 'pino';
import type { LogFormat } from '../config';
import { DroppingDestination } from './destination';

/**
 * The server's log on a file descriptor (stderr): JSON lines for collectors by default, or lines
 * for a person reading a terminal (KG_LOG_FORMAT=pretty). Either way every line goes through a
 * DroppingDestination, so a log nobody can write never holds up an answer (/health logDropped).
 * Levels: each request at debug; the start-up line, refusals and errors at info and above.
 */
export function createLogger(level: string, format: LogFormat, fd = 2): pino.Logger {
  const out = new DroppingDestination(fd);
  return pino({ level }, format === 'pretty' ? new PrettyDestination(out, tty.isatty(fd)) : out);
}

/** Formats each JSON line pino writes as pino-pretty would, in this process (no worker thread). */
class PrettyDestination {
  private readonly pretty: (line: string) => string;

  constructor(private readonly out: DroppingDestination, colorize: boolean) {
    // Loaded only when asked for: it takes about 0.1 s, which every start would pay otherwise.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    this.pretty = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
  }

  write(line: string): boolean {
    return this.out.write(this.pretty(line));
  }

  flush(cb?: (err?: Error) => void): void {
    this.out.flush(cb);
  }
}
