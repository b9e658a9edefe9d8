import { defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { extract } from '../../../server/ingest/pipeline';
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

describe('a count written as a clause about who did it', () => {
  const text = '在党委理论学习中心组2023年第8次集中学习(扩大)会上,由各党委成员围绕学习习近平法治思想作研讨发言1次;在每周学习例会上,组织全局民警、辅警和职工开展习近平法治思想学习15次。';

  it('marks the clause, so the count stands under its family, not under an indicator named by the clause', () => {
    const obs = observations(text);
    expect(obs.map((o) => [o.value, o.unit, o.family, o.clause])).toEqual([[1, '次', '理论学习场次', true], [15, '次', '理论学习场次', true]]);
    const x = extract(text);
    const indicators = x.nodes.filter((n) => n.type === 'INDICATOR');
    expect(indicators.map((n) => [n.name, n.props.family])).toEqual([['理论学习场次', true]]);
    // Each count still cites its own words.
    const counts = x.nodes.filter((n) => n.type === 'OBSERVATION').map((n) => x.text.slice(n.mentions[0].start, n.mentions[0].end));
    expect(counts).toEqual(['由各党委成员围绕学习习近平法治思想作研讨发言1次', '组织全局民警、辅警和职工开展习近平法治思想学习15次']);
  });

  it('keeps a list of what was done for the name (抓实第一议题、理论学习中心组学习)', () => {
    const obs = observations('分局党委抓实第一议题、理论学习中心组学习39次。');
    expect(obs.map((o) => [o.indicator, o.value, o.clause])).toEqual([['抓实第一议题、理论学习中心组学习', 39, undefined]]);
  });
});

describe('a count named as written, with who did it', () => {
  it('names it from its subject (各警种、各部门) without the verbs before it or how thoroughly it was done', () => {
    const obs = observations('举办市局党委专题读书班,示范带动各警种、各部门全覆盖开展培训563场次。');
    expect(obs.map((o) => [o.indicator, o.value, o.unit])).toEqual([['开展培训', 563, '场次']]);
    expect(obs[0].indicatorAliases).toContain('各警种、各部门开展培训');
    expect(obs[0].quote).toBe('开展培训563场次');
  });
});

describe('rates listed with one shared tail (行政、刑事案件快办率分别达…)', () => {
  // Hangzhou's seed report.
  const text = '年内,全市业务警种办案率达69.9%,行政、刑事案件快办率分别达76.7%、26.4%,单轨制办案率超95%。';

  it('cites each part where it is written, never the punctuation before it, for the indicator and its family', () => {
    const x = extract(text);
    const quotes = (name: string) => x.nodes.find((n) => n.type === 'INDICATOR' && n.name === name)!.mentions.map((m) => x.text.slice(m.start, m.end));
    expect(quotes('行政案件快办率')).toEqual(['行政']);
    expect(quotes('快办率')).toEqual(['行政', '快办率']);
    for (const n of x.nodes) for (const m of n.mentions) expect(x.text.slice(m.start, m.end)).not.toMatch(/^[,、;:]/);
  });
});
