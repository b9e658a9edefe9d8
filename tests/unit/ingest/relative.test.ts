import { extract } from '../../../server/ingest/pipeline';
import { resolveRelative, writerPlace } from '../../../server/ingest/relative';

const body = '\n一、坚持依法行政\n一是加强执法监督,开展执法检查12次。二是推进执法规范化建设。';
const orgs = (text: string, given = {}) => extract(text + body, given).nodes.filter((n) => n.type === 'ORGANIZATION');

describe('where the writer sits', () => {
  it('reads city, district and province from the agency name and the national division list', () => {
    expect(writerPlace({ agency: '绍兴市公安局' })).toEqual({ city: '绍兴市', province: '浙江省' });
    expect(writerPlace({ agency: '广州市公安局海珠区分局' })).toEqual({ city: '广州市', province: '广东省', county: '海珠区' });
    expect(writerPlace({ agency: '深圳市公安局龙华分局' })).toMatchObject({ city: '深圳市', county: '龙华区' });
    expect(writerPlace({ agency: '淄博市公安局交通警察支队淄川大队' })).toMatchObject({ city: '淄博市', county: '淄川区', province: '山东省' });
    expect(writerPlace({ agency: '重庆市万州区公安局' })).toEqual({ county: '万州区', city: '重庆市', province: '重庆市' });
    expect(writerPlace({ agency: '河南省公安厅' })).toEqual({ province: '河南省' });
    expect(writerPlace({ agency: '北京市公安局朝阳分局' })).toEqual({ province: '北京市', city: '北京市', county: '朝阳区' });
  });
});

describe('relative names resolved to the real body', () => {
  it('市委市政府 in a 烟台 report is 烟台’s, keeping what it wrote as an alias; 省公安厅 is 山东省公安厅', () => {
    const text = '2022年,市公安局贯彻落实市委市政府和省公安厅工作部署,推动法治政府建设各项措施落地生效。';
    const found = orgs(text, { agency: '烟台市公安局' });
    // Written together, the party committee and the government are named as one leading body.
    expect(found.find((n) => n.name === '烟台市委市政府')?.aliases).toContain('市委市政府');
    expect(found.find((n) => n.name === '山东省公安厅')?.aliases).toContain('省公安厅');
    expect(found.some((n) => n.id === 'organization:市委')).toBe(false);
  });

  it('two cities’ party committees are two nodes', () => {
    const text = '2021年,在市委、市政府的坚强领导下,坚持以习近平法治思想为指导,深入推进执法规范化建设。';
    const a = orgs(text, { agency: '武汉市公安局' }).find((n) => n.aliases.includes('市委'));
    const b = orgs(text, { agency: '庆阳市公安局' }).find((n) => n.aliases.includes('市委'));
    expect(a?.id).toBe('organization:武汉市委');
    expect(b?.id).toBe('organization:庆阳市委');
  });

  it('a level and a body outside the leadership frame are relative names too (省委, 市局, 市人大), never inside a place name', () => {
    // Real sentences of a district branch's report (guangzhou-haizhu-2024) and a city bureau's (wuhan-2021).
    const text = '坚持以习近平新时代中国特色社会主义思想为指导,紧跟省委“1310”具体部署和市委“1312”思路举措。在市局执法监督管理委员会全体会议上代表分局作现场述法报告。';
    const found = orgs(text, { agency: '广州市公安局海珠区分局' });
    expect(found.find((n) => n.name === '广东省委')?.aliases).toContain('省委');
    expect(found.find((n) => n.name === '广州市公安局')?.aliases).toContain('市局');
    const wuhan = orgs('一是加强重点领域立法。积极推动市人大在全国省会城市中率先出台《关于加强新时代检察机关法律监督工作的决定》。', { agency: '武汉市公安局' });
    expect(wuhan.find((n) => n.name === '武汉市人大')?.aliases).toContain('市人大');
    // 武汉市公安局 names the writer: no 市公安局 is read inside it.
    expect(orgs('2021年,武汉市公安局按照市委、市政府和省公安厅部署,全面推进法治公安建设。', { agency: '武汉市公安局' }).map((n) => n.name).sort()).toEqual(['武汉市委', '武汉市政府', '湖北省公安厅'].sort());
  });

  it('区委区政府 of a district branch is its district’s', () => {
    const text = '2024年,龙华公安分局在区委区政府和市公安局的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。';
    expect(orgs(text, { agency: '深圳市公安局龙华分局' }).map((n) => n.name)).toContain('龙华区委区政府');
  });

  it('unknown writer: 区委 keyed by the report, so it never merges across reports', () => {
    const text = '2024年,我分局在市局和区委、区政府的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导。';
    const x = extract(text + body);
    const quwei = x.nodes.find((n) => n.name === '区委');
    expect(quwei?.id).toBe(`organization:区委@${x.report.id.slice(7)}`);
  });

  it('the writer’s own 省公安厅 is its agency node, not an outside body', () => {
    const text = '2018年,在省委、省政府和公安部党委的坚强领导下,省公安厅高举习近平新时代中国特色社会主义思想伟大旗帜。按照《河南省2018年度法治政府建设工作安排》要求,现将省公安厅2018年度法治政府建设工作情况报告如下:';
    const x = extract(text + body);
    expect(x.report.props.agency).toBe('河南省公安厅');
    expect(x.nodes.some((n) => n.type === 'ORGANIZATION' && n.name === '河南省公安厅')).toBe(false);
    expect(x.nodes.find((n) => n.type === 'AGENCY')?.aliases).toContain('省公安厅');
  });

  it('leaves names whose first character is no level alone (市场监管局)', () => {
    expect(resolveRelative('ORGANIZATION', '市场监管局', { city: '绍兴市' }, { agency: '绍兴市公安局' }, 'report:x')).toEqual({ key: '市场监管局', name: '市场监管局' });
  });
});
