import { defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions, Found } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { structure } from '../../../server/ingest/structure';

// Inputs are sentences quoted from real reports (the dev corpus, the seeds and the fixtures).
function mentionsOf(text: string): Found[] {
  const st = structure(normalise(text), 2024);
  return extractMentions(st.sentences, defaultLexicon());
}
const names = (text: string, type: string) => mentionsOf(text).filter((m) => m.type === type).map((m) => m.name);
const named = (text: string, type: string, name: string) => mentionsOf(text).find((m) => m.type === type && m.name === name);

describe('quoted names', () => {
  it('takes political slogans and practices in quotes, typed by what they name', () => {
    const text = '深刻领悟“两个确立”的决定性意义,增强“四个意识”、坚定“四个自信”、做到“两个维护”,不断提高政治判断力。';
    expect(names(text, 'REFORM')).toEqual(['两个确立', '四个意识', '四个自信', '两个维护']);
    expect(names('常态化推进“除险保安”,开展安全生产隐患大排查大整治工作。', 'REFORM')).toEqual(['除险保安']);
    expect(names('全面贯彻习近平法治思想“十一个坚持”的核心要义。', 'PRINCIPLE')).toEqual(['习近平法治思想', '十一个坚持']);
  });

  it('does not take metaphors, case codes or goals in quotes for names', () => {
    expect(names('健全公安行政处罚裁量基准制度,用一把“标尺”规范公安机关行政权力运行。', 'REFORM')).not.toContain('标尺');
    expect(names('二是发挥“领头羊”作用。', 'REFORM')).toEqual([]);
    expect(names('“107”专案打掉异地黑暗恶势力性质组织1个,侦破“3·16”中老跨境贩卖案。', 'REFORM')).toEqual([]);
    expect(names('围绕市委市政府“稳进提质”大局,出台公安打击措施。', 'REFORM')).toEqual([]);
  });

  it('names a kind word after quotes by the quoted words too', () => {
    expect(named('三是持续深入推进“两法衔接”工作机制。', 'REFORM', '两法衔接工作机制')?.aliases).toEqual(['两法衔接']);
    expect(named('整合监督合力,建立法制、信访、督察、审计“四位一体”重点案件核查机制。', 'REFORM', '四位一体重点案件核查机制')?.aliases)
      .toEqual(['四位一体', '重点案件核查机制']);
    expect(names('依托“深I学”平台组织全警学习。', 'PLATFORM')).toEqual(['深I学']);
  });
});

describe('numeric slogans', () => {
  it('takes numbers that name a plan or a standard', () => {
    expect(names('紧跟省委“1310”具体部署和市委“1312”思路举措。', 'REFORM')).toEqual(['1310', '1312']);
    expect(names('年初,省公安厅党委确定了“1+3+5”建设高质量公安工作的总体工作布局。', 'REFORM')).toEqual(['1+3+5']);
    expect(names('常态落实“护校岗”工作,按照“4个100%”要求检查校园233家次。', 'REFORM')).toEqual(['护校岗', '4个100%']);
  });
});

describe('《》 titles', () => {
  it('reads a title nested in another and leaves a title the excerpt cuts off', () => {
    const text = '推动《吉林省实施〈中华人民共和国反恐怖主义法〉办法》等重点领域地方性立法。出台《吉林省公安机';
    expect(names(text, 'POLICY_DOCUMENT').sort()).toEqual(['中华人民共和国反恐怖主义法', '吉林省实施〈中华人民共和国反恐怖主义法〉办法'].sort());
  });

  it('takes two titles joined by —— as one document, and what is quoted inside it', () => {
    const text = '制定《汕尾市公安上新台阶行动计划——汕尾市法治公安“八项建设”工作方案》。';
    expect(named(text, 'POLICY_DOCUMENT', '汕尾市公安上新台阶行动计划')?.aliases).toEqual(['汕尾市法治公安八项建设工作方案']);
    expect(names(text, 'REFORM')).toContain('八项建设');
  });

  it('takes the body issuing a notice and no name from a back-reference', () => {
    const text = '根据《中共深圳市龙华区委全面依法治区委员会办公室关于做好2024年法治政府建设年度报告工作的通知》,现将情况报告如下。';
    expect(names(text, 'ORGANIZATION')).toContain('中共深圳市龙华区委全面依法治区委员会办公室');
    expect(names('该《意见》从深化执法制度建设、规范行政执法等7个部分提出具体措施。', 'POLICY_DOCUMENT')).toEqual([]);
  });
});

