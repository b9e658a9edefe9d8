// The pipeline remembers composed English names across reports (a server reads report after
// report). What it remembers must not change a graph: a report read after others gives the
// graph it gives alone, or the two stores, seeded in different orders, disagree.
import fs from 'node:fs';
import path from 'node:path';

const SEEDS = path.resolve(__dirname, '../../../seeds/reports');
const read = (f: string) => fs.readFileSync(path.join(SEEDS, f), 'utf8');

function freshExtract(): typeof import('../../../server/ingest/pipeline').extract {
  let extract: typeof import('../../../server/ingest/pipeline').extract | undefined;
  jest.isolateModules(() => {
    extract = require('../../../server/ingest/pipeline').extract;
  });
  return extract!;
}

test('a report read after the other seed, or after itself, gives the graph it gives alone', () => {
  const files = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  expect(files.length).toBe(2);
  for (const [first, second] of [files, [...files].reverse()]) {
    const alone = JSON.stringify(freshExtract()(read(second)));
    const extract = freshExtract();
    extract(read(first));
    expect(JSON.stringify(extract(read(second)))).toBe(alone);
    expect(JSON.stringify(extract(read(second)))).toBe(alone);
  }
});
