import type { GraphNode } from '../../../server/model/types';
import { NodeMap } from '../../../server/store/memory/nodeMap';
import { random } from '../../helpers/random';

const node = (id: string, name = id): GraphNode => ({ id, type: 'MEASURE', name, aliases: [], props: {}, mentions: [] });

describe('the graph’s nodes by id (NodeMap: loaded nodes by place, the others in a Map)', () => {
  it('answers as a Map would, in a Map’s order, through random loads, sets and deletes', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const ids = Array.from({ length: 400 }, (_, i) => (i % 3 ? `measure:${i.toString(16)}:措施` : `platform:平台${i}\u{20000}`));
      const pick = () => ids[Math.floor(rnd() * ids.length)];
      const map = new NodeMap();
      const want = new Map<string, GraphNode>();
      // Loading: some ids twice (an old file), which keep their first place.
      for (let k = 0; k < 300; k++) {
        const n = node(pick(), `loaded ${k}`);
        const p = map.load(n);
        expect(map.placeOf(n.id)).toBe(p);
        want.set(n.id, n);
      }
      const places = new Map([...want.keys()].map((id) => [id, map.placeOf(id)]));
      expect([...places.values()]).toEqual([...places.keys()].map((_, p) => p));
      for (let k = 0; k < 600; k++) {
        const id = pick();
        const r = rnd();
        if (r < 0.4) {
          const n = node(id, `set ${k}`);
          expect(map.set(id, n)).toBe(map);
          want.set(id, n);
        } else if (r < 0.7) expect(map.delete(id)).toBe(want.delete(id));
        else expect([map.get(id), map.has(id)]).toEqual([want.get(id), want.has(id)]);
        if (k % 50 === 0) {
          expect(map.size).toBe(want.size);
          expect([...map.entries()]).toEqual([...want.entries()]);
          expect([...map.keys()]).toEqual([...want.keys()]);
          expect([...map.values()]).toEqual([...want.values()]);
          expect([...map]).toEqual([...want]);
        }
      }
      // An id keeps the place it was loaded at, deleted or set anew since; others have none.
      for (const [id, p] of places) expect(map.placeOf(id)).toBe(p);
      expect(map.placeOf('measure:none')).toBe(-1);
      const seen: string[] = [];
      map.forEach((n, id, m) => {
        expect(m).toBe(map);
        expect(n).toBe(want.get(id));
        seen.push(id);
      });
      expect(seen).toEqual([...want.keys()]);
    }
  });

  it('finds equal text made anew as the same id, and nothing in an empty map', () => {
    const map = new NodeMap();
    expect([map.get('a'), map.placeOf('a'), map.size]).toEqual([undefined, -1, 0]);
    map.expect(3);
    map.load(node('measure:甲1'));
    map.set('platform:乙', node('platform:乙'));
    expect(map.get(['measure:甲', '1'].join(''))?.id).toBe('measure:甲1');
    expect([map.placeOf('platform:乙'), map.size]).toEqual([-1, 2]);
    map.clear();
    expect([map.size, map.get('measure:甲1'), [...map]]).toEqual([0, undefined, []]);
  });
});
