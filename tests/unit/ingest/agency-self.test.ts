import { detectMetadata } from '../../../server/ingest/metadata';
import { normalise } from '../../../server/ingest/normalise';
import { extract } from '../../../server/ingest/pipeline';

// The opening of a city bureau's report that never writes its own name (dev corpus, 2015).
const OPENING = '为推进我市一流法治城市建设,根据《深圳市2015年政府绩效评估指标体系》(深绩委〔2015〕2号)的要求,2015年我局紧紧围绕公安部“四项建设”总体部署和市局党委“精兵强警”战略布局,以争当法治公安排头兵为目标,充分发挥职能作用,深入推进执法规范化建设,取得明显成效。现将有关工作报告如下:\n一、制度建设方面\n(一)强化流程控制。在市局、各分局和警种成立执法管理委员会,全面落实执法管理委员会制度,研究重大执法事项,讨论重大敏感案件。';

describe('a city bureau that calls itself 我局/市局 of 我市', () => {
  it('is the bureau of the one city its text names', () => {
    const m = detectMetadata(normalise(OPENING));
    expect(m.agency).toBe('深圳市公安局');
    expect(m.place).toBe('深圳市');
  });

  it('cites 市局 as the writer, not as another body', () => {
    const x = extract(OPENING);
    expect(x.nodes.filter((n) => n.type === 'ORGANIZATION' && n.name.endsWith('公安局'))).toEqual([]);
    const agency = x.nodes.find((n) => n.type === 'AGENCY')!;
    expect(agency.name).toBe('深圳市公安局');
    expect(agency.mentions.map((r) => x.text.slice(r.start, r.end))).toEqual(expect.arrayContaining(['我局', '市局']));
    expect(x.warnings.join(' ')).toMatch(/我局\/市局 of 我市; 深圳市 is the one division it names/);
  });

  it('stays unknown when the text names no city', () => {
    const opening = OPENING.slice(0, OPENING.indexOf(',根据'));
    expect(detectMetadata(normalise(`${opening}。2015年我局紧紧围绕公安部“四项建设”总体部署和市局党委“精兵强警”战略布局。`)).agency).toBeUndefined();
  });
});
