// The extraction isolate's entry (bundled to dist/server/extractor.js): reads each report it is
// sent with the pipeline and posts the extraction back. See isolate.ts for why it exists.
import { parentPort } from 'node:worker_threads';
import { extract } from './pipeline';
import type { IsolateReply, IsolateRequest } from './isolate';

if (!parentPort) throw new Error('extractor.js runs as a worker thread (server/ingest/isolate.ts starts it)');
const port = parentPort;

port.on('message', ({ id, text, meta }: IsolateRequest) => {
  let reply: IsolateReply;
  try {
    // The caller has the text: it is not copied back.
    reply = { id, x: { ...extract(text, meta), text: '' } };
  } catch (e) {
    const err = e as Error & { code?: string };
    reply = { id, error: { name: err.name, code: err.code, message: err.message, stack: err.stack } };
  }
  port.postMessage(reply);
});
