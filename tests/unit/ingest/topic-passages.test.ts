// A node's topic is read from the passages that state it (its own words, its sentences, its
// headings), closest first. A node stated in many sentences keeps its passages by key rather than
// by scanning them; a heading met after that, in a tier it had no passage in yet, is its own
// passage and no other node's.
import { extract } from '../../../server/ingest/pipeline';

test('a platform named in many sentences, then under a heading, lends that heading to no other node', () => {
  const many = Array.from({ length: 20 }, (_, i) => `全市第${i + 1}批民警使用智慧法制平台办理案件${i + 10}起。`).join('\n');
  const text = `某市公安局2023年法治政府建设情况报告\n组织民警参观历史博物馆。\n${many}\n一、推进执法监督管理\n依托智慧法制平台开展执法监督管理,组建法治人才库。\n二、深化最多跑一次改革\n推行最多跑一次改革,建成政务服务中心。\n`;
  const ex = extract(text, { agency: '某市公安局', year: 2023 });
  const topicsOf = (id: string) => ex.edges.filter((e) => e.type === 'IN_TOPIC' && e.source === id).map((e) => e.target).sort();
  const idOf = (name: string) => ex.nodes.find((n) => n.name === name)!.id;
  expect(topicsOf(idOf('智慧法制平台'))).toContain('topic:digital');
  // No heading stands above the museum visit and its sentence names no topic: it has none.
  expect(topicsOf(idOf('组织民警参观历史博物馆'))).toEqual([]);
  expect(topicsOf(idOf('推行最多跑一次改革'))).toEqual(['topic:services']);
});
