// Short reports in the genre's style, written for the tests (not taken from the seeds).
import type { Extraction } from '../../server/model/types';

export const JINHUA_2021 = `金华市公安局2021年法治政府建设年度报告
发布日期:2022-02-18 10:12 浏览次数: 字体:[ 大 中 小 ]
2021年,市公安局坚持以习近平法治思想为指导,全面推进法治公安建设,现将有关情况报告如下:
第一部分 主要工作
1.深化执法办案管理中心建设。全市9个执法办案中心全部实体化运行,推行刑事案件繁简分流,刑事案件快办率达35.2%,同比上升6.3%。
2.推进“最多跑一次”改革。依托“浙里办”和金华警务通APP,实现128项公安服务事项一网通办,网办率达91.5%。
3.强化执法监督。严格执行行政执法三项制度,制定《金华市公安局执法过错责任追究办法》,针对涉企案件久拖不决问题,开展专项清理,清理积案326件。
第二部分 存在的问题
1.派出所执法力量不足,基层民警法律素养有待提升。
第三部分 2022年工作打算
1.持续推进执法办案管理中心提档升级,提升派出所民警执法能力。
金华市公安局
2022年2月15日`;

/** The same report with one figure corrected, as a bureau might republish it. */
export const JINHUA_2021_CORRECTED = JINHUA_2021.replace('网办率达91.5%', '网办率达92.5%');

export const HTML_PAGE = `<!DOCTYPE html><html><head><title>衢州市公安局2020年法治政府建设年度报告</title>
<script>var tracker = "不要进入文本";</script><style>.a{color:red}</style></head>
<body><ul class="nav"><li>首页</li></ul><div class="article">
<p>2020年,衢州市公安局深入贯彻习近平法治思想,扎实推进法治公安建设。</p>
<p><strong>一、推进执法规范化建设</strong></p>
<p>全面运行执法办案管理中心,推行&ldquo;一件事&rdquo;改革,上线衢州警务通平台,行政案件快办率达78.4%&nbsp;,派出所执法质量明显提升,严格执行行政执法三项制度,开展执法培训32期,覆盖民警2100余人次,组织法律知识考试12场,民警参考率达100%,执法公信力持续提升,群众满意率达98.2%,全市公安机关行政复议案件同比下降12.5%,行政诉讼案件同比下降8.1%,推动执法质量整体提升,依法履职水平不断提高,执法规范化建设取得明显成效。</p>
</div><footer>版权所有</footer></body></html>`;

// The opening of a district branch's report that names itself only 我分局 (its first sentence
// is quoted from a real one), then a body of the genre.
export const BRANCH_2024 = [
  '2024年,我分局在市局和区委、区政府的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,进一步健全执法监督管理机制,加强执法主体能力建设,深入推进执法规范化建设,全力提升法治公安能力水平。',
  '一、深入学习贯彻习近平法治思想,坚持贯彻法治建设第一责任人制度',
  '一是建立执法办案管理中心,推进执法规范化建设,全年受理案件1200起,刑事案件快办率达35.2%。二是完善执法监督管理委员会工作机制,开展执法质量考评,组织民警参加执法资格考试,提升民警依法履职能力。',
  '二、存在的不足',
  '一是基层民警法律素养有待提升,执法能力与新形势新要求还有差距。',
  '三、下一步工作计划',
  '一是持续推进执法办案管理中心提档升级,提升派出所民警执法能力。二是深化行政执法三项制度,强化执法监督。',
].join('\n');

/** A report read with its year unknown: null, as the pipeline leaves it, or absent. */
export function undated(x: Extraction, how: 'null' | 'absent'): Extraction {
  const props = { ...x.report.props };
  if (how === 'null') props.year = null;
  else delete props.year;
  const report = { ...x.report, props };
  return { ...x, report, nodes: x.nodes.map((n) => (n.id === report.id ? report : n)) };
}
