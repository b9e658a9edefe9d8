import type { GraphNode, NodeType } from '../../../server/model/types';
import { bestMatches, compareMatches } from '../../../server/store/search';

// Search pages through tens of thousands of matches at a million nodes; the page must be exactly
// what sorting them all would give.
describe('bestMatches', () => {
  const types: NodeType[] = ['REFORM', 'MEASURE', 'PLATFORM', 'UNIT'];
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const hit = (i: number) => {
    const node: GraphNode = { id: `x:${rnd(50)}-${i}`, type: types[rnd(4)], name: `执法${'办案'.repeat(rnd(3))}${rnd(5)}`, aliases: [], mentions: Array.from({ length: rnd(3) }, () => ({ reportId: 'r', start: 0, end: 1 })), props: {} };
    return { node, rank: rnd(4) };
  };

  it('gives the first k of the full sort, for pages smaller and larger than the matches', () => {
    const hits = Array.from({ length: 3000 }, (_, i) => hit(i));
    const sorted = [...hits].sort(compareMatches);
    for (const k of [1, 20, 500, 5000]) expect(bestMatches(hits, k).map((h) => h.node.id)).toEqual(sorted.slice(0, k).map((h) => h.node.id));
    expect(bestMatches([], 20)).toEqual([]);
  });
});
