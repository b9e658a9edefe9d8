import { detectMetadata } from '../../../server/ingest/metadata';
import { normalise } from '../../../server/ingest/normalise';
import { extract, IngestError } from '../../../server/ingest/pipeline';

const meta = (text: string) => detectMetadata(normalise(text));
// Enough of a report to pass through the pipeline: quoted openings need a body after them.
const body = '\n一、坚持依法行政\n一是加强执法监督,开展执法检查12次。二是推进执法规范化建设。';

describe('metadata from the text', () => {
  it('reads agency, place, year and publication date from a report page', () => {
    const text = '发布日期:2022-03-01 09:00 浏览次数:\n嘉兴市公安局2021年法治政府建设年度报告\n2021年,我局坚持依法行政。';
    expect(meta(text)).toEqual({
      title: '嘉兴市公安局2021年法治政府建设年度报告', year: 2021, agency: '嘉兴市公安局', place: '嘉兴市', publishedOn: '2022-03-01',
    });
  });

  it('takes the year reported on from the opening when the title has none', () => {
    expect(meta('2019年,景宁畲族自治县公安局坚持依法行政。').year).toBe(2019);
    expect(meta('2019年,景宁畲族自治县公安局坚持依法行政。').agency).toBe('景宁畲族自治县公安局');
  });

  it('refuses an empty text', () => {
    expect(() => extract('   ')).toThrow(IngestError);
  });
});

describe('agency from headers and metadata lines', () => {
  it('takes the writer from a 标题: line, without the party organ that signs for it and the stray space', () => {
    const text = '首页 政务公开 政府信息公开 法治政府建设 法治政府建设年度报告\n标题: 中共淄博市公安局交通警察支队 淄川大队总支部委员会关于2023年法治政府建设工作情况的报告\n发文日期: 2024-01-12 发布机构: 淄川区人民政府\n区委、区政府:\n现将2023 年度法治政府建设情况报告如下:';
    const m = meta(text);
    expect(m.agency).toBe('淄博市公安局交通警察支队淄川大队');
    expect(m.year).toBe(2023);
    expect(m.title).toBe('中共淄博市公安局交通警察支队 淄川大队总支部委员会关于2023年法治政府建设工作情况的报告');
  });

  it('takes the writer from the title line before 关于, not a bureau the body cites', () => {
    const text = '广州市公安局海珠区分局关于2024年度法治政府建设情况的报告\n2024年,广州市公安局海珠区分局在区委、区政府和上级公安机关的坚强领导下,在市公安局年度执法监督管理考核中排名第一。';
    expect(meta(text)).toMatchObject({ agency: '广州市公安局海珠区分局', year: 2024 });
  });

  it('takes the writer from a 来源: line', () => {
    const text = '发布日期: 2022-03-04 10:38 来源: 武汉市公安局 【打印】\n2021年,我局按照市委、市政府和省公安厅部署,始终坚持以习近平法治思想为指导。';
    expect(meta(text).agency).toBe('武汉市公安局');
  });

  it('does not read "区政府和市公安局" as a bureau of a place 区政府和市', () => {
    const text = '2023年,全区公安机关在区委、区政府和市公安局的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。';
    expect(meta(text).agency).toBeUndefined();
  });

  it('names a municipality district bureau after its municipality (万州区 lies in 重庆市)', () => {
    expect(meta('年,万州区公安局在区委区政府和市公安局的坚强领导下,法治政府建设取得新成效。\n1.以“打”开路。2024年,全区共发刑事案件1546起。').agency).toBe('重庆市万州区公安局');
    // A county of a province keeps the name it is written with.
    expect(meta('2023年,习水县公安局始终坚持以习近平新时代中国特色社会主义思想为指导。').agency).toBe('习水县公安局');
  });
});

