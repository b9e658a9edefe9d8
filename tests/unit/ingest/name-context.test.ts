import { defaultLexicon } from '../../../server/ingest/lexicon';
import { extractMentions, Found } from '../../../server/ingest/mentions';
import { normalise } from '../../../server/ingest/normalise';
import { shortPlace } from '../../../server/ingest/places';
import { nameStartByWords } from '../../../server/ingest/mentions/segment';
import { structure } from '../../../server/ingest/structure';

// What the words around a name say about it: the genre's frames (…水平, a title, 法治…建设).
// Inputs are sentences quoted from real reports (the dev corpus, the seeds and the fixtures).
function mentionsOf(text: string): Found[] {
  const st = structure(normalise(text), 2024);
  return extractMentions(st.sentences, defaultLexicon());
}
const names = (text: string, type: string) => mentionsOf(text).filter((m) => m.type === type).map((m) => m.name);

describe('a programme named as a quality', () => {
  it('does not take …化水平 for the programme', () => {
    expect(names('有效提升公安机关执法规范化水平和执法公信力。', 'REFORM')).toEqual([]);
    expect(names('狠抓执法办案管理中心使用管理,不断提升执法规范化水平,推动全市法治公安建设高质量发展。', 'REFORM')).not.toContain('执法规范化建设');
  });

  it('still takes the programme carried out', () => {
    expect(names('以争当法治公安排头兵为目标,充分发挥职能作用,深入推进执法规范化建设,取得明显成效。', 'REFORM')).toContain('执法规范化建设');
  });
});

describe('words of a document title', () => {
  it('does not name a programme written into a title', () => {
    const text = '2017年,在中央两办《关于深化公安执法规范化建设的意见》基础上,结合我省公安工作实际。';
    expect(names(text, 'POLICY_DOCUMENT')).toEqual(['关于深化公安执法规范化建设的意见']);
    expect(names(text, 'REFORM')).toEqual([]);
    const plain = '二是积极谋划落实党的二十届三中全会精神和全国公安工作会议部署,制定进一步全面深化公安改革实施方案,以更高标准推动龙华公安工作高质量发展。';
    expect(names(plain, 'POLICY_DOCUMENT')).toContain('进一步全面深化公安改革实施方案');
    expect(names(plain, 'REFORM')).not.toContain('公安改革');
  });

  it('still names a quoted practice in a title', () => {
    expect(names('制定《关于2025年“会前学法”活动有关工作通知》,通过党委扩大会组织领导干部学习。', 'REFORM')).toContain('会前学法');
  });
});

describe('rule-of-law programmes of a place', () => {
  it('takes 法治<place>建设 only when the place is the country or a division', () => {
    expect(names('对标法治上海建设的各项工作要求,紧密结合上海公安工作实际。', 'REFORM')).toContain('法治上海建设');
    expect(names('坚决落实区委、区政府关于法治淄川建设的决策部署。', 'REFORM')).toContain('法治淄川建设');
    expect(names('紧紧围绕“法治景宁”建设目标,全面提升执法质效。', 'REFORM')).toContain('法治景宁建设');
    expect(names('为推进我市一流法治城市建设,根据《深圳市2015年政府绩效评估指标体系》的要求。', 'REFORM')).not.toContain('法治城市建设');
  });

  it('shortens an autonomous county to its place name', () => {
    expect(shortPlace('景宁畲族自治县')).toBe('景宁');
    expect(shortPlace('海珠区')).toBe('海珠');
  });
});

describe('where a name starts and what it is', () => {
  const kaiping = '各基层党组织严格执行“第一议题”“三会一课”和谈心谈话等党组织生活制度,研究制定《2025年开平市公安局党建工作要点》。';

  it('never starts a name inside a body whose name ends in a verb (党组织)', () => {
    const at = kaiping.indexOf('制度');
    expect(kaiping.slice(nameStartByWords(kaiping, at, 0, new Set(['组织', '执行', '研究制定'])), at + 2)).toBe('党组织生活制度');
  });

  it('takes the items listed before 等 for the names, not the class after it', () => {
    const reforms = names(kaiping, 'REFORM');
    expect(reforms).toEqual(expect.arrayContaining(['第一议题', '三会一课', '谈心谈话']));
    expect(reforms.filter((n) => n.endsWith('制度'))).toEqual([]);
  });

  it('reads no document in a verb that ends in a document word (征求意见)', () => {
    expect(names('对关系到人民群众切身利益的规范性文件草案,通过网上征求意见、召开讨论会、听证会等形式,听取社会公众的意见和建议。', 'POLICY_DOCUMENT')).toEqual([]);
    expect(names('紧密围绕上级要求,制发了市公安局2021年度深化执法规范化建设实施意见,出台执法指引30余件。', 'POLICY_DOCUMENT')).toEqual(['市公安局2021年度深化执法规范化建设实施意见']);
  });
});

describe('a kind of police is no body', () => {
  it('does not take 交警 (traffic police as a kind) for a unit, but takes its squadrons', () => {
    expect(names('(二)坚持将提升交警队伍法治素养作为推进法治建设的重点工作来抓。', 'UNIT')).toEqual([]);
    expect(names('办案向治安、交警等领域拓展。', 'UNIT')).toEqual([]);
    expect(names('深化“枫桥式”派出所、交警中队创建。', 'UNIT')).toContain('交警中队');
  });
});

describe('a programme that builds a body', () => {
  it('names the body it builds, with the word that describes it, beside the programme', () => {
    const text = '以深化执法规范化建设为基本载体,扎实推进数字化执法办案中心建设,抓牢坚持严格执法、强化执法监督管理等重点工作。';
    expect(names(text, 'UNIT')).toEqual(['数字化执法办案中心']);
    expect(names(text, 'REFORM')).toContain('执法办案管理中心建设');
  });
});

describe('a leader\'s remarks on a subject', () => {
  it('end where the list of remarks ends, not mid-list', () => {
    const text = '一体推进习近平法治思想、党的二十大精神、习近平总书记关于公安工作的重要讲话、批示指示精神的学习,作为党总支理论学习中心组重要学习内容。';
    const remarks = mentionsOf(text).filter((m) => m.type === 'PRINCIPLE' && m.name.startsWith('习近平总书记'));
    expect(remarks.map((m) => m.name)).toEqual(['习近平总书记关于公安工作的重要讲话、批示指示精神']);
    expect(names('深入学习贯彻习近平总书记关于新时代公安工作的重要论述,持续深化法治公安建设。', 'PRINCIPLE')).toContain('习近平总书记关于新时代公安工作的重要论述');
  });
});

describe('the spirit of a congress or plenum', () => {
  // What was studied, not an idea the report names; the guiding ideas beside it still are.
  it('is not a principle, while the thought studied with it is', () => {
    const text = '2023年,吴兴分局坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入践行习近平法治思想,坚持和发展新时代"枫桥经验",以"法治吴兴"建设为牵引,扎实推进执法规范化建设,全区公安工作法治化水平持续提升。';
    expect(names(text, 'PRINCIPLE')).not.toContain('党的二十大精神');
    expect(names(text, 'PRINCIPLE')).toContain('习近平法治思想');
    expect(mentionsOf('深入学习贯彻习近平法治思想和党的十九届六中全会精神,按照市委、市政府关于法治嘉兴建设的部署要求。').map((m) => m.name).filter((n) => n.includes('全会'))).toEqual([]);
  });
});
