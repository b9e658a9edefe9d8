import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../server/model/types';
import { SEEDS_DIR } from '../server/paths';
import { extractSeeds } from '../server/services/seed';

// Expectations written from the two seed reports' text (seeds/reports/*.txt).
const seeds = extractSeeds();
const nodes = new Map<string, GraphNode>();
const edges: GraphEdge[] = [];
for (const x of seeds) {
  for (const n of x.nodes) {
    const old = nodes.get(n.id);
    if (old) old.mentions.push(...n.mentions);
    else nodes.set(n.id, structuredClone(n));
  }
  edges.push(...x.edges);
}
const texts = new Map(seeds.map((x) => [x.report.id, x.text]));
const hz = seeds.find((x) => x.file.startsWith('hangzhou'))!;
const sx = seeds.find((x) => x.file.startsWith('shaoxing'))!;
const byName = (type: string, name: string) => [...nodes.values()].find((n) => n.type === type && n.name === name);
const namesOf = (type: string) => [...nodes.values()].filter((n) => n.type === type).map((n) => n.name);
const quote = (m: { reportId: string; start: number; end: number }) => texts.get(m.reportId)!.slice(m.start, m.end);

describe('seed graph', () => {
  it('keeps the seed reports byte for byte', () => {
    // The SHA-256 of the reports as handed over (../shared/seeds), so a fresh clone with nothing
    // beside it can still tell an edited seed.
    const handedOver: Record<string, string> = {
      'hangzhou-psb-2022.txt': '9b4a500a15a3249e36e0b6dc2783a8fcd558d03e6a6d3e4b9eff9764fdc244ef',
      'shaoxing-psb-2020.txt': '9e785922935c60a47ffd9f829d15353a03f2b9923f5981daf91a8ffdb572aac6',
    };
    for (const [f, sha] of Object.entries(handedOver)) {
      expect(createHash('sha256').update(fs.readFileSync(path.join(SEEDS_DIR, 'reports', f))).digest('hex')).toBe(sha);
    }
  });

  it('has both agencies, their places and reports with sidecar metadata', () => {
    expect(byName('AGENCY', '杭州市公安局')).toBeDefined();
    expect(byName('AGENCY', '绍兴市公安局')).toBeDefined();
    expect(byName('PLACE', '杭州市')).toBeDefined();
    expect(byName('PLACE', '绍兴市')).toBeDefined();
    expect(hz.report.props).toMatchObject({ year: 2022, publishedOn: '2023-02-24' });
    expect(sx.report.props).toMatchObject({ year: 2020, publishedOn: '2021-02-26' });
    // Hangzhou writes itself "市公安局": the agency's mention is that phrase.
    expect(byName('AGENCY', '杭州市公安局')!.mentions.map(quote)).toContain('市公安局');
  });

  it('names the platforms, apps and codes of both reports', () => {
    expect(namesOf('PLATFORM')).toEqual(expect.arrayContaining([
      '智慧法制平台', '案件码', '智慧安保指挥平台', '互联网远程办案平台', '涉网新型犯罪预防应用', '流调排查应用',
      '安心码', '越警管家', '110接处警系统', '智能监管平台', '大容量音视频文件共享平台', 'AI智能客服',
    ]));
    expect(namesOf('PLATFORM')).not.toContain('全省平台');
  });

  it('names police units and outside organisations', () => {
    expect(namesOf('UNIT')).toEqual(expect.arrayContaining(['派出所', '执法办案管理中心', '执法监督管理委员会', '专业打击队', '审讯团队', '简案团队', '交警中队', '网办中心']));
    expect(namesOf('ORGANIZATION')).toEqual(expect.arrayContaining(['华东政法大学', '国务院办公厅', '绍兴市人大常委会', '法律顾问团']));
  });

  it('names 《》 documents and other issued rules, plans and handbooks', () => {
    expect(namesOf('POLICY_DOCUMENT')).toEqual(expect.arrayContaining([
      '执法办案管理中心运行规范', '绍兴市道路交通安全管理若干规定', '法律素质培训计划', '关于适用认罪认罚从宽制度推进刑事案件繁简分流工作的实施意见',
      '亚运安保执法手册', '执法言行指引', '宪法宣誓仪式规范', '中层干部办案负面清单',
    ]));
  });

  it('records indicator values as observations with value, unit, year, agency and direction', () => {
    const obs = [...nodes.values()].filter((n) => n.type === 'OBSERVATION');
    const find = (indicator: string, value: number) => obs.find((o) => o.props.indicator === `indicator:${indicator}` && o.props.value === value);
    expect(find('行政案件快办率', 76.7)?.props).toMatchObject({ unit: '%', year: 2022, agency: '杭州市公安局' });
    expect(find('刑事案件快办率', 26.4)?.props).toMatchObject({ year: 2022 });
    expect(find('刑事案件快办率', 23.92)?.props).toMatchObject({ year: 2020, agency: '绍兴市公安局', change: 13.9, direction: '同比上升' });
    expect(find('信访总量', 25.9)?.props).toMatchObject({ direction: '同比下降' });
    expect(find('单轨制办案率', 98.05)).toBeDefined();
    expect(find('单轨制办案率', 95)?.props.direction).toBe('超');
    expect(find('网办率', 86.1)).toBeDefined();
    // "全年网办量超4600万次": the number and unit as written, the amount in the base unit beside them.
    expect(find('网办量', 4600)?.props).toMatchObject({ unit: '万次', amount: 46000000, baseUnit: '次', qualifier: '超' });
  });

  it('records the problems Hangzhou admits and the ones Shaoxing measures target', () => {
    const hzProblems = hz.nodes.filter((n) => n.type === 'PROBLEM' && n.props.admitted).map((n) => n.name);
    expect(hzProblems.sort()).toEqual(['执法机制仍待优化', '法治基础仍待夯实', '法治理念仍待提升'].sort());
    expect(namesOf('PROBLEM')).toEqual(expect.arrayContaining(['伤害类案件信访投诉较多问题', '涉案财物管理漏洞', '前几年行政复议、诉讼较多问题']));
    const faces = edges.filter((e) => e.type === 'FACES' && e.source === 'agency:杭州市公安局').map((e) => e.target);
    expect(faces).toEqual(expect.arrayContaining(['problem:法治理念仍待提升', 'problem:执法机制仍待优化', 'problem:法治基础仍待夯实']));
  });

  it("records Hangzhou's four 2023 plans as planned measures that address its problems", () => {
    const plans = hz.nodes.filter((n) => n.type === 'MEASURE' && n.props.status === 'planned');
    expect(plans.map((p) => p.name)).toEqual(['持续健全执法制度指引', '持续夯实规范执法基础', '持续优化执法监督管理', '持续优化执法方式方法']);
    expect(plans.every((p) => p.props.year === 2023)).toBe(true);
    const planOf = (name: string) => plans.find((p) => p.name === name)!.id;
    const addresses = (plan: string, problem: string) => edges.some((e) => e.type === 'ADDRESSES' && e.source === planOf(plan) && e.target === `problem:${problem}`);
    expect(addresses('持续夯实规范执法基础', '法治基础仍待夯实')).toBe(true);
    expect(addresses('持续优化执法方式方法', '执法机制仍待优化')).toBe(true);
  });

  it('links measures to the reforms they implement and what they use, involve and issue', () => {
    const measure = (report: typeof hz, start: string) => report.nodes.find((n) => n.type === 'MEASURE' && quote(n.mentions[0]).startsWith(start))!;
    const rel = (type: string, from: string) => edges.filter((e) => e.type === type && e.source === from).map((e) => e.target);
    const ji = measure(hz, '推行集约办案');
    expect(rel('IMPLEMENTS', ji.id)).toEqual(expect.arrayContaining(['reform:集约办案', 'reform:单轨制办案', 'reform:快慢分道']));
    expect(rel('INVOLVES', ji.id)).toEqual(expect.arrayContaining(['unit:执法办案管理中心', 'unit:派出所']));
    const fj = measure(sx, '联合出台《关于适用认罪认罚从宽制度');
    expect(rel('IMPLEMENTS', fj.id)).toEqual(expect.arrayContaining(['reform:繁简分流', 'reform:集约办案']));
    expect(rel('ISSUES', fj.id)).toContain('policy_document:关于适用认罪认罚从宽制度推进刑事案件繁简分流工作的实施意见');
    expect(rel('INVOLVES', fj.id)).toContain('unit:简案团队');
    const axm = measure(sx, '四是“创新办”');
    expect(axm).toBeUndefined(); // item titles are headings, not measures
    const anxin = measure(sx, '全面拓展“安心码”');
    expect(rel('USES', anxin.id)).toContain('platform:安心码');
    expect(rel('IMPLEMENTS', anxin.id)).toContain('reform:最多跑一次');
    // The values in the next sentence evidence the measure they report on.
    const speed = sx.nodes.find((n) => n.type === 'OBSERVATION' && n.props.value === 23.92)!;
    const evidenced = edges.find((e) => e.type === 'EVIDENCES' && e.source === speed.id)!;
    expect(quote(nodes.get(evidenced.target)!.mentions[0])).toContain('中心运行以来');
  });

  it('merges the same concept across reports into one node with mentions in both', () => {
    for (const id of ['unit:执法办案管理中心', 'reform:单轨制办案', 'indicator:快办率', 'unit:派出所', 'reform:一件事', 'reform:集约办案', 'indicator:单轨制办案率']) {
      const n = nodes.get(id);
      expect(n).toBeDefined();
      expect(new Set(n!.mentions.map((m) => m.reportId))).toEqual(new Set([hz.report.id, sx.report.id]));
    }
    expect(nodes.get('reform:一件事')!.mentions.map(quote)).toEqual(expect.arrayContaining(['“一件事”理念', '“一件事”改革']));
  });

  it('gives every node and every edge a mention whose quote is the exact slice, no longer than its sentence', () => {
    let checked = 0;
    for (const x of seeds) {
      for (const item of [...x.nodes, ...x.edges]) {
        expect(item.mentions.length).toBeGreaterThan(0);
        for (const m of item.mentions) {
          const text = texts.get(m.reportId)!;
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.end).toBeGreaterThan(m.start);
          const q = text.slice(m.start, m.end);
          // Within one sentence: no line break, no sentence end before the last character.
          expect(q).not.toMatch(/\n/);
          expect(q.slice(0, -1)).not.toMatch(/[。;；!?！？]/);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('extracts nothing from page furniture', () => {
    for (const n of sx.nodes) for (const m of n.mentions) expect(quote(m)).not.toMatch(/索引号|浏览次数|信息来源/);
  });
});