describe('kind-word names bounded by segmentation', () => {
  it('starts a name after the verb that acts on it, keeping the verbs that describe it', () => {
    const text = '同时,根据公安机关和公安工作的实际,还分别成立了执法规范化建设领导小组、执法质量考评领导小组、执法资格等级考试领导小组。';
    expect(names(text, 'UNIT')).toEqual(['执法规范化建设领导小组', '执法质量考评领导小组', '执法资格等级考试领导小组']);
    expect(names('将学习习近平法治思想纳入厅党委理论学习中心组学法计划。', 'UNIT')).toEqual(['厅党委理论学习中心组']);
    expect(names('研发“四码一屏”、流调排查应用等数字防疫工具。', 'PLATFORM')).toContain('流调排查应用');
  });

  it('keeps a describing verb inside a name unless an acting verb or a function word stands before it', () => {
    expect(names('深化执法权力运行机制改革。', 'REFORM')).toEqual(['执法权力运行机制改革']);
    expect(names('上线运行智慧法制平台,实现案件全流程监督。', 'PLATFORM')).toEqual(['智慧法制平台']);
  });

  it('never starts or ends a name inside a word', () => {
    expect(names('在执法办案中心组建快办团队,对事实清楚的案件实行快侦快诉。', 'UNIT')).toEqual(expect.arrayContaining(['快办团队']));
    expect(names('在执法办案中心组建快办团队,对事实清楚的案件实行快侦快诉。', 'UNIT')).not.toContain('中心组');
    expect(names('在全省率先推广应用“非羁押码”。', 'PLATFORM')).not.toContain('推广应用');
    expect(names('传达学习贯彻习近平法治思想和中央全面依法治国工作会议精神。', 'PRINCIPLE')).toEqual(['习近平法治思想']);
  });

  it('keeps a short bracketed aside and a compound localiser inside a name', () => {
    expect(names('推进刑侦体制、街(路)面勤务机制、派出所警务机制和网上网下服务机制改革。', 'REFORM'))
      .toEqual(expect.arrayContaining(['街(路)面勤务机制', '网上网下服务机制改革']));
  });
});

describe('names the structure of a sentence bounds', () => {
  it('takes each long item listed before 等<kind> as one name, but not short aspects', () => {
    const text = '夯实公安机关主要负责人履行推进法治建设第一责任人职责,配套完善公安机关主要负责人述法、公安机关负责人出庭应诉等制度,确保全省公安机关目标明确。';
    expect(names(text, 'REFORM')).toEqual(['公安机关主要负责人述法', '公安机关负责人出庭应诉']);
    // A seed's list of aspects (运行、管理、考核) names no system.
    expect(names('定岗位、定职责、定员额、定能力标准,配套制定运行、管理、考核等制度。', 'REFORM')).toEqual([]);
  });

  it('takes the programme a leading group is named after, not the report’s own subject', () => {
    const text = '同时,还分别成立了执法规范化建设领导小组、执法质量考评领导小组、执法资格等级考试领导小组,从执法各个方面加强领导。';
    expect(names(text, 'UNIT')).toEqual(['执法规范化建设领导小组', '执法质量考评领导小组', '执法资格等级考试领导小组']);
    expect(names(text, 'REFORM')).toEqual(['执法规范化建设', '执法质量考评', '执法资格等级考试']);
    expect(names('我局成立以副局长为组长的法治政府建设工作领导小组。', 'REFORM')).toEqual([]);
    // The department's own (厅…) group leads the report's subject: no programme of its own.
    expect(names('根据人事变动,及时调整了厅法治政府建设领导小组。', 'REFORM')).toEqual([]);
  });

  it('starts a name after a compound verb that opens with an acting verb (建立健全), but not after a person (负责人)', () => {
    expect(names('坚持问题导向,建立健全评估督导机制,确保各项任务落地见效。', 'REFORM')).toEqual(['评估督导机制']);
  });

  it('reads no body from the name of its meeting (中心组学习会议)', () => {
    expect(names('一是突出“关键少数”强化法治教育,定期组织召开党委会议和中心组学习会议专项学习习近平法治思想。', 'UNIT')).toEqual([]);
  });

  it('keeps the level before a body inside a website’s name', () => {
    expect(names('形成现行有效的规范性文件目录,并在县人民政府网站公开。', 'PLATFORM')).toEqual(['县人民政府网站']);
  });
});

