import { defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { structure } from '../../../server/ingest/structure';

// What a figure is of, read from the words around it. Sentences quoted from the dev corpus.
function observations(text: string) {
  const n = normalise(text);
  const st = structure(n, 2018);
  return extractMentions(st.sentences, defaultLexicon()).filter((m) => m.type === 'OBSERVATION').map((m) => ({ ...m.observation!, quote: n.view.slice(m.start, m.end), indicatorQuote: n.view.slice(m.observation!.indicatorStart, m.observation!.indicatorEnd) }));
}

describe('a document counting its own parts', () => {
  const text = '2017年,在中央两办《关于深化公安执法规范化建设的意见》基础上,结合我省公安工作实际,省两办出台了《关于深化公安执法规范化建设的实施意见》,该《意见》从深化执法制度建设、规范行政执法、加强执法主体能力建设等7个部分共33项内容,提出了落实的具体措施。';

  it('names the parts after the document 该《意见》 stands for', () => {
    const obs = observations(text);
    expect(obs.map((o) => [o.indicator, o.value, o.unit])).toEqual([
      ['关于深化公安执法规范化建设的实施意见部分', 7, '个部分'],
      ['关于深化公安执法规范化建设的实施意见内容', 33, '项'],
    ]);
    // Each cites the words that say it, from 该《意见》 on.
    expect(obs[0].indicatorQuote.startsWith('该《意见》')).toBe(true);
    expect(obs[1].quote).toBe('33项内容');
    expect(obs[1].family).toBeUndefined();
  });
});

describe('a rate taken over a counted population', () => {
  it('starts the rate\'s name after the count of what it is taken over (52所学校)', () => {
    const obs = observations('督促整改各类隐患664处,全区52所学校“一键报警音视频复合系统”安装率达100%。');
    const rate = obs.find((o) => o.unit === '%')!;
    expect(rate.indicator).toBe('一键报警音视频复合系统安装率');
    expect(rate.value).toBe(100);
    // The schools are still counted.
    expect(obs.map((o) => `${o.value}${o.unit}`)).toEqual(expect.arrayContaining(['664处', '52所', '100%']));
  });
});
