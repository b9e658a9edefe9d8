// The Cytoscape core: creating it, turning API graphlets into elements, merging them in, and
// the layouts. Everything visual comes from style.ts.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { EdgeLite, Graphlet, NodeLite } from './api';
import { edgeWord, shortLabel, stylesheet } from './style';

cytoscape.use(fcose);

export type LayoutName = 'fcose' | 'concentric' | 'breadthfirst' | 'grid';

export function createCy(container: HTMLElement): cytoscape.Core {
  // Cytoscape injects a <style> element unless one with this id exists; our CSP forbids inline
  // styles, and styles.css already positions the container, so a placeholder stands in for it.
  const stub = '__________cytoscape_stylesheet';
  if (!document.getElementById(stub)) document.head.appendChild(Object.assign(document.createElement('meta'), { id: stub }));
  const cy = cytoscape({
    container,
    style: stylesheet(),
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    selectionType: 'single',
    pixelRatio: 'auto',
  });
  cy.on('add remove', debounceTune(cy));
  return cy;
}

/** Each node's degree in the view drives its size and label size: hubs stay labelled longest. */
export function refreshDegrees(cy: cytoscape.Core): void {
  cy.batch(() => cy.nodes().forEach((n) => {
    const d = n.degree(false);
    if (n.data('deg') !== d) n.data('deg', d);
  }));
}

/** Large views trade detail for speed while panning and zooming. */
function debounceTune(cy: cytoscape.Core) {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (t) clearTimeout(t);
    t = setTimeout(() => {
      const n = cy.nodes().length;
      const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
      r.hideEdgesOnViewport = n > 1000;
      r.textureOnViewport = n > 1000;
      refreshDegrees(cy);
    }, 50);
  };
}

export function nodeData(n: NodeLite): cytoscape.NodeDataDefinition {
  return { id: n.id, type: n.type, name: n.name, nameEn: n.nameEn ?? '', label: shortLabel(n.name), reports: n.reports ?? [], deg: 0 };
}

export function edgeData(e: EdgeLite): cytoscape.EdgeDataDefinition {
  const d: cytoscape.EdgeDataDefinition = { id: e.id, source: e.source, target: e.target, type: e.type, typeLabel: edgeWord(e.type, 'out') };
  if (e.derived) d.derived = String(e.derived);
  if (e.score != null) d.score = e.score;
  if (e.year != null) d.year = e.year;
  if (e.status) d.status = e.status;
  return d;
}

/**
 * Adds what is not there yet; returns the elements added (for undo). New nodes start around
 * `near` (or the centre of what is there) so an incremental layout has little to move.
 */
export function merge(cy: cytoscape.Core, g: Graphlet, near?: string): cytoscape.CollectionReturnValue {
  const fresh = g.nodes.filter((n) => cy.getElementById(n.id).empty());
  const freshIds = new Set(fresh.map((n) => n.id));
  const anchor = near ? cy.getElementById(near) : cy.collection();
  const centre = anchor.nonempty() ? anchor.position() : cy.nodes().nonempty() ? bbCentre(cy) : { x: 0, y: 0 };
  // A sunflower spiral around the anchor: even spacing for any count, no overlaps, O(n).
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const defs: cytoscape.ElementDefinition[] = fresh.map((n, i) => {
    const r = 50 + 26 * Math.sqrt(i + 1);
    const a = i * GOLDEN;
    return { group: 'nodes', data: nodeData(n), position: { x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) } };
  });
  for (const e of g.edges) {
    if (cy.getElementById(e.id).nonempty()) continue;
    const known = (id: string) => freshIds.has(id) || cy.getElementById(id).nonempty();
    if (known(e.source) && known(e.target)) defs.push({ group: 'edges', data: edgeData(e) });
  }
  const added = cy.add(defs);
  refreshDegrees(cy);
  return added;
}

