import cytoscape from 'cytoscape';
import { runLayout, stopLayout } from '../../../web/src/graph';

// fCoSE is a chunk of its own, imported by the first layout that needs it (web/src/graph.ts):
// a layout stopped while that import is under way (the user left the view) must not run after it.
describe('the fCoSE layout, loaded on first use', () => {
  const graph = () => {
    const cy = cytoscape({ headless: true });
    cy.add([
      ...['a', 'b', 'c', 'd'].map((id, i) => ({ group: 'nodes' as const, data: { id }, position: { x: i * 10, y: 0 } })),
      ...[['a', 'b'], ['b', 'c'], ['c', 'd']].map(([s, t]) => ({ group: 'edges' as const, data: { id: `${s}${t}`, source: s, target: t } })),
    ]);
    return cy;
  };
  const positions = (cy: cytoscape.Core) => cy.nodes().map((n) => ({ ...n.position() }));

  it('does not run a layout stopped while fCoSE was loading', async () => {
    const cy = graph();
    const before = positions(cy);
    const done = runLayout(cy, { name: 'fcose', animate: false });
    stopLayout(cy);
    expect(await done).toBe(0);
    expect(positions(cy)).toEqual(before);
  });

  it('runs it once loaded', async () => {
    const cy = graph();
    const before = positions(cy);
    await runLayout(cy, { name: 'fcose', animate: false });
    expect(positions(cy)).not.toEqual(before);
  });
});
