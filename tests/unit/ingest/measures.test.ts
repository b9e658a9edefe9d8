import { defaultLexicon } from '../../../server/ingest/lexicon';
import { isBoilerplate, measureName } from '../../../server/ingest/measures';
import { extract } from '../../../server/ingest/pipeline';

const verbs = defaultLexicon().vocabulary.actionVerbs;

describe('stock clauses', () => {
  it('are recognised whoever their subject is', () => {
    expect(isBoilerplate('坚持以习近平新时代中国特色社会主义思想为指导')).toBe(true);
    expect(isBoilerplate('2022年,市公安局在市委、市政府的坚强领导下'.split(',')[1])).toBe(true);
    expect(isBoilerplate('武汉市公安局按照市委、市政府和省公安厅部署', verbs)).toBe(true);
    expect(isBoilerplate('现将有关情况报告如下')).toBe(true);
    expect(isBoilerplate('组建法治人才库')).toBe(false);
  });

  it('name no measure', () => {
    expect(measureName('2022年,市公安局贯彻落实市委市政府和省公安厅工作部署。', verbs)).toBeUndefined();
    const text = '2024年,在省委省政府和公安部的坚强领导下,省公安厅紧紧围绕法治政府建设目标,坚持以习近平新时代中国特色社会主义思想为指导,深化完善“一二三六”吉林公安工作现代化发展战略,持续深化法治公安建设。';
    expect(measureName(text, verbs)).toBe('深化完善“一二三六”吉林公安工作现代化发展战略');
  });

  it('leave no measure in the graph when a sentence holds nothing else', () => {
    const text = '2021年,武汉市公安局按照市委、市政府和省公安厅部署,始终坚持以习近平法治思想为指导。\n一、主要工作措施\n举办市局党委专题读书班,示范带动各警种全覆盖开展培训。';
    const measures = extract(text, { agency: '武汉市公安局', year: 2021 }).nodes.filter((n) => n.type === 'MEASURE').map((n) => n.name);
    expect(measures).toEqual(['举办市局党委专题读书班']);
  });
});

describe('measure names from real sentences', () => {
  it('keep a quoted slogan whole even when it holds a comma', () => {
    expect(measureName('全市率先试点“综窗为主,专窗为辅”的一体化线下服务管理体系改革,通过增加桌面一体化综合受理设备。', verbs))
      .toBe('试点“综窗为主,专窗为辅”的一体化线下服务管理体系改革');
  });

  it('are the verb and the title, without the issuer, when the whole clause is too long', () => {
    expect(measureName('三是扎实开展专题学习教育。制定了开平市公安机关《关于开展深入贯彻中央八项规定精神学习教育的实施方案》,明确了目标任务、总体安排。'.split('。')[1], verbs))
      .toBe('制定《关于开展深入贯彻中央八项规定精神学习教育的实施方案》');
  });

  it('skip framing after a subject (…作为…, 结合…) and a result stated (取得新成效)', () => {
    expect(measureName('公安机关作为打击违法犯罪活动,维护社会稳定的重要力量,不仅担负着法治政府建设的工作。', verbs)).not.toMatch(/^作为/);
    expect(measureName('上海公安机关贯彻落实部署会精神,结合职责任务和工作部署,研究贯彻落实措施,明确重点任务和推进步骤。', verbs)).toBe('研究贯彻落实措施');
    expect(measureName('年,万州区公安局在区委区政府和市公安局的坚强领导下,以习新时代中国特色社会主义思想为指导,法治政府建设取得新成效。', verbs)).toBeUndefined();
  });
});

describe('measure names', () => {
  it('are the action without its subject and adverbs', () => {
    expect(measureName('各级公安机关负责人认真履行推进法治建设第一责任人职责,坚持定期向市委、市政府汇报履职情况。', verbs)).toBe('履行推进法治建设第一责任人职责');
    expect(measureName('一是开展执法资格等级考试,全局民警全部参考。', verbs)).toBe('开展执法资格等级考试');
  });

  it('stay short and never stop inside a title', () => {
    const name = measureName('积极推动市人大在全国省会城市中率先出台《关于全面开展打击治理电信网络诈骗违法犯罪工作的决定》,通过立法监督建立长效机制。', verbs)!;
    expect(name.length).toBeLessThanOrEqual(30);
    expect(name).toBe('推动市人大在全国省会城市中率先出台');
    expect(measureName('三是保障制度供给。出台《吉林省公安机', verbs)).not.toMatch(/《/);
  });
});
