import { normalise } from '../../../server/ingest/normalise';
import { classifyHeading, structure } from '../../../server/ingest/structure';

const report = [
  '2022年,市公安局坚持依法行政。',
  '一、主要举措和成效',
  '(一)全面履行法治建设第一责任。开展集体学法18次。',
  '二、存在的不足和原因',
  '(一)法治理念仍待提升。个别民警法治观念薄弱。',
  '三、2023年重点工作',
  '(一)持续健全执法制度指引。编制执法手册。',
  '四、坚持融入群众,全力推进共建共治。一是推动矛调中心建设。公安信访部门整体入驻。二是深化社区警务战略。实施“五员强基”行动。',
].join('\n');

describe('structure', () => {
  const st = structure(normalise(report), 2022);

  it('finds 一、 and (一) headings and 一是/二是 items with their titles', () => {
    expect(st.blocks.map((b) => [b.level, b.title])).toEqual([
      [1, '主要举措和成效'], [2, '全面履行法治建设第一责任'],
      [1, '存在的不足和原因'], [2, '法治理念仍待提升'],
      [1, '2023年重点工作'], [2, '持续健全执法制度指引'],
      [1, '坚持融入群众,全力推进共建共治'], [4, '推动矛调中心建设'], [4, '深化社区警务战略'],
    ]);
  });

  it('classifies problem and plan sections, with the plan year', () => {
    const kindOf = (title: string) => st.blocks.find((b) => b.title === title)!;
    expect(kindOf('法治理念仍待提升').kind).toBe('problems');
    expect(kindOf('持续健全执法制度指引').kind).toBe('plans');
    expect(kindOf('持续健全执法制度指引').planYear).toBe(2023);
    expect(kindOf('全面履行法治建设第一责任').kind).toBe('body');
  });

  it('does not take a "问题导向" theme for a problems section', () => {
    expect(classifyHeading('坚持问题导向,细化执法制度规范', 2020).kind).toBe('body');
    expect(classifyHeading('存在的问题和不足', 2020).kind).toBe('problems');
    expect(classifyHeading('下一步工作打算', 2020)).toEqual({ kind: 'plans', planYear: 2021 });
  });

  it('splits sentences and keeps items in their block', () => {
    const s = st.sentences.find((x) => x.text === '公安信访部门整体入驻。')!;
    expect(s.block?.title).toBe('推动矛调中心建设');
    expect(st.sentences.find((x) => x.text.startsWith('实施'))!.block?.title).toBe('深化社区警务战略');
  });
});
