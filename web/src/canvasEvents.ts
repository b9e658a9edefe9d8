// Pointer events on the canvas: a click selects a node, a double click expands it, a click on
// the background unselects, hovering shows the node's name (and English gloss) in a tooltip.
import type cytoscape from 'cytoscape';

export interface CanvasActions {
  select(id: string): void;
  expand(id: string): void;
  /** A click on the background. */
  unselect(): void;
}

export function bindCanvas(cy: cytoscape.Core, tip: HTMLElement, on: CanvasActions): void {
  // Compare mode's column frames and "nothing" placeholders are drawing, not nodes of the graph.
  const drawing = (n: cytoscape.NodeSingular) => n.hasClass('column') || n.hasClass('placeholder');
  cy.on('tap', 'node', (e) => {
    const n = e.target as cytoscape.NodeSingular;
    if (!drawing(n)) on.select(n.id());
  });
  cy.on('dbltap', 'node', (e) => {
    const n = e.target as cytoscape.NodeSingular;
    if (!drawing(n)) on.expand(n.id());
  });
  cy.on('tap', (e) => {
    if (e.target === cy) on.unselect();
  });
  cy.on('mouseover', 'node', (e) => {
    const n = e.target as cytoscape.NodeSingular;
    if (n.hasClass('column')) return;
    tip.textContent = n.data('nameEn') ? `${n.data('name')} — ${n.data('nameEn')}` : n.data('name');
    const p = n.renderedPosition();
    tip.style.left = `${Math.round(p.x + 14)}px`;
    tip.style.top = `${Math.round(p.y - 10)}px`;
    tip.hidden = false;
  });
  cy.on('mouseout viewport', () => void (tip.hidden = true));
}