describe('self-references resolved to the body the text names elsewhere', () => {
  it('我局/市局: the one city bureau the text names, even inside a 《》 title', () => {
    const text = '现将我局法治政府建设年度情况报告如下:\n2019年度为全面推进法治政府建设工作,我局成立以市政府副市长、市公安局党委书记、局长李世华任组长,市局其他班子成员为副组长的法治政府建设工作领导小组。出台了《汕尾市公安局公职律师管理办法》。';
    expect(meta(text)).toMatchObject({ agency: '汕尾市公安局', year: 2019 });
  });

  it('a branch named short (龙华公安分局) takes the full name a 《》 title gives', () => {
    const text = '2024年,龙华公安分局在区委区政府和市公安局的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。制定《深圳市公安局龙华分局法治公安建设工作方案》。';
    expect(meta(text).agency).toBe('深圳市公安局龙华分局');
  });

  it('省公安厅 as the writer: the province the text names (“吉林公安”, 《河南省…》)', () => {
    const jilin = '2024年,在省委省政府和公安部的坚强领导下,省公安厅紧紧围绕法治政府建设目标,深化完善“一二三六”吉林公安工作现代化发展战略。';
    expect(meta(jilin).agency).toBe('吉林省公安厅');
    const henan = '2018年,在省委、省政府和公安部党委的坚强领导下,省公安厅高举习近平新时代中国特色社会主义思想伟大旗帜。按照《河南省2018年度法治政府建设工作安排》要求,现将省公安厅2018年度法治政府建设工作情况报告如下:';
    expect(meta(henan)).toMatchObject({ agency: '河南省公安厅', year: 2018 });
  });

  it('省公安厅 as a superior body of a city bureau is not the writer', () => {
    const text = '2021年,武汉市公安局按照市委、市政府和省公安厅部署,始终坚持以习近平法治思想为指导。';
    expect(meta(text).agency).toBe('武汉市公安局');
  });

  it('我分局 in a text that names no branch: unknown, not the superior 市局', () => {
    const text = '2024年,我分局在市局和区委、区政府的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻落实《广州市法治政府建设实施纲要》的具体要求。';
    expect(meta(text).agency).toBeUndefined();
  });
});

describe('the year reported on', () => {
  it('from a clause opening with the year and the subject, outside 《》 titles', () => {
    const text = '为推进我市一流法治城市建设,根据《深圳市2015年政府绩效评估指标体系》(深绩委〔2015〕2号)的要求,2015年我局紧紧围绕公安部“四项建设”总体部署。';
    expect(meta(text).year).toBe(2015);
  });
  it('from a title that names it, whatever the title calls the report', () => {
    expect(meta('某某县公安局关于2020年度依法行政工作情况报告\n一、工作开展情况').year).toBe(2020);
  });
});

describe('a report whose body or year is unknown is accepted with a warning', () => {
  it('no agency node, facts on the report, warnings that say so, no composed title', () => {
    const text = `2024年,我分局在市局和区委、区政府的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,全力提升法治公安能力水平。${body}`;
    const x = extract(text);
    expect(x.report.props.agency).toBe('');
    expect(x.report.props.title).toBe('');
    expect(x.nodes.some((n) => n.type === 'AGENCY')).toBe(false);
    expect(x.warnings.join('\n')).toMatch(/agency unknown/);
    expect(x.warnings.join('\n')).toMatch(/no title/);
    expect(x.edges.some((e) => e.type === 'CARRIES_OUT' && e.source === x.report.id)).toBe(true);
    for (const n of x.nodes) for (const m of n.mentions) expect(m.end).toBeLessThanOrEqual(text.length);
  });
  it('an unknown year is a warning', () => {
    const x = extract(`习水县公安局始终坚持以习近平新时代中国特色社会主义思想为指导,认真落实法治政府建设各项工作要求。${body}`);
    expect(x.report.props.year).toBeNull();
    expect(x.warnings.join('\n')).toMatch(/year unknown/);
  });
});

