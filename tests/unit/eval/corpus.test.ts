import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreCorpus } from '../../../server/eval/corpus';

// The development-corpus scorer on a corpus made here (never ../shared: npm test runs alone):
// the Shaoxing seed's opening with an annotation written from its text, and a page that is not
// a report, which must count as refused.
const SEED = path.resolve(__dirname, '../../../seeds/reports/shaoxing-psb-2020.txt');

describe('npm run eval -- --corpus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-corpus-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'reports'));
  fs.mkdirSync(path.join(dir, 'gold'));
  fs.writeFileSync(path.join(dir, 'reports/shaoxing.txt'), fs.readFileSync(SEED, 'utf8').slice(0, 1600));
  fs.writeFileSync(path.join(dir, 'reports/notice.txt'), '本站将于周六进行系统维护。');
  const gold = (file: string, extra: object) => ({ file, agencyAlt: [], agencyNamedInText: true, entities: [], values: [], problems: [], plans: [], ...extra });
  fs.writeFileSync(path.join(dir, 'gold/shaoxing.json'), JSON.stringify(gold('shaoxing.txt', {
    agency: '绍兴市公安局',
    year: 2020,
    entities: [
      { types: 'PRINCIPLE|REFORM', key: '习近平法治思想', alt: [] },
      { types: 'REFORM', key: '刑侦体制改革', alt: [] },
      // Written in the text, but as a UNIT it is not an organisation: a wrong type is a miss.
      { types: 'ORGANIZATION', key: '派出所', alt: [] },
    ],
    values: [
      { indicator: '专业打击占比', value: 62.69, unit: '%' },
      { indicator: '交通事故现场办结率', value: 71.65, unit: '%' },
      { indicator: '网格', value: 233, unit: '个' },
    ],
  })));
  fs.writeFileSync(path.join(dir, 'gold/notice.json'), JSON.stringify(gold('notice.txt', { agency: '某市公安局', year: 2020 })));

  const score = scoreCorpus(dir);
  const run = (name: string) => score.runs.find((r) => r.name === name)!;

  it('reads each report as text alone and checks agency and year', () => {
    expect(run('shaoxing.txt')).toMatchObject({ agencyOk: true, yearOk: true });
    expect(run('shaoxing.txt').refused).toBeUndefined();
  });

  it('counts a text the pipeline refuses, with the reason', () => {
    expect(run('notice.txt').refused).toMatch(/not a report/);
  });

  it('finds an annotated entity only under an accepted type', () => {
    const t = run('shaoxing.txt').entities;
    expect(t.get('PRINCIPLE')?.tp).toBe(1);
    expect(t.get('ORGANIZATION')).toMatchObject({ tp: 0, fn: 1, falseNegatives: ['派出所 (ORGANIZATION)'] });
  });

  it('matches values by number and unit as written', () => {
    const v = run('shaoxing.txt').values;
    expect(v.tp).toBeGreaterThanOrEqual(2);
    expect(v.tp + v.fn).toBe(3);
  });

  it('refuses a folder without reports/ and gold/', () => {
    expect(() => scoreCorpus(path.join(dir, 'reports'))).toThrow(/reports\/ and gold\//);
  });
});
