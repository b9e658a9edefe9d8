import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IngestError } from '../../../server/ingest/errors';
import { Extractor, isolateScript } from '../../../server/ingest/isolate';
import { extract } from '../../../server/ingest/pipeline';

// The server and the ingest CLI read reports in a worker thread with a heap of its own (the
// extraction isolate). A user must get from it exactly what the pipeline gives on their own
// thread, the same refusals, and a report read even when the isolate cannot run.
const ROOT = path.join(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'dist/server/extractor.js');
// Objects from a worker's message belong to Node's own realm, not to Jest's sandbox, so they are
// compared by their JSON (what a store keeps of them): the same keys in the same order.
const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));
const seed = (name: string) => ({
  text: fs.readFileSync(path.join(ROOT, 'seeds/reports', `${name}.txt`), 'utf8'),
  meta: JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds/reports', `${name}.meta.json`), 'utf8')),
});

describe('the extraction isolate', () => {
  let isolate: Extractor;
  beforeAll(() => {
    execFileSync('node', ['scripts/build.mjs', '--if-stale'], { cwd: ROOT });
    isolate = new Extractor(SCRIPT);
  });
  afterAll(() => isolate.close());

  it('gives the extraction the pipeline gives on the caller’s thread', async () => {
    const { text, meta } = seed('hangzhou-psb-2022');
    const here = extract(text, meta);
    const there = await isolate.extract(text, meta);
    same(there, here);
    expect(there).toEqual(here);
    // The report is one of the nodes, as the store expects, not a copy beside them.
    expect(there.nodes).toContain(there.report);
    expect(there.report.props.agency).toBe('杭州市公安局');
  });

  it('answers reports sent together, each with its own graph', async () => {
    const a = seed('hangzhou-psb-2022');
    const b = seed('shaoxing-psb-2020');
    const [x, y] = await Promise.all([isolate.extract(a.text, a.meta), isolate.extract(b.text, b.meta)]);
    expect(x.report.props.agency).toBe('杭州市公安局');
    expect(y.report.props.agency).toBe('绍兴市公安局');
    same(y, extract(b.text, b.meta));
  });

  it('refuses what the pipeline refuses, with the same code', async () => {
    const e = await isolate.extract('   ', {}).catch((err: Error) => err);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('EMPTY');
  });

  it('reads on the caller’s thread when its worker cannot run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-isolate-'));
    const bad = path.join(dir, 'extractor.js');
    fs.writeFileSync(bad, 'throw new Error("cannot start")');
    const broken = new Extractor(bad);
    const { text, meta } = seed('shaoxing-psb-2020');
    same(await broken.extract(text, meta), extract(text, meta));
    await broken.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('still answers a report sent just before it is stopped', async () => {
    const own = new Extractor(SCRIPT);
    const { text, meta } = seed('hangzhou-psb-2022');
    const out = own.extract(text, meta);
    await own.close();
    same(await out, extract(text, meta));
  });

  it('is used only beside a bundle, never from a dist older than the sources running', () => {
    expect(isolateScript(path.join(ROOT, 'dist/server/main.js'))).toBe(SCRIPT);
    expect(isolateScript(path.join(ROOT, 'dist/server/cli/ingest.js'))).toBe(SCRIPT);
    expect(isolateScript(path.join(ROOT, 'server/ingest/isolate.ts'))).toBeNull();
  });
});
