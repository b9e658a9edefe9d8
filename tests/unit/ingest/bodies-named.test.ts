import { extract } from '../../../server/ingest/pipeline';

// A page header copied from the dev corpus (a traffic-police brigade's report on a district
// government's site): the writer's name broken over lines, the publisher given as 淄川区人民政府.
const ZICHUAN = [
  '标题: 中共淄博市公安局交通警察支队 淄川大队总支部委员会关于2023年法治政府建设工作情况的报告',
  '发文日期: 2024-01-12 发布机构: 淄川区人民政府',
  '',
  '中共淄博市公安局交通警察支队',
  '',
  '淄川大队总支部委员会',
  '',
  '关于2023年法治政府建设工作情况的报告',
  '',
  '区委、区政府:',
  '',
  '现将2023 年度法治政府建设情况报告如下:',
  '(二)坚持将提升交警队伍法治素养作为推进法治建设的重点工作来抓。加强执法队伍建设,坚决落实区委、区政府关于法治淄川建设的决策部署,带头强化法治观念。',
].join('\n');

describe('bodies a header names', () => {
  const x = extract(ZICHUAN);
  const named = (type: string) => x.nodes.filter((n) => n.type === type);

  it('reads the pieces of the writer\'s name broken over lines as the writer, not as two units', () => {
    expect(x.report.props.agency).toBe('淄博市公安局交通警察支队淄川大队');
    expect(named('UNIT').map((n) => n.name)).not.toEqual(expect.arrayContaining(['中共淄博市公安局交通警察支队']));
    expect(named('UNIT').map((n) => n.name)).not.toContain('淄川大队总支部委员会');
    const agency = named('AGENCY')[0];
    const quotes = agency.mentions.map((m) => x.text.slice(m.start, m.end));
    expect(quotes).toContain('淄博市公安局交通警察支队\n\n淄川大队');
  });

  it('names a body written after its place in full, as the same body its level names (区政府)', () => {
    const gov = named('ORGANIZATION').filter((n) => n.name.endsWith('政府'));
    expect(gov.map((n) => n.name)).toEqual(['淄川区政府']);
    const quotes = gov[0].mentions.map((m) => x.text.slice(m.start, m.end));
    expect(quotes).toEqual(expect.arrayContaining(['淄川区人民政府', '区政府']));
  });
});