function bbCentre(cy: cytoscape.Core) {
  const bb = cy.nodes().boundingBox();
  return { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
}

export interface LayoutOpts {
  name: LayoutName;
  eles?: cytoscape.Collection;
  randomize?: boolean;
  animate?: boolean;
  fit?: boolean;
  root?: string;
}

let running: cytoscape.Layouts | null = null;

/** Stops a layout still running (an animated one would otherwise move or fit a view we left). */
export function stopLayout(cy: cytoscape.Core): void {
  running?.stop();
  running = null;
  cy.stop(true, false);
}

/** Runs a layout and resolves when it stops; returns the milliseconds it took. */
export function runLayout(cy: cytoscape.Core, o: LayoutOpts): Promise<number> {
  const eles = (o.eles ?? cy.elements()).filter((e) => e.visible() || e.isEdge());
  const n = eles.nodes().length;
  const t0 = performance.now();
  const animate = !!o.animate && n < 600;
  let opts: cytoscape.LayoutOptions;
  if (o.name === 'fcose') {
    opts = {
      name: 'fcose',
      // 'draft' (spectral only) folds the leaves of a star onto one point: keep the force pass.
      quality: 'default',
      randomize: o.randomize ?? true,
      animate,
      animationDuration: 450,
      fit: o.fit ?? true,
      padding: 30,
      nodeDimensionsIncludeLabels: n < 900,
      uniformNodeDimensions: n >= 900,
      packComponents: true,
      nodeRepulsion: () => (n > 900 ? 4500 : 10000),
      idealEdgeLength: () => (n > 900 ? 40 : 70),
      edgeElasticity: () => 0.45,
      gravity: 0.3,
      numIter: n > 900 ? 600 : 1500,
      tile: true,
    } as unknown as cytoscape.LayoutOptions;
  } else if (o.name === 'concentric') {
    opts = {
      name: 'concentric', animate, animationDuration: 450, fit: o.fit ?? true, padding: 30, minNodeSpacing: 18,
      avoidOverlap: n < 1500, concentric: (node: cytoscape.NodeSingular) => (node.hasClass('focus') ? 1000 : node.degree(false)),
      levelWidth: () => 3,
    } as cytoscape.LayoutOptions;
  } else if (o.name === 'breadthfirst') {
    const roots = o.root && cy.getElementById(o.root).nonempty() ? cy.getElementById(o.root) : eles.nodes('[type = "AGENCY"]');
    opts = { name: 'breadthfirst', animate, animationDuration: 450, fit: o.fit ?? true, padding: 30, directed: false, spacingFactor: 1.1, avoidOverlap: n < 1500, roots: roots.nonempty() ? roots : undefined } as cytoscape.LayoutOptions;
  } else {
    opts = { name: 'grid', animate, fit: o.fit ?? true, padding: 30, avoidOverlap: true } as cytoscape.LayoutOptions;
  }
  running?.stop();
  return new Promise((resolve) => {
    const layout = eles.layout(opts);
    running = layout;
    layout.one('layoutstop', () => {
      if (running === layout) running = null;
      resolve(Math.round(performance.now() - t0));
    });
    layout.run();
  });
}

/** Marks a node as the focus, its neighbours and their edges as highlighted, the rest faded. */
export function highlight(cy: cytoscape.Core, id: string | null): void {
  cy.batch(() => {
    cy.elements().removeClass('focus hl faded');
    if (!id) return;
    const n = cy.getElementById(id);
    if (n.empty()) return;
    const hood = n.closedNeighborhood();
    cy.elements().not(hood).addClass('faded');
    hood.addClass('hl');
    n.removeClass('hl').addClass('focus');
  });
}

export function centreOn(cy: cytoscape.Core, id: string, animate = true): void {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  const zoom = Math.max(cy.zoom(), 0.9);
  if (animate && cy.nodes().length < 1500) cy.animate({ center: { eles: n }, zoom }, { duration: 350 });
  else {
    cy.zoom(zoom);
    cy.center(n);
  }
}
