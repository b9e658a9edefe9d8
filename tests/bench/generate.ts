// Synthetic report graphs for the benchmarks: one Extraction per invented report (report node,
// nodes, edges, text), shaped like what server/ingest/pipeline.ts makes of a real report, so the
// graph loads through each store's real writeReport/rebuild path. Deterministic from a seed.
//
// - Every report has a text; every node and edge has mentions into it, and quote =
//   text.slice(start, end) holds (for concepts, the quote is the name as written).
// - Shared concepts (reforms, platforms, units, organisations, indicators, documents,
//   principles, recurring problems) come from vocabularies whose heads are the curated lexicon's
//   real concepts and whose tails are composed Chinese names; each report draws from them with a
//   Zipf-like popularity, so a few hubs have very high degree and most concepts are rare.
// - Measures, observations and the report are per report; agencies publish one report a year.
import fs from 'node:fs';
import path from 'node:path';
import { GraphBuilder } from '../../server/ingest/graphBuilder';
import { reportIdOf } from '../../server/ingest/pipeline';
import type { Extraction, GraphNode, MentionRef, NodeType } from '../../server/model/types';
import { SEEDS_DIR } from '../../server/paths';
import { Rng, subSeed, Zipf } from './rng';

export interface GenOptions {
  /** Stop once the graph holds at least this many distinct nodes. */
  nodes: number;
  seed?: number;
  /** Zipf exponent of concept popularity (1.05 by default). */
  skew?: number;
}

interface Concept {
  id: string;
  type: NodeType;
  name: string;
  aliases: string[];
  nameEn?: string;
}

// ---- vocabularies ----------------------------------------------------------------------------

const DOMAINS = ['执法办案', '治安管理', '交通管理', '户籍管理', '出入境管理', '刑事侦查', '网络安全', '禁毒', '监所管理', '信访',
  '法制审核', '警务督察', '反诈', '食药环', '经侦', '巡特警', '社区警务', '派出所', '案件审核', '涉案财物',
  '证据管理', '执法监督', '行政复议', '行政调解', '矛盾纠纷', '消防监督', '危化品', '网约车', '寄递物流', '校园安全'];

