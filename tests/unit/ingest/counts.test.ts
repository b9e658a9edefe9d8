import { defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { extract } from '../../../server/ingest/pipeline';
import { structure } from '../../../server/ingest/structure';

// Sentences quoted from real reports (the development corpus and the seeds).
function observations(text: string) {
  const n = normalise(text);
  const st = structure(n, 2023);
  return extractMentions(st.sentences, defaultLexicon()).filter((m) => m.type === 'OBSERVATION').map((m) => ({ ...m.observation!, quote: n.view.slice(m.start, m.end) }));
}
const figures = (text: string) => observations(text).map((o) => `${o.value}${o.unit}`);

describe('counts of what a bureau did or found', () => {
  it('reads each count with its measure word, and a 同比 change beside it as a second value', () => {
    const obs = observations('2024年,全区共发刑事案件1546起,同比下降43.69%;破案656起,破案率42.43%。');
    expect(obs.map((o) => [o.indicator, o.value, o.unit])).toEqual(expect.arrayContaining([
      ['发刑事案件', 1546, '起'], ['发刑事案件', 43.69, '%'], ['破案', 656, '起'], ['破案率', 42.43, '%'],
    ]));
    expect(obs.find((o) => o.value === 1546)).toMatchObject({ kind: 'count', change: 43.69, direction: '同比下降' });
    expect(obs.find((o) => o.value === 43.69)).toMatchObject({ kind: 'change', direction: '同比下降' });
  });

  it('reads the change written after a rate as a value of its own (sentences from the fixtures: no seed or dev text has one)', () => {
    const obs = observations('全年刑事案件快办率达31.5%,同比上升8.2个百分点;全年刑事案件快办率达36.8%,同比上升7.4%。');
    expect(obs.map((o) => [o.indicator, o.value, o.unit, o.kind])).toEqual([
      ['刑事案件快办率', 31.5, '%', 'quantity'], ['刑事案件快办率', 8.2, '个百分点', 'change'],
      ['刑事案件快办率', 36.8, '%', 'quantity'], ['刑事案件快办率', 7.4, '%', 'change'],
    ]);
    expect(obs[0]).toMatchObject({ change: 8.2, direction: '同比上升' });
  });

  it('keeps a count written without a measure word when a change follows it', () => {
    expect(figures('破获刑事案件530起,打击处理613人,抓获逃犯101人;查处各类治安案件1326,同比上升48.6%。'))
      .toEqual(['530起', '613人', '101人', '1326', '48.6%']);
  });

  it('writes the unit as the text does, with 余/多 and 万/亿, and keeps the qualifier and the amount apart', () => {
    const obs = observations('涉虚假环评文件10万余份,涉案金额30多亿元,共抓获嫌疑犯28人,冻结、查封房产合同价值1.08亿元。');
    expect(obs.map((o) => [o.value, o.unit, o.amount, o.baseUnit, o.qualifier])).toEqual([
      [10, '万余份', 100000, '份', '余'], [30, '多亿元', 3e9, '元', '多'], [28, '人', 28, '人', undefined], [1.08, '亿元', 108000000, '元', undefined],
    ]);
    expect(obs[3].indicator).toBe('冻结、查封房产合同价值');
    expect(observations('入驻事项106项,月均网办超15万件,高频民生事项“网办率”达64.63%。').find((o) => o.value === 15))
      .toMatchObject({ unit: '万件', amount: 150000, baseUnit: '件', qualifier: '超' });
    expect(figures('该《意见》从深化执法制度建设、规范行政执法、加强执法主体能力建设等7个部分共33项内容,提出了落实的具体措施。')).toEqual(['7个部分', '33项']);
  });

  it('names the counted thing in the text’s words, without the subject, the scope or an aside in brackets', () => {
    const names = (t: string) => observations(t).map((o) => o.indicator);
    expect(names('2023年,全区共接报有效警情(含交通类、移车类)39665起,同比下降4.49%。')).toEqual(['接报有效警情', '接报有效警情']);
    expect(names('2024年,主要负责人主持召开执法监督管理委员会全体会议2次。')).toEqual(['主持召开执法监督管理委员会全体会议']);
    expect(names('为广大执法民警配发《治安管理处罚法释义与执法实务》《刑法条文理解适用与司法实务全书》等书籍380余册。')).toEqual(['配发书籍']);
    expect(names('累计检查单位、仓库及作业现场389家次,审批民爆物品购买运输612批次。')).toEqual(['检查单位、仓库及作业现场', '审批民爆物品购买运输']);
  });

  it('names a count also by what it counted and by the clause as written, and a part of a count by the count’s verb', () => {
    const n = normalise('2024年,全区共发刑事案件1546起,同比下降43.69%。组织开展“法治大讲堂”23次,开展场景化执法培训404次。查处各类交通违法5.9万起,其中酒驾475起(醉驾132起)。');
    const x = extract(n.view, { agency: '重庆市万州区公安局', year: 2024 });
    const ind = (name: string) => x.nodes.find((m) => m.type === 'INDICATOR' && m.name === name);
    expect(ind('发刑事案件')?.aliases).toContain('全区共发刑事案件');
    expect(ind('组织开展法治大讲堂')?.aliases).toEqual(expect.arrayContaining(['开展法治大讲堂', '法治大讲堂']));
    expect(ind('开展场景化执法培训')?.aliases).toContain('场景化执法培训');
    expect(ind('查处酒驾')).toBeDefined();
    expect(ind('查处醉驾')).toBeDefined();
  });

  it('reads 发N起破N起 after cases as cases reported and cases solved', () => {
    const names = observations('2023年,刑事立案1027起,“五类”“两抢”案件发2起破2起;破获刑事案件530起。').map((o) => o.indicator);
    expect(names).toEqual(['刑事立案', '五类两抢案件发案', '五类两抢案件破案', '破获刑事案件']);
  });

  it('names a count of tasks carried out by the tasks too', () => {
    const x = extract('2023年,深入实施改革争先“四张清单”72项重点任务,有力维护全区政治社会大局持续安全稳定。', { agency: '舟山市公安局普陀区分局', year: 2023 });
    const ind = x.nodes.find((m) => m.type === 'INDICATOR' && m.props.kind === 'count');
    expect(ind?.aliases).toContain('改革争先四张清单重点任务');
  });

  it('groups a rate the lexicon has no family for under its last word', () => {
    const x = extract('2023年,全区52所学校“一键报警音视频复合系统”安装率达100%。', { agency: '舟山市公安局普陀区分局', year: 2023 });
    const family = x.nodes.find((m) => m.type === 'INDICATOR' && m.name === '安装率');
    expect(family?.props.family).toBe(true);
    expect(x.edges.some((e) => e.type === 'PART_OF' && e.target === family?.id)).toBe(true);
  });

  it('reads a count written before its noun', () => {
    const obs = observations('①制定落实三个“一号工程”工作机制,梳理确定84个全区重点建设项目、31名项目警官、44项重点任务清单。');
    expect(obs.map((o) => [o.indicator, o.value, o.unit])).toEqual([
      ['梳理确定全区重点建设项目', 84, '个'], ['项目警官', 31, '名'], ['重点任务清单', 44, '项'],
    ]);
    expect(observations('常态打击涉枪爆违法犯罪,破获1起29年命案积案,连续15年保持现行命案全破。').map((o) => [o.indicator, o.value, o.unit]))
      .toEqual([['破获命案积案', 1, '起'], ['连续保持现行命案全破', 15, '年']]);
  });

  it('reads lists of counts: the first item’s verb leads the others, a bare figure counts the same thing again', () => {
    expect(observations('开展党委理论中心组专题学法活动7次,举办专家辅导讲堂3期、领导干部讲坛3期、法治大讲堂11次。').map((o) => o.indicator))
      .toEqual(['开展党委理论中心组专题学法活动', '举办专家辅导讲堂', '举办领导干部讲坛', '举办法治大讲堂']);
    expect(observations('通过党委扩大会、党委理论中心组学习会,组织领导干部学习128次,5263人次,使广大民警对习近平法治思想有了更精准的把握。')
      .map((o) => [o.indicator, o.value, o.unit, o.quote])).toEqual([['组织领导干部学习', 128, '次', '组织领导干部学习128次'], ['组织领导干部学习', 5263, '人次', '5263人次']]);
    expect(figures('“五类”“两抢”案件发2起破2起;破获刑事案件530起。')).toEqual(['2起', '2起', '530起']);
  });

  it('gives a 分别 list of counts one name each (written in the genre’s style: no seed or dev text lists counts with 分别)', () => {
    expect(observations('全年共查处行政、刑事案件分别为120起、56起。').map((o) => [o.indicator, o.value, o.family]))
      .toEqual([['查处行政案件', 120, '查处案件数'], ['查处刑事案件', 56, '查处案件数']]);
    expect(observations('刑事、治安警情分别同比下降12.3%、8.5%。').map((o) => [o.indicator, o.value, o.direction]))
      .toEqual([['刑事警情', 12.3, '同比下降'], ['治安警情', 8.5, '同比下降']]);
  });

  it('groups counts into comparable families by what is counted and the kind of unit', () => {
    const fam = (t: string) => observations(t).map((o) => o.family);
    expect(fam('示范带动各警种、各部门全覆盖开展培训563场次。')).toEqual(['培训场次']);
    expect(fam('破获刑事案件530起,打击处理613人。')).toEqual(['破获案件数', '打击处理人数']);
  });

  it('takes no value from years, dates, document and article numbers, versions, codes or slogans', () => {
    expect(figures('紧跟省委“1310”具体部署和市委“1312”思路举措,2023年获评全省执法质量考评优秀县级公安机关。')).toEqual([]);
    expect(figures('按照《法治政府建设与责任落实督察工作规定》第23条要求,现将2023年法治政府建设工作报告如下:')).toEqual([]);
    expect(figures('淄公交川政〔2023〕12号 签发人:王立侠')).toEqual([]);
    expect(figures('发布日期:2024-01-12 发布机构:淄川区人民政府')).toEqual([]);
    expect(figures('研究制定法制工作专业化现代化八项措施(2.0版)、年度法制工作要点。')).toEqual([]);
    expect(figures('在党委理论学习中心组2023年第8次集中学习(扩大)会上,由各党委成员围绕学习习近平法治思想作研讨发言1次。')).toEqual(['1次']);
    expect(figures('按照“4个100%”要求检查校园233家次、整改隐患61处。')).toEqual(['233家次', '61处']);
    expect(figures('“107”专案打掉异地黑暗恶势力性质组织1个,侦破“3·16”中老跨境贩卖案获公安部贺电表彰。')).toEqual(['1个']);
    expect(figures('森林支队获评全国公安机关“昆仑2023”专项行动成绩突出集体。年初,省公安厅党委确定了“1+3+5”建设高质量公安工作的总体工作布局。')).toEqual([]);
    expect(figures('以庆祝建党100周年安保维稳工作为主线。')).toEqual([]);
  });

  it('takes no count from a target, in a plan section or not', () => {
    expect(figures('三、2024年工作思路\n力争全年开展执法培训100场次。')).toEqual([]);
    expect(figures('深化执法培训,开展场景化执法培训404次,力争明年开展执法培训500次。')).toEqual(['404次']);
  });
});

describe('count observations in the graph', () => {
  const text = '万州区公安局2024年法治政府建设年度报告\n一、重拳打击违法犯罪\n2024年,全区共发刑事案件1546起,同比下降43.69%;破案656起,破案率42.43%。一是深化打击治理电信网络诈骗违法犯罪,立电信网络诈骗案775起。二是强化执法培训。示范带动各警种、各部门全覆盖开展培训563场次。';
  const x = extract(text, { agency: '万州区公安局', year: 2024 });
  const obs = x.nodes.filter((n) => n.type === 'OBSERVATION');
  const byName = (name: string) => obs.find((o) => o.name === name)!;

  it('keeps value and unit as written beside the amount in the base unit, and quotes the text exactly', () => {
    expect(obs.map((o) => o.name).sort()).toEqual(['发刑事案件 1546起', '发刑事案件 43.69%', '开展培训 563场次', '立电信网络诈骗案 775起', '破案 656起', '破案率 42.43%'].sort());
    expect(byName('发刑事案件 1546起').props).toMatchObject({ value: 1546, unit: '起', amount: 1546, baseUnit: '起', kind: 'count', change: 43.69, direction: '同比下降', year: 2024 });
    const quote = (name: string) => byName(name).mentions.map((m) => text.slice(m.start, m.end));
    expect(quote('开展培训 563场次')).toEqual(['开展培训563场次']);
    expect(quote('发刑事案件 43.69%')).toEqual(['发刑事案件1546起,同比下降43.69%']);
  });

  it('links each count to its indicator, the indicator to its family, and the count to the measure that states it', () => {
    const training = byName('开展培训 563场次');
    const out = (id: string, type: string) => x.edges.filter((e) => e.source === id && e.type === type).map((e) => e.target);
    expect(out(training.id, 'OF')).toEqual(['indicator:开展培训']);
    expect(out('indicator:开展培训', 'PART_OF')).toEqual(['indicator:培训场次']);
    expect(x.nodes.find((n) => n.id === 'indicator:培训场次')?.props.family).toBe(true);
    const measure = out(training.id, 'EVIDENCES');
    expect(measure).toHaveLength(1);
    expect(x.nodes.find((n) => n.id === measure[0])?.type).toBe('MEASURE');
  });
});
