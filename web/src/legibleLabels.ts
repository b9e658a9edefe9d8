// No node label on screen smaller than a reader can read: Cytoscape's own min-zoomed-font-size
// judges the zoom rounded up to a power of two (0.6 counts as 1), so at the overview's fitted zoom
// 12 px names were drawn at 7 px. Here each label is judged at the real zoom once a zoom settles.
import type cytoscape from 'cytoscape';
import { setClass } from './graph';

export const MIN_LABEL_PX = 11;

export function keepLabelsLegible(cy: cytoscape.Core): void {
  let t: ReturnType<typeof setTimeout> | undefined;
  const sync = () => {
    t = undefined;
    const z = cy.zoom();
    // Lean views have their own rule (graph.ts: labels only from LABEL_ZOOM on).
    const nodes = cy.nodes('[!lean]');
    const small = nodes.filter((n) => parseFloat(n.style('font-size')) * z < MIN_LABEL_PX);
    cy.batch(() => {
      setClass(nodes.difference(small), 'tiny-label', false);
      setClass(small, 'tiny-label', true);
    });
  };
  cy.on('zoom add', () => {
    if (t) clearTimeout(t);
    t = setTimeout(sync, 80);
  });
  sync();
}