const CITIES: Array<[string, string]> = [
  ['杭州', '浙江省'], ['宁波', '浙江省'], ['温州', '浙江省'], ['嘉兴', '浙江省'], ['湖州', '浙江省'], ['绍兴', '浙江省'], ['金华', '浙江省'],
  ['衢州', '浙江省'], ['舟山', '浙江省'], ['台州', '浙江省'], ['丽水', '浙江省'], ['南京', '江苏省'], ['苏州', '江苏省'], ['无锡', '江苏省'],
  ['常州', '江苏省'], ['南通', '江苏省'], ['扬州', '江苏省'], ['镇江', '江苏省'], ['泰州', '江苏省'], ['徐州', '江苏省'], ['盐城', '江苏省'],
  ['淮安', '江苏省'], ['连云港', '江苏省'], ['宿迁', '江苏省'], ['合肥', '安徽省'], ['芜湖', '安徽省'], ['蚌埠', '安徽省'], ['安庆', '安徽省'],
  ['黄山', '安徽省'], ['福州', '福建省'], ['厦门', '福建省'], ['泉州', '福建省'], ['漳州', '福建省'], ['莆田', '福建省'], ['南昌', '江西省'],
  ['赣州', '江西省'], ['九江', '江西省'], ['济南', '山东省'], ['青岛', '山东省'], ['烟台', '山东省'], ['潍坊', '山东省'], ['临沂', '山东省'],
  ['淄博', '山东省'], ['威海', '山东省'], ['广州', '广东省'], ['深圳', '广东省'], ['佛山', '广东省'], ['东莞', '广东省'], ['珠海', '广东省'],
  ['中山', '广东省'], ['惠州', '广东省'], ['汕头', '广东省'], ['江门', '广东省'], ['成都', '四川省'], ['绵阳', '四川省'], ['德阳', '四川省'],
  ['宜宾', '四川省'], ['武汉', '湖北省'], ['宜昌', '湖北省'], ['襄阳', '湖北省'], ['长沙', '湖南省'], ['株洲', '湖南省'], ['湘潭', '湖南省'],
  ['岳阳', '湖南省'], ['郑州', '河南省'], ['洛阳', '河南省'], ['开封', '河南省'], ['石家庄', '河北省'], ['唐山', '河北省'], ['保定', '河北省'],
  ['太原', '山西省'], ['大同', '山西省'], ['西安', '陕西省'], ['宝鸡', '陕西省'], ['沈阳', '辽宁省'], ['大连', '辽宁省'], ['长春', '吉林省'],
  ['吉林', '吉林省'], ['哈尔滨', '黑龙江省'], ['大庆', '黑龙江省'], ['昆明', '云南省'], ['大理', '云南省'], ['贵阳', '贵州省'], ['遵义', '贵州省'],
  ['南宁', '广西壮族自治区'], ['桂林', '广西壮族自治区'], ['柳州', '广西壮族自治区'], ['海口', '海南省'], ['三亚', '海南省'], ['兰州', '甘肃省'],
  ['西宁', '青海省'], ['银川', '宁夏回族自治区'], ['呼和浩特', '内蒙古自治区'], ['包头', '内蒙古自治区'], ['乌鲁木齐', '新疆维吾尔自治区'],
];
const DISTRICTS = ['西湖', '上城', '拱墅', '滨江', '萧山', '余杭', '鄞州', '江北', '北仑', '镇海', '越城', '柯桥', '上虞', '吴兴', '南浔',
  '南湖', '秀洲', '椒江', '黄岩', '路桥', '婺城', '金东', '柯城', '衢江', '莲都', '定海', '普陀', '鹿城', '龙湾', '瓯海', '海曙', '奉化',
  '临平', '钱塘', '富阳', '临安', '新城', '高新', '经开', '滨海', '城东', '城西', '城南', '城北', '港口', '开发'];

