import { englishLabel, shortLabel } from '../../../web/src/style';

// Labels of the explorer in English, from English names the pipeline gives the seeds and fixtures.
describe('English labels on the graph', () => {
  it('names a bureau by its short form instead of cutting it mid-word', () => {
    expect(englishLabel('Shaoxing Municipal Public Security Bureau')).toBe('Shaoxing PSB');
    expect(englishLabel('Wuxing Branch, Huzhou Municipal Public Security Bureau')).toBe('Wuxing Branch, Huzhou PSB');
  });

  it('cuts long English between words, never inside one', () => {
    const label = shortLabel('Case-handling management centre operation quality and efficiency still uneven', 40);
    expect(label).toBe('Case-handling management centre…');
    expect(label.length).toBeLessThanOrEqual(40);
  });

  it('keeps the gloss of a glossed name and shortens its Chinese', () => {
    expect(englishLabel('执法检查、信访投诉、司法监督、民意感知等方面暴露出来的问题 (problem of law-enforcement inspections, petitions, judicial supervision)'))
      .toBe('执法检查、信访… (problem of law-enforcement…)');
    expect(englishLabel('背包警务 (… policing)')).toBe('背包警务 (… policing)');
  });

  it('still cuts a Chinese name by characters', () => {
    expect(shortLabel('关于明确专业警种与派出所办理刑事案件职责边界的意见')).toBe('关于明确专业警种与派出所办理刑事案…');
  });
});
