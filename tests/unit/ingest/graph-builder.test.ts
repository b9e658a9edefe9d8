// The report's builder merges repeats: a fact's first statement of a prop wins, a prop stated as
// undefined is not stated, and props shared between calls (frozen) never become one node's own.
import { GraphBuilder } from '../../../server/ingest/graphBuilder';

const at = (start: number) => ({ reportId: 'report:0123456789abcdef', start, end: start + 2 });

test('a node keeps the first statement of each prop, and never the undefined ones', () => {
  const g = new GraphBuilder();
  // A prop read from an optional field (o.direction) can be undefined, whatever its type says.
  g.node('measure:a', 'MEASURE', '开展培训', at(0), { status: 'done', year: undefined as unknown as number });
  const n = g.node('measure:a', 'MEASURE', '开展培训', at(4), { status: 'planned', year: 2023 });
  expect(n.props).toEqual({ status: 'done', year: 2023 });
  expect(n.mentions).toEqual([at(0), at(4)]);
});

test('frozen props given to many nodes and edges stay shared and unchanged; each node has props of its own', () => {
  const g = new GraphBuilder();
  const shared = Object.freeze({ nameEn: 'Oversight', key: 'oversight' });
  const a = g.node('topic:oversight', 'TOPIC', '执法监督', at(0), shared);
  const b = g.node('topic:other', 'TOPIC', '执法监督', at(2), shared);
  expect(a.props).not.toBe(shared);
  expect(a.props).not.toBe(b.props);
  a.props.nameEnSource = 'lexicon';
  expect(b.props).toEqual({ nameEn: 'Oversight', key: 'oversight' });
  const e = g.edge('IN_TOPIC', 'measure:a', 'topic:oversight', at(0), shared)!;
  expect(e.props).not.toBe(shared);
  expect(shared).toEqual({ nameEn: 'Oversight', key: 'oversight' });
});
