import { buildLexicon, defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { structure } from '../../../server/ingest/structure';

function mentionsOf(text: string, lex = defaultLexicon()) {
  const st = structure(normalise(text), 2021);
  return extractMentions(st.sentences, lex);
}
const names = (text: string, type: string, lex = defaultLexicon()) => mentionsOf(text, lex).filter((m) => m.type === type).map((m) => m.name);

// Sentences written for these tests in the genre's style (not taken from the seeds).
describe('mentions', () => {
  const noLexicon = buildLexicon([], defaultLexicon().vocabulary);

  it('finds platforms by their kind word, cutting the verb and 的 in front, without the lexicon', () => {
    expect(names('依托自主研发的智慧警务协同平台,上线运行“警民通”小程序和交通违法处理系统。', 'PLATFORM', noLexicon).sort()).toEqual(
      ['交通违法处理系统', '智慧警务协同平台', '警民通'].sort(),
    );
  });

  it('does not take generic words or award titles for platforms', () => {
    expect(names('依托全省平台,获评“全省数字化改革最佳应用”。', 'PLATFORM')).toEqual([]);
  });

  it('finds units and outside organisations', () => {
    expect(names('组建12支专业打击队,与浙江警察学院签订合作协议。', 'UNIT')).toContain('专业打击队');
    expect(names('组建12支专业打击队,与浙江警察学院签订合作协议。', 'ORGANIZATION')).toContain('浙江警察学院');
  });

  it('finds 《》 documents and rules a sentence says were issued', () => {
    const found = names('制定《涉企案件办理规范》,出台优化营商环境20项措施、执法监督工作细则。', 'POLICY_DOCUMENT');
    expect(found).toEqual(expect.arrayContaining(['涉企案件办理规范', '优化营商环境20项措施', '执法监督工作细则']));
    expect(names('通过下发执法建议书、挂牌整治等措施。', 'POLICY_DOCUMENT')).toEqual([]);
  });

  it('reads indicator values, lists with 分别 and changes with the level reached', () => {
    const obs = mentionsOf('行政、刑事案件快办率分别达81.2%、30.5%,刑事快办率同比上升5.1%(达30.5%)。')
      .filter((m) => m.type === 'OBSERVATION').map((m) => m.observation!);
    expect(obs.map((o) => [o.indicator, o.value])).toEqual([
      ['行政案件快办率', 81.2], ['刑事案件快办率', 30.5], ['刑事快办率', 30.5],
    ]);
    expect(obs[2].change).toBe(5.1);
    expect(obs[2].direction).toBe('同比上升');
  });

  it('does not split words like 在押 or 平均 at a one-character boundary', () => {
    const obs = mentionsOf('在押人员认罪认罚率达65%,群众对民警平均熟悉率提升12%。').filter((m) => m.type === 'OBSERVATION');
    expect(obs.map((o) => o.observation!.indicator)).toEqual(['在押人员认罪认罚率', '民警平均熟悉率']);
  });

  it('resolves aliases and Traditional characters to the lexicon concept', () => {
    expect(names('深入推進刑事案件「繁簡分流」,全面運行執法辦案中心。', 'REFORM')).toContain('繁简分流');
    expect(names('深入推進刑事案件「繁簡分流」,全面運行執法辦案中心。', 'UNIT')).toContain('执法办案管理中心');
  });

  it('finds problems a measure names as its target', () => {
    expect(names('针对涉企案件久拖不决问题,开展专项清理。', 'PROBLEM')).toEqual(['涉企案件久拖不决问题']);
  });
});
