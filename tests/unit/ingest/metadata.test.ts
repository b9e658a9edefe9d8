import { detectMetadata } from '../../../server/ingest/metadata';
import { normalise } from '../../../server/ingest/normalise';
import { extract, IngestError } from '../../../server/ingest/pipeline';

describe('metadata from the text', () => {
  it('reads agency, place, year and publication date from a report page', () => {
    const text = '发布日期:2022-03-01 09:00 浏览次数:\n嘉兴市公安局2021年法治政府建设年度报告\n2021年,我局坚持依法行政。';
    expect(detectMetadata(normalise(text))).toEqual({
      title: '嘉兴市公安局2021年法治政府建设年度报告', year: 2021, agency: '嘉兴市公安局', place: '嘉兴市', publishedOn: '2022-03-01',
    });
  });

  it('takes the year reported on from the opening when the title has none', () => {
    expect(detectMetadata(normalise('2019年,景宁畲族自治县公安局坚持依法行政。')).year).toBe(2019);
    expect(detectMetadata(normalise('2019年,景宁畲族自治县公安局坚持依法行政。')).agency).toBe('景宁畲族自治县公安局');
  });

  it('refuses an empty text and a text that names no bureau', () => {
    expect(() => extract('   ')).toThrow(IngestError);
    expect(() => extract('今天天气很好。')).toThrow(/no agency/);
  });
});
