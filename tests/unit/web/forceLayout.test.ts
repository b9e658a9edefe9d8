import { forceLayout, placeNear, type ForceGraph } from '../../../web/src/forceLayout';

/** A hub with 300 leaves, 10 groups of them sharing a second hub each: the shape of a big expansion. */
function hubGraph(): { g: ForceGraph; n: number } {
  const n = 1 + 300 + 10;
  const links: number[] = [];
  for (let i = 1; i <= 300; i++) links.push(0, i, i, 301 + (i % 10));
  return { g: { pos: new Float64Array(2 * n), links: Uint32Array.from(links) }, n };
}

const at = (g: ForceGraph, i: number) => ({ x: g.pos[2 * i], y: g.pos[2 * i + 1] });
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('forceLayout', () => {
  it('spreads nodes that all start on one point: no two nodes end up on top of each other', () => {
    const { g, n } = hubGraph();
    placeNear(g, 60);
    forceLayout(g, { linkLength: 60, iterations: 120 });
    let closest = Infinity;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) closest = Math.min(closest, dist(at(g, i), at(g, j)));
    expect(closest).toBeGreaterThan(5);
    for (const v of g.pos) expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps linked nodes closer than the nodes on average', () => {
    const { g, n } = hubGraph();
    placeNear(g, 60);
    forceLayout(g, { linkLength: 60, iterations: 120 });
    let linked = 0;
    for (let k = 0; k < g.links.length; k += 2) linked += dist(at(g, g.links[k]), at(g, g.links[k + 1]));
    linked /= g.links.length / 2;
    let all = 0, pairs = 0;
    for (let i = 0; i < n; i += 3) for (let j = i + 1; j < n; j += 3) {
      all += dist(at(g, i), at(g, j));
      pairs++;
    }
    expect(linked).toBeLessThan((all / pairs) * 0.7);
  });

  it('leaves pinned nodes where they are and places the others near them', () => {
    const { g, n } = hubGraph();
    const pinned = new Uint8Array(n);
    pinned[0] = 1;
    g.pos[0] = 5000;
    g.pos[1] = -3000;
    g.pinned = pinned;
    placeNear(g, 60);
    forceLayout(g, { linkLength: 60, iterations: 80 });
    expect(at(g, 0)).toEqual({ x: 5000, y: -3000 });
    // Every leaf hangs on the pinned hub, so all of them stay within a few link lengths' spread of it.
    for (let i = 1; i <= 300; i++) expect(dist(at(g, i), at(g, 0))).toBeLessThan(60 * 30);
  });

  it('is deterministic', () => {
    const a = hubGraph().g, b = hubGraph().g;
    for (const g of [a, b]) {
      placeNear(g, 60);
      forceLayout(g, { iterations: 50 });
    }
    expect([...a.pos]).toEqual([...b.pos]);
  });
});
