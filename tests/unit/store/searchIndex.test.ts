import type { GraphNode } from '../../../server/model/types';
import { SearchIndex } from '../../../server/store/memory/searchIndex';

const node = (id: string, name: string, aliases: string[] = []): GraphNode => ({ id, type: 'PLATFORM', name, aliases, mentions: [], props: {} });

describe('search index', () => {
  it('finds a node by any two-character piece of its names', () => {
    const ix = new SearchIndex();
    ix.add(node('platform:a', '执法办案管理中心'));
    ix.add(node('platform:b', '智慧警务平台', ['警务云']));
    expect(ix.candidates('办案')).toEqual(['platform:a']);
    expect(ix.candidates('警务')).toEqual(['platform:b']);
    expect(ix.candidates('务云')).toEqual(['platform:b']);
    expect(ix.candidatesAll(['执法', '中心'])).toEqual(['platform:a']);
    expect(ix.candidates('刑侦')).toEqual([]);
  });

  // A server that ingests and deletes reports all day re-indexes the shared nodes on every
  // write; the index must not grow with the number of writes (the load test's heap went
  // 31 → 35 MB over four runs before this).
  it('indexing a node again adds no postings unless it gained a name', () => {
    const ix = new SearchIndex();
    const shared = node('agency:杭州市公安局', '杭州市公安局');
    ix.add(shared);
    ix.add(node('platform:x', '公安警务平台'));
    const once = ix.postings;
    for (let i = 0; i < 100; i++) ix.add(shared);
    expect(ix.postings).toBe(once);
    ix.add({ ...shared, aliases: ['杭州公安'] });
    expect(ix.postings).toBeGreaterThan(once);
    expect(ix.candidates('杭州公安')).toEqual(['agency:杭州市公安局']);
    // Still one entry per node in the lists it shares with a later node.
    expect(ix.candidates('公安')).toEqual(['agency:杭州市公安局', 'platform:x']);
    expect(ix.candidates('警务')).toEqual(['platform:x']);
  });
});
