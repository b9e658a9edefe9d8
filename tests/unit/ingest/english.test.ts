import { agencyEnglish, agencyShortEn, enNumber, placeEnglish, transliterations } from '../../../server/ingest/english';
import { composeEnglish } from '../../../server/ingest/english/compose';
import { measureSeeds } from '../../../server/eval/englishNames';
import { pinyinRuns } from '../../../server/eval/pinyinRuns';

// Names as the pipeline finds them in the seeds and the fixtures (tests/fixtures/reports).
const en = (name: string, opts = {}) => composeEnglish(name, opts);

describe('the genre glossary', () => {
  it('says the words of the genre in English, modifier before head', () => {
    expect(en('执法监督管理模式').text).toBe('Law-enforcement supervision management model');
    expect(en('派出所警务机制改革').text).toBe('Police station policing mechanism reform');
    expect(en('公安机关执法公开平台').text).toBe('Public security organs enforcement transparency platform');
    expect(en('执法办案中心辅助力量保障不足').text).toBe('Law-enforcement case handling centre auxiliary forces support shortcomings');
  });

  it('puts a closing 建设 first, and reads X的Y as Y of X, 关于X的Y as Y on X', () => {
    expect(en('法治嘉兴建设').text).toBe('Building rule-of-law Jiaxing');
    expect(en('进一步明确伤害类案件办理流程及要求的通知').text).toBe('Notice of further clarifying injury case handling procedure and requirements');
    expect(en('关于防控行政复议、行政诉讼风险的若干意见').text).toBe('Several opinions on prevention and control administrative review, administrative litigation risk');
  });

  it('leaves a problem statement in its order (the verb says what is lacking)', () => {
    expect(en('法治理念仍待提升').text).toBe('Rule-of-law thinking still needs improvement');
  });
});

describe('numbers and the genre patterns', () => {
  it('reads 一A一B(二C) as one B (and two Cs) per A', () => {
    expect(en('一社区一民警二辅警').text).toBe('One police officer and two auxiliary police officers per community');
    expect(en('一村一辅警').text).toBe('One auxiliary police officer per village');
  });

  it('counts numbered slogans: number, measure word, noun in the plural', () => {
    expect(en('三项制度').text).toBe('Three systems');
    expect(en('四大行动').text).toBe('Four major actions');
    expect(en('32项便民服务措施').text).toBe('32 convenience services measures');
  });

  it('makes a number with a unit an adjective, and a year a year', () => {
    expect(en('十五分钟办事圈').text).toBe('Fifteen-minute service circle');
    expect(en('2022年度法治公安建设任务清单').text).toBe('2022 annual building rule-of-law policing task list');
  });

  it('keeps codes written with + as they are written', () => {
    expect(en('1+6+N合成作战体系').text).toBe('1+6+N combined operations system');
  });
});

describe('pinyin only for proper nouns, marked as such', () => {
  it('writes places of the national division list in pinyin and marks them', () => {
    expect(en('杭州市委市政府')).toEqual({ text: 'Hangzhou city Party committee and government', proper: ['Hangzhou'], glossed: false });
    expect(placeEnglish('景宁畲族自治县')).toEqual({ text: 'Jingning She Autonomous County', proper: ['Jingning'], glossed: false });
  });

  it('does not take a genre word for the county it also names (公安 is a county of Hubei)', () => {
    const r = en('公安打造一流营商环境50项措施');
    expect(r.text).toBe('Public security building first-class business environment 50 measures');
    expect(r.proper).toEqual([]);
  });

  it('names bureaus and their branches, the smallest first, with a short form', () => {
    expect(agencyEnglish('湖州市公安局吴兴分局')).toEqual({ text: 'Wuxing Branch, Huzhou Municipal Public Security Bureau', proper: ['Wuxing', 'Huzhou'], glossed: false });
    expect(agencyShortEn('绍兴市公安局')).toBe('Shaoxing PSB');
  });

  it("keeps a platform's own name in pinyin as its brand", () => {
    expect(en('禾警通服务平台', { brand: true })).toEqual({ text: 'Hejingtong service platform', proper: ['Hejingtong'], glossed: false });
    expect(en('越警管家', { brand: true })).toEqual({ text: 'Yuejing Guanjia', proper: ['Yuejing Guanjia'], glossed: false });
  });

  it("marks the pinyin a curated English name keeps (the lexicon's Yuejing, Fengqiao)", () => {
    expect(transliterations('Yuejing Steward police-service app', ['越警管家'])).toEqual(['Yuejing']);
    expect(transliterations('The Fengqiao Experience', ['枫桥经验'])).toEqual(['Fengqiao']);
  });

  it('keeps the names the whole genre shares from the glossary, marked', () => {
    expect(en('枫桥式车管所')).toEqual({ text: 'Fengqiao-style vehicle administration office', proper: ['Fengqiao-style'], glossed: false });
  });
});

describe('the Chinese with a gloss where the glossary cannot say it', () => {
  it('shows the Chinese and glosses the words it knows, marking what it leaves out', () => {
    expect(en('背包警务')).toEqual({ text: '背包警务 (… policing)', proper: [], glossed: true });
    expect(en('执法言行指引').text).toBe('执法言行指引 (law-enforcement … guidelines)');
  });

  it('says what the thing is when it knows no word but numbers, never pinyin', () => {
    expect(en('四专两合力', { kind: 'reform' }).text).toBe('四专两合力 (reform)');
  });
});

describe('the measure of pinyin in English names', () => {
  it('finds pinyin runs by the syllable table, not English words that look like pinyin', () => {
    expect(pinyinRuns('Yishe district Yi police officers Erfujing')).toEqual(['Yishe', 'Yi', 'Erfujing']);
    expect(pinyinRuns('Rule-of-law Huanjing building')).toEqual(['Huanjing']);
    expect(pinyinRuns('She guides the line')).toEqual([]);
  });

  it('excuses places and the proper nouns a name marks', () => {
    expect(pinyinRuns('Shaoxing PSB')).toEqual([]);
    expect(pinyinRuns('Yuejing Steward police-service app')).toEqual(['Yuejing']);
    expect(pinyinRuns('Yuejing Steward police-service app', ['Yuejing'])).toEqual([]);
  });

  it('finds at most 5 % of the named nodes of the seeds with pinyin that is no proper noun', () => {
    const r = measureSeeds();
    expect(r.named.nodes).toBeGreaterThan(300);
    expect(r.named.pinyin.map((n) => `${n.name} → ${String(n.props.nameEn)}`)).toEqual([]);
    expect(r.named.pinyin.length / r.named.nodes).toBeLessThanOrEqual(0.05);
  });
});

describe('numbers in English names', () => {
  it('reads as en-GB formatting does: grouped in threes, up to three decimal places', () => {
    expect(enNumber(46000000)).toBe('46,000,000');
    expect(enNumber(76.7)).toBe('76.7');
    expect(enNumber(1234.567)).toBe('1,234.567');
    expect(enNumber(0.1235)).toBe('0.124');
    // A deterministic spread of counts, rates and amounts, against the formatter itself.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 5000; k++) {
      const x = [Math.floor(next() * 10 ** (1 + (k % 12))), Math.round(next() * 10 ** (k % 8)) / 10 ** (k % 5), next() * 10 ** (k % 9), -next() * 1000][k % 4];
      expect(enNumber(x)).toBe(x.toLocaleString('en-GB'));
    }
  });
});