describe('bodies named together or after another', () => {
  it('takes a Party committee and government written together as one leadership', () => {
    const found = named('2024年,龙华公安分局在区委区政府和市公安局的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。', 'ORGANIZATION', '区委区政府');
    expect(found?.aliases).toEqual(['区委', '区政府']);
    expect(names('在区委、区政府和上级公安机关的坚强领导下。', 'ORGANIZATION')).toEqual(['区委', '区政府']);
  });

  it('keeps a known body that opens a longer name of its kind', () => {
    expect(names('探索建立派出所案件管理中心建设,由案管中心负责案件流程管理。', 'UNIT')).toEqual(['派出所案件管理中心', '派出所']);
  });
});

describe('the bodies a bureau worked under', () => {
  it('are outside organisations, its superior bureau included', () => {
    expect(names('2024年,我分局在市局和区委、区政府的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。', 'ORGANIZATION'))
      .toEqual(['市局', '区委', '区政府']);
    expect(names('2023年,全区公安机关在区委、区政府和市公安局的坚强领导下,有力维护全区政治社会大局持续安全稳定。', 'ORGANIZATION'))
      .toEqual(['区委', '区政府', '市公安局']);
  });
});

describe('systems that are the report itself or rule-making in general', () => {
  it('are not named reforms', () => {
    expect(names('为加强执法管理制度建设,严格规范执法行为,市局制定出台了相关规定。', 'REFORM')).toEqual([]);
    expect(names('(二)构建系统完备、科学规范、运行有效的法治政府建设制度体系', 'REFORM')).toEqual([]);
  });
});

describe('documents a sentence says were issued', () => {
  it('end before a version tag, which is kept as another name', () => {
    const found = named('研究制定法制工作专业化现代化八项措施(2.0版)、年度法制工作要点。', 'POLICY_DOCUMENT', '法制工作专业化现代化八项措施');
    expect(found?.aliases).toEqual(['法制工作专业化现代化八项措施(2.0版)']);
  });
});

describe('a title with a year range', () => {
  it('is one document, not split at the dash of its range', () => {
    expect(names('2025年,开平市公安局认真落实《法治政府建设实施纲要(2021—2025年)》有关要求。', 'POLICY_DOCUMENT')).toEqual(['法治政府建设实施纲要(2021—2025年)']);
  });
});

describe('a brand name with a Latin kind word', () => {
  it('keeps the whole name: 金华警务通APP, never a bare APP', () => {
    // From the project's sample of a Jinhua report (tests/helpers/sampleReports.ts).
    expect(names('依托“浙里办”和金华警务通APP,实现128项公安服务事项一网通办,网办率达91.5%。', 'PLATFORM')).toEqual(expect.arrayContaining(['金华警务通APP']));
    expect(names('依托“浙里办”和金华警务通APP,实现128项公安服务事项一网通办,网办率达91.5%。', 'PLATFORM')).not.toContain('APP');
  });
});
