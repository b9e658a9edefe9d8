import { extract } from '../../server/ingest/pipeline';
import { MAX_REPORT_BYTES } from '../../server/ingest/validate';

// A report is untrusted text up to 2 MB. The pipeline's time must grow with the text, not with
// its square: each input below (one piece repeated) once took minutes at 2 MB. Times are
// compared between 1/8 and all of the limit, so a loaded machine does not fail the test: a
// linear stage takes ~8 times as long on 8 times the text, a quadratic one ~64 times.
const HEADER = '嘉兴市公安局2022年法治政府建设年度报告\n';
const fill = (unit: string, bytes: number) => HEADER + unit.repeat(Math.ceil((bytes - Buffer.byteLength(HEADER)) / Buffer.byteLength(unit)));

function timed(text: string): number {
  const t0 = performance.now();
  extract(text);
  return performance.now() - t0;
}

describe('the pipeline on hostile reports up to the 2 MB limit', () => {
  jest.setTimeout(300_000);
  beforeAll(() => timed(fill('推行改革。', 64 * 1024))); // lexicon and converters loaded once

  const hostile: Record<string, string> = {
    'digits': '1',
    'percentages without a comma': '1%',
    'rates without a full stop': '率达1%,',
    'changes with a level in brackets': '同比上升1%(达',
    'quoted document titles': '《条例》',
    'an opening quote': '“推行',
    'the agency name, no newline': '嘉兴市公安局推行改革',
    'the agency name on lines of its own': '嘉兴市公安局\n',
    'page furniture lines': '索引号\n',
    'full-width brackets': '（',
    'inline items': '一是',
    'newlines': '\n',
    'a sentence with a value, repeated': '推行“一件事”改革,网办率达90%。',
  };
  for (const [name, unit] of Object.entries(hostile)) {
    it(`${name}: time grows linearly`, () => {
      const small = timed(fill(unit, MAX_REPORT_BYTES / 8));
      const full = timed(fill(unit, MAX_REPORT_BYTES));
      console.log(`${name}: ${Math.round(small)} ms at 256 KB, ${Math.round(full)} ms at 2 MB`);
      expect(full).toBeLessThan(20 * small + 500);
    });
  }
});
