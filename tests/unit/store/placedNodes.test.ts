import type { GraphNode } from '../../../server/model/types';
import { NodePlaces, PlacedNode } from '../../../server/store/memory/placedNodes';

const m = { reportId: 'report:r', start: 3, end: 9 };
const plain = (id: string): GraphNode => ({ id, type: 'MEASURE', name: `名${id}`, aliases: [], props: { year: 2020 }, mentions: [m] });
const placed = (id: string): PlacedNode => new PlacedNode(id, 'MEASURE', `名${id}`, [], { year: 2020 }, [m]);

describe('a node that knows its place among the loaded nodes (PlacedNode)', () => {
  it('shows as the same plain node to JSON, spreads, key lists and equality', () => {
    const n = placed('measure:a');
    PlacedNode.place(n, 4);
    expect(JSON.stringify(n)).toBe(JSON.stringify({ id: 'measure:a', type: 'MEASURE', name: '名measure:a', aliases: [], props: { year: 2020 }, mentions: [m] }));
    expect(Object.keys({ ...n })).toEqual(['id', 'type', 'name', 'aliases', 'props', 'mentions']);
    expect(n).toEqual(plain('measure:a'));
    expect([PlacedNode.placeOf(n), PlacedNode.placeOf({ ...n }), PlacedNode.placeOf(plain('measure:a'))]).toEqual([4, -1, -1]);
    expect(PlacedNode.place(plain('x'), 1)).toBe(false);
  });
});

describe('places read from the graph’s nodes (NodePlaces)', () => {
  it('finds a loaded node’s place by id, and keeps it once the node has left the map or been put anew as another object', () => {
    const loaded = ['measure:a', 'measure:b', 'measure:c'].map(placed);
    loaded.forEach((n, p) => PlacedNode.place(n, p));
    const nodes = new Map<string, GraphNode>(loaded.map((n) => [n.id, n]));
    nodes.set('measure:new', plain('measure:new'));
    const places = new NodePlaces(nodes, loaded);
    expect(['measure:a', 'measure:b', 'measure:c', 'measure:new', 'measure:none'].map((id) => places.get(id))).toEqual([0, 1, 2, undefined, undefined]);
    places.leaving(loaded[1]);
    nodes.delete('measure:b');
    places.leaving(loaded[2]);
    nodes.set('measure:c', plain('measure:c'));
    places.leaving(nodes.get('measure:new')!);
    expect(['measure:a', 'measure:b', 'measure:c', 'measure:new'].map((id) => places.get(id))).toEqual([0, 1, 2, undefined]);
  });
});