describe('title lines', () => {
  it('a section heading is no title', () => {
    expect(meta('现将我局法治政府建设年度情况报告如下:\n一、法治政府建设工作情况\n(一)党政领导干部学习贯彻习近平总书记关于法治政府建设的重要指示情况').title).toBeUndefined();
    expect(meta('2023年,全区公安机关坚持依法行政。\n(一)部门法治建设推进情况\n1. 与部门职责相关的主要法律法规执行情况').title).toBeUndefined();
  });
  it('drops a 【栏目】 prefix', () => {
    expect(meta('【工作总结】六安市公安局关于2022年法治政府建设情况的报告\n2022年以来,市公安局在市委、市政府的坚强领导下').title).toBe('六安市公安局关于2022年法治政府建设情况的报告');
  });
});

describe('police bodies of every kind', () => {
  const agencyOf = (s: string) => meta(`2022年,${s}坚持依法行政,深入推进执法规范化建设。`).agency;
  it.each([
    ['鄂托克旗公安局', '鄂托克旗公安局'],
    ['开平市公安局', '开平市公安局'],
    ['杭州市公安局出入境管理支队', '杭州市公安局出入境管理支队'],
    ['杭州市公安局交警支队', '杭州市公安局交警支队'],
    ['宁波市公安局北仑分局', '宁波市公安局北仑分局'],
    ['成都市公安局锦江区分局', '成都市公安局锦江区分局'],
    ['浙江省公安厅', '浙江省公安厅'],
    ['伊春市森林公安局', '伊春市森林公安局'],
    ['广西壮族自治区公安厅', '广西壮族自治区公安厅'],
    ['阿克苏地区公安处', '阿克苏地区公安处'],
    ['北京市公安局朝阳分局', '北京市公安局朝阳分局'],
  ])('%s', (written, want) => expect(agencyOf(written)).toBe(want));

  it('我厅 as the writer, with its province in the text', () => {
    expect(meta('2020年,我厅坚持以习近平法治思想为指导,推进法治浙江建设,全面推进执法规范化建设。').agency).toBe('浙江省公安厅');
  });
});

describe('more self-references and title forms', () => {
  it('县局 / 全县公安机关: the one county bureau the text names', () => {
    const text = '2022年,县公安局在县委、县政府的坚强领导和市公安局的有力指导下,坚持依法行政。制定《景宁畲族自治县公安局执法质量考评办法》。';
    expect(meta(text).agency).toBe('景宁畲族自治县公安局');
  });
  it('全区公安机关: the one district branch the text names, else unknown', () => {
    expect(meta('2023年,全区公安机关在区委、区政府和市公安局的坚强领导下,坚持依法行政。印发《宁波市公安局北仑分局执法监督办法》。').agency).toBe('宁波市公安局北仑分局');
    expect(meta('2023年,全区公安机关在区委、区政府和市公安局的坚强领导下,主动融入普陀“三个现代化”发展大局。').agency).toBeUndefined();
  });
  it('a title that opens with the year, or calls the report a 工作总结', () => {
    expect(meta('2021年度杭州市公安局法治政府建设工作总结\n一、主要工作').agency).toBe('杭州市公安局');
    expect(meta('2021年度杭州市公安局法治政府建设工作总结\n一、主要工作').year).toBe(2021);
  });
});

describe('a city bureau that names a branch is not that branch', () => {
  it('各分局 is no self-reference', () => {
    expect(meta('2015年我局紧紧围绕公安部“四项建设”总体部署。在市局、各分局和警种成立执法管理委员会,推广《深圳市公安局龙华分局案件管理中心工作规范》。').agency).toBeUndefined();
  });
});

describe('a saved page names the writer in its header only', () => {
  it('the page title line, without the site after its separator', () => {
    const text = '武汉市公安局2021年法治政府建设年度报告_武汉市人民政府门户网站\n首页 > 政务公开\n2021年,我局按照市委、市政府和省公安厅部署,始终坚持以习近平法治思想为指导。';
    expect(meta(text)).toMatchObject({ agency: '武汉市公安局', year: 2021, title: '武汉市公安局2021年法治政府建设年度报告' });
  });
});

describe('公安处 is a body, 公安处置 is not', () => {
  it('朝阳区公安处置 names no bureau', () => {
    expect(meta('2022年,朝阳区公安处置各类警情,坚持依法行政,深入推进执法规范化建设。').agency).toBeUndefined();
  });
});