/** Composed names: index i → a unique name from the product of the parts (spread by a coprime stride). */
function composer(parts: readonly (readonly string[])[], shape: (p: string[]) => string) {
  const total = parts.reduce((n, p) => n * p.length, 1);
  let stride = 7919;
  while (gcd(stride, total) !== 1) stride += 2;
  return {
    total,
    name(i: number): string {
      let k = (i * stride) % total;
      const picked: string[] = [];
      for (const p of parts) {
        picked.push(p[k % p.length]);
        k = Math.floor(k / p.length);
      }
      return shape(picked);
    },
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const TAILS: Record<Exclude<NodeType, 'REPORT' | 'AGENCY' | 'PLACE' | 'MEASURE' | 'OBSERVATION' | 'TOPIC'>, ReturnType<typeof composer>> = {
  REFORM: composer([
    ['全域', '全链条', '全流程', '新时代', '一站式', '跨区域', '智慧', '数字', '全要素', '精细化', '常态化', '规范化', '全覆盖', '闭环', '协同', '多元', '基层', '源头', '全周期', '立体化'],
    DOMAINS,
    ['一体化', '集约化', '标准化', '数字化', '智能化', '专业化', '扁平化', '协同', '联动', '分级', '分类', '闭环', '融合', '提速', '提质', '增效', '前移', '下沉', '共治', '共享', '集成', '联勤', '合成', '直通', '预警'],
    ['改革', '机制', '模式', '体系', '制度', '责任制', '工作法'],
  ], ([a, b, c, d]) => a + b + c + d),
  PLATFORM: composer([
    ['智慧', '数字', '云上', '掌上', '移动', '智能', '一体化', '全息', '实战', '综合', '协同', '可视化', '在线', '指尖', '阳光'],
    DOMAINS,
    ['管理', '监督', '服务', '研判', '指挥', '办案', '预警', '审核', '调度', '共享'],
    ['平台', '系统', '应用', 'APP', '小程序', '码', '一张图', '服务网'],
  ], ([a, b, c, d]) => a + b + c + d),
  UNIT: composer([
    ['专业', '联合', '综合', '机动', '直属', '第一', '第二', '第三', '城区', '开发区', '高新区', '港区', '景区', '铁路', '机场'],
    DOMAINS,
    ['中心', '中队', '大队', '支队', '委员会', '团队', '警务站', '打击队', '战队', '专班', '服务站', '工作站'],
  ], ([a, b, c]) => a + b + c),
  ORGANIZATION: composer([
    CITIES.map(([c]) => `${c}市`),
    ['人民法院', '人民检察院', '司法局', '财政局', '市场监管局', '律师协会', '政法委', '党校', '法学会', '公证处', '仲裁委员会', '大学',
      '律师事务所', '税务局', '民政局', '教育局', '卫健委', '生态环境局', '人社局', '应急管理局'],
  ], ([a, b]) => a + b),
  INDICATOR: composer([
    DOMAINS,
    ['案件', '警情', '事项', '业务', '投诉', '复议', '诉讼', '证据', '涉案财物', '嫌疑人', '电子卷宗', '网上申请', '信访件', '整改项', '线索'],
    ['办结率', '快办率', '网办率', '满意率', '整改率', '到达率', '覆盖率', '完成率', '纠错率', '败诉率', '上升量', '下降量', '总量', '数', '平均时长'],
  ], ([a, b, c]) => a + b + c),
  POLICY_DOCUMENT: composer([
    ['进一步规范', '全面加强', '深化', '推进', '完善', '健全', '优化', '严格', '创新', '强化'],
    DOMAINS,
    ['工作', '管理', '监督', '执法', '服务', '考核', '保障', '协作', '审核', '办理', '流程', '责任'],
    ['措施', '指引', '规范', '手册', '办法', '规定', '意见', '通知', '细则', '清单', '方案', '计划', '规则', '标准', '指南', '守则', '规程'],
  ], ([a, b, c, d]) => `关于${a}${b}${c}的${d}`),
  PRINCIPLE: composer([
    ['新发展理念', '总体国家安全观', '法治思维', '底线思维', '系统观念', '人民至上', '改革创新精神', '红船精神', '新时代枫桥经验', '发展新安全格局'],
  ], ([a]) => a),
  PROBLEM: composer([
    ['部分单位', '少数民警', '个别地区', '基层所队', '部分警种', ''],
    DOMAINS,
    ['信息化建设', '队伍素质', '执法规范化水平', '制度建设', '监督机制', '办案质量', '基层基础', '数据共享', '协作配合', '宣传教育',
      '保障能力', '考核体系', '风险防控', '服务意识', '专业能力', '权责划分', '流程衔接', '装备配置', '培训机制', '案件管理'],
    ['仍有短板', '有待提升', '还不够完善', '存在薄弱环节', '相对滞后', '不够均衡', '需进一步加强', '仍需规范', '尚未全面落实', '存在一定差距', '还需深化', '推进不够有力'],
  ], ([a, b, c, d]) => a + b + c + d),
};

export type ConceptType = keyof typeof TAILS;

interface LexEntry {
  name: string;
  aliases?: string[];
  en?: string;
}

function readLexicon(): Partial<Record<NodeType, LexEntry[]>> {
  const file = path.join(SEEDS_DIR, 'lexicon', 'concepts.json');
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<NodeType, LexEntry[]>>;
}

/** One concept type: rank 0..size-1, the lexicon's concepts first, composed names after them. */
class Vocabulary {
  private readonly cache = new Map<number, Concept>();
  private readonly zipf: Zipf;
  readonly size: number;

  private readonly headNames: Set<string>;

  constructor(readonly type: ConceptType, private readonly head: LexEntry[], size: number, skew: number) {
    this.headNames = new Set(head.map((h) => h.name));
    this.size = Math.max(1, Math.min(size, head.length + TAILS[type].total - this.headNames.size));
    this.zipf = new Zipf(this.size, skew);
  }

  draw(rng: Rng): Concept {
    return this.at(this.zipf.draw(rng));
  }

  at(rank: number): Concept {
    let c = this.cache.get(rank);
    if (c) return c;
    const prefix = this.type.toLowerCase();
    if (rank < this.head.length) {
      const h = this.head[rank];
      c = { id: `${prefix}:${h.name}`, type: this.type, name: h.name, aliases: (h.aliases ?? []).filter((a) => a !== h.name), nameEn: h.en };
    } else {
      // Skip composed names that happen to equal a lexicon name.
      let i = rank - this.head.length;
      let name = TAILS[this.type].name(i);
      while (this.headNames.has(name)) name = TAILS[this.type].name(++i + this.size);
      c = { id: `${prefix}:${name}`, type: this.type, name, aliases: [] };
    }
    this.cache.set(rank, c);
    return c;
  }
}

// ---- text with mentions ----------------------------------------------------------------------

/** Appends text and hands back the span of what was appended (offsets in UTF-16 code units). */
class Text {
  private parts: string[] = [];
  length = 0;

  add(s: string): MentionRef {
    const start = this.length;
    this.parts.push(s);
    this.length += s.length;
    return { reportId: '', start, end: this.length };
  }

  toString(): string {
    return this.parts.join('');
  }
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LEADS = ['', '', '全面', '持续', '深入', '扎实', '积极', '稳步'];
const VERBS = ['深化', '推进', '推行', '落实', '完善', '健全', '优化', '探索', '打造', '构建'];
const FILLERS = ['，切实提升执法质效', '，群众满意度持续提升', '，有效防范化解执法风险', '，形成一批可复制可推广的经验', '，执法公信力不断增强',
  '，确保各项工作落到实处', '，实现案件办理全过程留痕', '，进一步压实执法责任'];
const HEADINGS = ['坚持依法履职', '深化执法规范化建设', '推进“放管服”改革', '强化执法监督', '提升执法能力', '加强法治宣传', '优化营商环境', '推进数字法治'];

/** A measure being written: its sentence's concepts, observations and problem links. */
interface Draft {
  span: MentionRef;
  name: string;
  status: 'done' | 'planned';
  year: number;
  section: string;
  links: Array<{ edge: 'IMPLEMENTS' | 'USES' | 'INVOLVES' | 'ISSUES' | 'GUIDED_BY'; concept: Concept; at: MentionRef }>;
  observations: Array<{ indicator: Concept; at: MentionRef; indicatorAt: MentionRef; value: number; unit: string; direction: string; change: number | null }>;
  problems: string[];
}

/** What a generated graph holds, for choosing query targets (plain data: it crosses processes). */
export interface GraphInfo {
  reports: number;
  /** Distinct node ids. */
  nodes: number;
  /** Edges summed over the reports (an edge stated by two reports counts twice). */
  edgeMentions: number;
  byType: Partial<Record<NodeType, number>>;
  /** A uniform sample of node ids (reservoir), for queries. */
  sample: string[];
  /** Agency ids, in the order they first published. */
  agencies: string[];
  /** Concepts by popularity rank (rank 0 = the biggest hub) and vocabulary sizes. */
  concepts: Record<ConceptType, { size: number; top: Array<{ rank: number; id: string; name: string }> }>;
}

/**
 * Generates reports until the graph holds `nodes` distinct nodes. Returns the extractions and a
 * description of the graph (for choosing query targets).
 */
export function generateGraph(opts: GenOptions): { extractions: Extraction[]; info: GraphInfo } {
  const extractions: Extraction[] = [];
  const gen = generateReports(opts);
  for (;;) {
    const r = gen.next();
    if (r.done) return { extractions, info: r.value };
    extractions.push(r.value);
  }
}

/**
 * The same reports as a lazy sequence that can be iterated again and again (each pass generates
 * them anew, identically), so a store can load a graph without the caller holding every
 * extraction in memory. Typed as an array for GraphStore.rebuild, which only iterates it.
 */
export function lazyReports(opts: GenOptions): Extraction[] {
  return { [Symbol.iterator]: () => generateReports(opts) } as unknown as Extraction[];
}

/** One report at a time; the generator's return value describes the whole graph. */
export function* generateReports(opts: GenOptions): Generator<Extraction, GraphInfo, void> {
  const seed = opts.seed ?? 20240601;
  const skew = opts.skew ?? 1.05;
  const N = opts.nodes;
  const lex = readLexicon();
  // Vocabulary sizes grow with the graph: a bigger corpus names more distinct concepts.
  const vocab: Record<ConceptType, Vocabulary> = {
    REFORM: new Vocabulary('REFORM', lex.REFORM ?? [], Math.round(60 + N / 150), skew),
    PLATFORM: new Vocabulary('PLATFORM', lex.PLATFORM ?? [], Math.round(30 + N / 300), skew),
    UNIT: new Vocabulary('UNIT', lex.UNIT ?? [], Math.round(30 + N / 500), skew),
    ORGANIZATION: new Vocabulary('ORGANIZATION', lex.ORGANIZATION ?? [], Math.round(40 + N / 500), skew),
    INDICATOR: new Vocabulary('INDICATOR', lex.INDICATOR ?? [], Math.round(30 + N / 400), skew),
    POLICY_DOCUMENT: new Vocabulary('POLICY_DOCUMENT', [], Math.round(50 + N / 60), 0.8),
    PRINCIPLE: new Vocabulary('PRINCIPLE', lex.PRINCIPLE ?? [], 17, skew),
    PROBLEM: new Vocabulary('PROBLEM', [], Math.round(40 + N / 12), 0.9),
  };
  // About 75 new nodes per report; each agency publishes about five yearly reports.
  const agencyCount = Math.max(2, Math.ceil(N / 75 / 5));
  const agencyAt = (i: number) => {
    const [city, province] = CITIES[i % CITIES.length];
    const k = Math.floor(i / CITIES.length);
    if (k === 0) return { name: `${city}市公安局`, city: `${city}市`, district: null as string | null, province };
    const district = `${DISTRICTS[(k - 1) % DISTRICTS.length]}${k > DISTRICTS.length ? CN_NUM[Math.floor((k - 1) / DISTRICTS.length) % 10] : ''}区`;
    return { name: `${city}市公安局${district}分局`, city: `${city}市`, district, province };
  };

  const seen = new Set<string>();
  let edges = 0;
  const sample: string[] = [];
  const SAMPLE = 2000;
  const sampleRng = new Rng(subSeed(seed, 0, 99));
  const agencies: string[] = [];
  const byType = new Map<NodeType, number>();
  let r = 0;
  while (seen.size < N) {
    const x = makeReport(r, seed, agencyAt(r % agencyCount), 2019 + Math.floor(r / agencyCount), vocab);
    for (const n of x.nodes) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      byType.set(n.type, (byType.get(n.type) ?? 0) + 1);
      // Reservoir sampling: every node equally likely to be in the sample.
      if (sample.length < SAMPLE) sample.push(n.id);
      else {
        const j = sampleRng.int(seen.size);
        if (j < SAMPLE) sample[j] = n.id;
      }
      if (n.type === 'AGENCY') agencies.push(n.id);
    }
    edges += x.edges.length;
    yield x;
    r++;
  }
  return {
    reports: r,
    nodes: seen.size,
    edgeMentions: edges,
    byType: Object.fromEntries(byType) as Partial<Record<NodeType, number>>,
    sample,
    agencies,
    concepts: Object.fromEntries(
      (Object.keys(vocab) as ConceptType[]).map((t) => [t, { size: vocab[t].size, top: [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500].filter((k) => k < vocab[t].size).map((k) => ({ rank: k, ...pick(vocab[t].at(k)) })) }]),
    ) as GraphInfo['concepts'],
  };
}

const pick = (c: Concept) => ({ id: c.id, name: c.name });

function makeReport(r: number, seed: number, agency: { name: string; city: string; district: string | null; province: string }, year: number, vocab: Record<ConceptType, Vocabulary>): Extraction {
  const rng = new Rng(subSeed(seed, r));
  const t = new Text();
  const title = `${agency.name}${year}年法治政府建设年度报告`;
  const titleAt = t.add(title);
  const agencyInTitle = { reportId: '', start: titleAt.start, end: titleAt.start + agency.name.length };
  t.add('\n');

  // Opening paragraph: guiding principle, the province, the city.
  const principle = vocab.PRINCIPLE.draw(rng);
  t.add(`${year}年，`);
  const agencyAt = t.add(agency.name);
  const cityAt = { reportId: '', start: agencyAt.start, end: agencyAt.start + agency.city.length };
  const districtAt = agency.district ? { reportId: '', start: agencyAt.start + agency.name.indexOf(agency.district), end: agencyAt.start + agency.name.indexOf(agency.district) + agency.district.length } : null;
  t.add('坚持以');
  const principleAt = t.add(principle.name);
  t.add('为指导，在');
  const provinceAt = t.add(agency.province);
  t.add('公安厅的有力指导下，全面推进法治公安建设，现将有关情况报告如下。\n');

  const drafts: Draft[] = [];
  const problems: Array<{ concept: Concept; at: MentionRef; sentence: MentionRef }> = [];

  const writeMeasure = (status: 'done' | 'planned', section: string, sectionReform: Concept, sectionReformAt: MentionRef) => {
    const start = t.length;
    const d: Draft = { span: { reportId: '', start, end: start }, name: '', status, year: status === 'done' ? year : year + 1, section, links: [], observations: [], problems: [] };
    const lead = rng.pick(LEADS) + rng.pick(VERBS);
    const reform = rng.chance(0.55) ? sectionReform : vocab.REFORM.draw(rng);
    t.add(lead);
    const reformAt = t.add(reform.name);
    d.name = lead + reform.name;
    d.links.push({ edge: 'IMPLEMENTS', concept: reform, at: reformAt });
    // Measures implement the reform of their section too (named in the heading).
    if (reform !== sectionReform && rng.chance(0.4)) d.links.push({ edge: 'IMPLEMENTS', concept: sectionReform, at: sectionReformAt });
    if (rng.chance(0.35)) {
      t.add('，依托');
      const p = vocab.PLATFORM.draw(rng);
      d.links.push({ edge: 'USES', concept: p, at: t.add(p.name) });
      t.add('开展工作');
    }
    if (rng.chance(0.5)) {
      t.add('，由');
      const u = vocab.UNIT.draw(rng);
      d.links.push({ edge: 'INVOLVES', concept: u, at: t.add(u.name) });
      t.add('牵头');
    }
    if (rng.chance(0.3)) {
      t.add('，会同');
      const o = vocab.ORGANIZATION.draw(rng);
      d.links.push({ edge: 'INVOLVES', concept: o, at: t.add(o.name) });
      t.add('建立协作机制');
    }
    if (rng.chance(0.2)) {
      t.add('，出台《');
      const doc = vocab.POLICY_DOCUMENT.draw(rng);
      d.links.push({ edge: 'ISSUES', concept: doc, at: t.add(doc.name) });
      t.add('》');
    }
    if (rng.chance(0.08)) {
      t.add('，坚持');
      const p = vocab.PRINCIPLE.draw(rng);
      d.links.push({ edge: 'GUIDED_BY', concept: p, at: t.add(p.name) });
    }
    if (status === 'done' && rng.chance(0.35)) {
      t.add('，');
      const ind = vocab.INDICATOR.draw(rng);
      const obsStart = t.length;
      const indicatorAt = t.add(ind.name);
      const percent = rng.chance(0.7);
      const up = rng.chance(0.5);
      let value: number;
      let unit: string;
      let direction: string;
      let change: number | null = null;
      if (percent && rng.chance(0.7)) {
        value = Math.round((60 + rng.float() * 40) * 100) / 100;
        unit = '%';
        direction = rng.pick(['达', '达到', '为']);
        t.add(`${direction}${value}%`);
      } else if (percent) {
        value = Math.round(rng.float() * 5000) / 100;
        unit = '%';
        direction = up ? '同比上升' : '同比下降';
        change = up ? value : -value;
        t.add(`${direction}${value}%`);
      } else {
        value = rng.range(12, 99999);
        unit = rng.pick(['件', '次', '人次', '起']);
        direction = rng.pick(['达', '共', '累计']);
        t.add(`${direction}${value}${unit}`);
      }
      d.observations.push({ indicator: ind, at: { reportId: '', start: obsStart, end: t.length }, indicatorAt, value, unit, direction, change });
    }
    if (rng.chance(0.5)) t.add(rng.pick(FILLERS));
    t.add('。');
    d.span.end = t.length;
    drafts.push(d);
    return d;
  };

  // Work done: four to six sections, each under a reform.
  const sections = rng.range(4, 6);
  for (let s = 0; s < sections; s++) {
    const heading = rng.pick(HEADINGS);
    const reform = vocab.REFORM.draw(rng);
    t.add(`${CN_NUM[s]}、${heading}，推进`);
    const reformAt = t.add(reform.name);
    t.add('\n');
    const count = rng.range(5, 12);
    for (let m = 0; m < count; m++) {
      if (m % 3 === 0) t.add(`（${CN_NUM[m / 3]}）`);
      writeMeasure('done', `${CN_NUM[s]}、${heading}，推进${reform.name}`, reform, reformAt);
      if (m % 3 === 2 || m === count - 1) t.add('\n');
    }
  }

  // Shortcomings.
  t.add(`${CN_NUM[sections]}、存在的不足\n`);
  const nProblems = rng.range(3, 7);
  for (let i = 0; i < nProblems; i++) {
    const start = t.length;
    t.add(`${CN_NUM[i]}是`);
    const p = vocab.PROBLEM.draw(rng);
    const at = t.add(p.name);
    t.add('。');
    if (!problems.some((x) => x.concept.id === p.id)) problems.push({ concept: p, at, sentence: { reportId: '', start, end: t.length } });
  }
  t.add('\n');

  // Next year's plan: planned measures, some addressing the shortcomings.
  const planReform = vocab.REFORM.draw(rng);
  t.add(`${CN_NUM[sections + 1]}、${year + 1}年工作计划\n${year + 1}年，我局将围绕`);
  const planReformAt = t.add(planReform.name);
  t.add('，重点做好以下工作。\n');
  const planned = rng.range(5, 12);
  for (let i = 0; i < planned; i++) {
    const d = writeMeasure('planned', `${CN_NUM[sections + 1]}、${year + 1}年工作计划`, planReform, planReformAt);
    if (problems.length && rng.chance(0.5)) d.problems.push(rng.pick(problems).concept.id);
  }
  t.add('\n');
  const closingAt = t.add(agency.name);
  t.add(`\n${year + 1}年2月${rng.range(1, 28)}日\n`);

  // The text is final: ids that depend on its hash, then the graph.
  const text = t.toString();
  const reportId = reportIdOf(text);
  const hash = reportId.slice('report:'.length);
  const at = (m: MentionRef): MentionRef => ({ reportId, start: m.start, end: m.end });
  const g = new GraphBuilder();
  const agencyId = `agency:${agency.name}`;
  const cityId = `place:${agency.city}`;
  const provinceId = `place:${agency.province}`;
  g.node(reportId, 'REPORT', title, at(titleAt), {
    title, year, publishedOn: `${year + 1}-02-${String(rng.range(1, 28)).padStart(2, '0')}`, source: `synthetic report ${r}`,
    agency: agency.name, place: agency.district ?? agency.city, province: agency.province,
  });
  g.node(agencyId, 'AGENCY', agency.name, [at(agencyInTitle), at(agencyAt), at(closingAt)], { place: agency.district ?? agency.city });
  g.node(cityId, 'PLACE', agency.city, at(cityAt), { level: 'city' });
  g.node(provinceId, 'PLACE', agency.province, at(provinceAt), { level: 'province' });
  g.edge('PUBLISHED_BY', reportId, agencyId, at(agencyInTitle));
  g.edge('LOCATED_IN', cityId, provinceId, at(provinceAt));
  if (districtAt && agency.district) {
    const districtId = `place:${agency.city}${agency.district}`;
    g.node(districtId, 'PLACE', agency.district, at(districtAt), { level: 'district' });
    g.edge('LOCATED_IN', agencyId, districtId, at(districtAt));
    g.edge('LOCATED_IN', districtId, cityId, at(cityAt));
  } else {
    g.edge('LOCATED_IN', agencyId, cityId, at(cityAt));
  }
  const concept = (c: Concept, m: MentionRef) => {
    const n = g.node(c.id, c.type, c.name, at(m), c.nameEn ? { nameEn: c.nameEn } : {});
    if (!n.aliases.length && c.aliases.length) n.aliases.push(...c.aliases);
    return n;
  };
  concept(principle, principleAt);
  for (const p of problems) {
    concept(p.concept, p.at);
    g.edge('FACES', agencyId, p.concept.id, at(p.sentence));
  }
  for (const d of drafts) {
    const mid = `measure:${hash}:${d.span.start}`;
    g.node(mid, 'MEASURE', d.name, at(d.span), { status: d.status, year: d.year, section: d.section });
    g.edge('CARRIES_OUT', agencyId, mid, at(d.span), { status: d.status, year: d.year });
    for (const l of d.links) {
      concept(l.concept, l.at);
      g.edge(l.edge, mid, l.concept.id, at(d.span));
      if (l.concept.type === 'UNIT') g.edge('PART_OF', l.concept.id, agencyId, at(l.at));
    }
    for (const pid of d.problems) g.edge('ADDRESSES', mid, pid, at(d.span));
    for (const o of d.observations) {
      concept(o.indicator, o.indicatorAt);
      const oid = `observation:${hash}:${o.at.start}:${o.indicator.name}`;
      g.node(oid, 'OBSERVATION', `${o.indicator.name} ${o.value}${o.unit}`, at(o.at), {
        value: o.value, unit: o.unit, year: d.year, agency: agency.name, direction: o.direction, change: o.change, qualifier: null, indicator: o.indicator.id,
      });
      g.edge('OF', oid, o.indicator.id, at(o.at));
      g.edge('FOR', oid, agencyId, at(o.at));
      g.edge('EVIDENCES', oid, mid, at(d.span));
    }
  }
  const nodes = [...g.nodes.values()];
  return { report: g.nodes.get(reportId) as GraphNode, text, nodes, edges: [...g.edges.values()], warnings: [] };
}

/** Checks the provenance rule on generated reports: every mention quotes its report's text. */
export function checkMentions(xs: readonly Extraction[]): string[] {
  const problems: string[] = [];
  for (const x of xs) {
    for (const el of [...x.nodes, ...x.edges]) {
      if (!el.mentions.length) problems.push(`${el.id}: no mention`);
      for (const m of el.mentions) {
        if (m.reportId !== x.report.id) problems.push(`${el.id}: mention of another report`);
        if (!(m.start >= 0 && m.end > m.start && m.end <= x.text.length)) problems.push(`${el.id}: span ${m.start}-${m.end} outside the text`);
      }
      if ('type' in el && !('source' in el) && el.type !== 'MEASURE' && el.type !== 'OBSERVATION' && el.type !== 'REPORT') {
        const n = el as GraphNode;
        if (!n.mentions.every((m) => x.text.slice(m.start, m.end) === n.name)) problems.push(`${n.id}: a mention does not quote the name`);
      }
    }
  }
  return problems;
}
