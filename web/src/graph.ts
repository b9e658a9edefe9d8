// The Cytoscape core: creating it, turning API graphlets into elements, merging them in, and
// the layouts. Everything visual comes from style.ts.
import cytoscape from 'cytoscape';
import type { EdgeLite, Graphlet, NodeLite } from './api';
import { forceLayout, placeNear } from './forceLayout';
import { edgeWord, shortLabel, stylesheet } from './style';

/**
 * fCoSE (with cose-base and layout-base, a seventh of the bundle) is a chunk of its own: the first
 * graph is drawn before any layout runs, so it is fetched, parsed and run after that (the first
 * runLayout that needs it waits for it), not before.
 */
let fcoseLoaded = false;
let fcoseLoading: Promise<void> | null = null;
export function loadFcose(): Promise<void> {
  fcoseLoading ??= import('cytoscape-fcose').then((m) => {
    cytoscape.use(m.default);
    fcoseLoaded = true;
  });
  return fcoseLoading;
}

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
  cy.on('zoom', debounceLabels(cy));
  return cy;
}

/**
 * Views above this size are big: the force draft of forceLayout.ts instead of fcose, and the
 * lean style (style.ts: `data.lean` on every element, no labels until zoomed in).
 */
export const BIG_VIEW = { nodes: 800, edges: 1200 };
const isBigCount = (nodes: number, edges: number) => nodes > BIG_VIEW.nodes || edges > BIG_VIEW.edges;
/** In a lean view, node labels are drawn from this zoom on (12 px type at 7 px or more). */
export const LABEL_ZOOM = 0.6;

// Per core: drawn lean, and with labels. Not cy.scratch(): setting that restyles every element.
const leanState = new WeakMap<cytoscape.Core, { lean: boolean; labels: boolean }>();
const stateOf = (cy: cytoscape.Core) => leanState.get(cy) ?? { lean: false, labels: false };

/** True when the view is drawn lean (its elements carry `data.lean`). */
export const isLean = (cy: cytoscape.Core): boolean => stateOf(cy).lean;

/** Cytoscape's toggleClass restyles every element it is given, changed or not: only the changed. */
export function setClass(eles: cytoscape.CollectionArgument, cls: string, on: boolean): void {
  const change = (eles as cytoscape.Collection).filter((e) => e.hasClass(cls) !== on);
  if (change.nonempty()) change.toggleClass(cls, on);
}

/**
 * Puts the view in the lean style or takes it out, whichever its size calls for, and gives a
 * lean view's nodes their labels when zoomed in to LABEL_ZOOM or further. Only elements whose
 * state differs are touched (merge() sets both on what it adds), so this is cheap when nothing
 * crossed a line.
 */
export function syncLean(cy: cytoscape.Core): void {
  const lean = isBigCount(cy.nodes().length, cy.edges().length);
  const labels = lean && cy.zoom() >= LABEL_ZOOM;
  leanState.set(cy, { lean, labels });
  cy.batch(() => {
    if (lean) cy.elements('[!lean]').data('lean', true);
    else cy.elements('[?lean]').removeData('lean');
    setClass(cy.nodes(), 'labels', labels);
  });
}

function debounceLabels(cy: cytoscape.Core) {
  // After the zoom gesture rather than during it (big views draw a texture while zooming).
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    const s = stateOf(cy);
    if (!s.lean || (cy.zoom() >= LABEL_ZOOM) === s.labels) return;
    if (t) clearTimeout(t);
    t = setTimeout(() => {
      t = undefined;
      syncLean(cy);
    }, 120);
  };
}

/** Each node's degree in the view drives its size and label size: hubs stay labelled longest. */
export function refreshDegrees(cy: cytoscape.Core): void {
  cy.batch(() => cy.nodes().forEach((n) => {
    const d = n.degree(false);
    if (n.data('deg') !== d) n.data('deg', d);
  }));
}

/**
 * After additions and removals: the lean style follows the size, large views trade detail for
 * speed while panning and zooming, degrees are brought up to date. `add` fires once per element
 * (thousands at once): the timer is set by the first and not reset by the others.
 */
function debounceTune(cy: cytoscape.Core) {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (t) return;
    t = setTimeout(() => {
      t = undefined;
      syncLean(cy);
      const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
      r.hideEdgesOnViewport = isLean(cy);
      r.textureOnViewport = isLean(cy);
      refreshDegrees(cy);
    }, 50);
  };
}

type Extent = { x1: number; y1: number; x2: number; y2: number };
interface CanvasRenderer {
  drawLayeredElements?: (context: CanvasRenderingContext2D, eles: cytoscape.Collection, pxRatio: number, extent?: Extent) => void;
  drawElement?: (context: CanvasRenderingContext2D, ele: cytoscape.SingularElementArgument) => void;
}

/**
 * Has Cytoscape draw the next frame's elements straight onto the canvas, then go back to its
 * caches (call the returned function once that frame is drawn). On a view's first frame its
 * layer and element texture caches are empty: filling them costs about twice what drawing
 * directly does, and the animated layout that follows moves every node anyway. Without the
 * renderer methods this relies on (another Cytoscape version), nothing changes.
 */
export function drawNextFrameDirectly(cy: cytoscape.Core): () => void {
  const r = (cy as unknown as { renderer(): CanvasRenderer }).renderer();
  if (typeof r.drawLayeredElements !== 'function' || typeof r.drawElement !== 'function') return () => undefined;
  const drawElement = r.drawElement.bind(r);
  // Own property over the prototype's method: deleting it restores Cytoscape's. Every visible
  // element is drawn, none culled by its bounding box: the first view is fitted to its nodes, so
  // culling would spare nothing, and each box (its label measured) is then computed once the
  // graph is on screen, for the layout, instead of before it (the canvas clips what lies outside).
  r.drawLayeredElements = (context, eles) => {
    for (let i = 0; i < eles.length; i++) {
      const ele = eles[i];
      if (ele.visible()) drawElement(context, ele);
    }
  };
  return () => void delete r.drawLayeredElements;
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
 * `near` (or the centre of what is there) so an incremental layout has little to move, with
 * `classes` and their degree already set: one style pass for the whole addition.
 */
export function merge(cy: cytoscape.Core, g: Graphlet, near?: string, classes?: string): cytoscape.CollectionReturnValue {
  // cy.hasElementWithId, not cy.getElementById(…).empty(): the latter builds a collection per
  // call, which is most of the cost of adding thousands of edges.
  const has = (id: string) => cy.hasElementWithId(id);
  const fresh = g.nodes.filter((n) => !has(n.id));
  const freshIds = new Set(fresh.map((n) => n.id));
  const known = (id: string) => freshIds.has(id) || has(id);
  const edges = g.edges.filter((e) => !has(e.id) && known(e.source) && known(e.target));
  const deg = new Map<string, number>();
  for (const e of edges) for (const id of [e.source, e.target]) deg.set(id, (deg.get(id) ?? 0) + 1);
  // A view that becomes big is drawn lean from the start: the flag (and the labels class of a
  // lean view showing them) come with the data, so the addition is styled once. A view turning
  // lean now starts without labels (a big addition is fitted, zoomed out); syncLean adds them
  // after if the zoom calls for them.
  const lean = isBigCount(cy.nodes().length + fresh.length, cy.edges().length + edges.length);
  const labels = lean && stateOf(cy).labels;
  const nodeClasses = [classes, labels ? 'labels' : ''].filter(Boolean).join(' ') || undefined;
  const anchor = near ? cy.getElementById(near) : cy.collection();
  const centre = anchor.nonempty() ? anchor.position() : cy.nodes().nonempty() ? bbCentre(cy) : { x: 0, y: 0 };
  // A sunflower spiral around the anchor: even spacing for any count, no overlaps, O(n).
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const defs: cytoscape.ElementDefinition[] = fresh.map((n, i) => {
    const r = 50 + 26 * Math.sqrt(i + 1);
    const a = i * GOLDEN;
    const data: cytoscape.NodeDataDefinition = { ...nodeData(n), deg: deg.get(n.id) ?? 0 };
    if (lean) data.lean = true;
    return { group: 'nodes', data, classes: nodeClasses, position: { x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) } };
  });
  for (const e of edges) {
    const data = edgeData(e);
    if (lean) data.lean = true;
    defs.push({ group: 'edges', data });
  }
  let added!: cytoscape.CollectionReturnValue;
  cy.batch(() => {
    if (lean && !isLean(cy)) cy.elements().data('lean', true);
    added = cy.add(defs);
    // Nodes that were there already and gained relations.
    for (const [id, d] of deg) {
      if (freshIds.has(id)) continue;
      const n = cy.getElementById(id);
      n.data('deg', (n.data('deg') ?? 0) + d);
    }
  });
  if (lean) leanState.set(cy, { lean, labels });
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
  /** With randomize false: the nodes to place; the others are taken as laid out already. */
  fresh?: cytoscape.Collection;
  animate?: boolean;
  fit?: boolean;
  root?: string;
}

const isBig = (eles: cytoscape.Collection) => isBigCount(eles.nodes().length, eles.edges().length);

/**
 * Positions from forceLayout.ts for the nodes of `eles`. With `fresh`, the other nodes stay
 * where they are and the fresh ones start next to the neighbours they hang on; without, all
 * start from a breadth-first placement.
 */
function forceDraft(eles: cytoscape.Collection, fresh?: cytoscape.Collection): Map<string, cytoscape.Position> {
  const nodes = eles.nodes();
  const index = new Map<string, number>();
  nodes.forEach((n, i) => void index.set(n.id(), i));
  const pairs: number[] = [];
  eles.edges().forEach((e) => {
    const s = index.get(e.data('source')), t = index.get(e.data('target'));
    if (s !== undefined && t !== undefined && s !== t) pairs.push(s, t);
  });
  const pos = new Float64Array(2 * nodes.length);
  const pinned = new Uint8Array(nodes.length);
  if (fresh) {
    const isFresh = new Set(fresh.nodes().map((n) => n.id()));
    nodes.forEach((n, i) => {
      if (isFresh.has(n.id())) return;
      pinned[i] = 1;
      pos[2 * i] = n.position('x');
      pos[2 * i + 1] = n.position('y');
    });
  }
  const g = { pos, links: Uint32Array.from(pairs), pinned };
  const linkLength = 70;
  placeNear(g, linkLength);
  // The steps shrink with size so the cost stays within a few hundred milliseconds (80 from
  // 2,000 nodes on: the breadth-first start leaves little to untangle).
  forceLayout(g, { linkLength, iterations: Math.round(Math.min(300, Math.max(80, 160000 / nodes.length))), theta: 1.2 });
  const out = new Map<string, cytoscape.Position>();
  nodes.forEach((n, i) => void out.set(n.id(), { x: pos[2 * i], y: pos[2 * i + 1] }));
  return out;
}

/**
 * cy.fit from the node centres: fit() asks every element's bounding box, which measures every
 * label (most of a second on 2,000 nodes); a margin stands in for the nodes' own size.
 */
function fitPoints(cy: cytoscape.Core, points: Iterable<cytoscape.Position>, padding: number): void {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (x1 > x2) return;
  const margin = 25;
  const w = x2 - x1 + 2 * margin, h = y2 - y1 + 2 * margin;
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((cy.width() - 2 * padding) / w, (cy.height() - 2 * padding) / h)));
  cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 } });
}

/** Fits the view to the nodes' centres (see fitPoints): no label is measured for it. */
export function fitNodes(cy: cytoscape.Core, padding: number): void {
  fitPoints(cy, cy.nodes().map((n) => n.position()), padding);
}

let running: cytoscape.Layouts | null = null;
/** Counts stopLayout calls: a layout still waiting for fCoSE when one comes is not run. */
let stops = 0;

/** Stops a layout still running (an animated one would otherwise move or fit a view we left). */
export function stopLayout(cy: cytoscape.Core): void {
  stops++;
  running?.stop();
  running = null;
  cy.stop(true, false);
}

/** Runs a layout and resolves when it stops; returns the milliseconds it took. */
export function runLayout(cy: cytoscape.Core, o: LayoutOpts): Promise<number> {
  if (o.name === 'fcose' && !fcoseLoaded) {
    const stopsBefore = stops;
    return loadFcose().then(() => (stops === stopsBefore ? runLayout(cy, o) : 0));
  }
  // Hidden nodes are not laid out. Asking every element whether it is visible takes tens of
  // milliseconds on a big view: only when the filters (style.ts) hide some.
  const all = o.eles ?? cy.elements();
  const eles = cy.nodes('.hidden-type, .hidden-scope').empty() ? all : all.filter((e) => e.visible() || e.isEdge());
  const n = eles.nodes().length;
  const t0 = performance.now();
  const animate = !!o.animate && n < 600;
  let opts: cytoscape.LayoutOptions;
  let after: (() => void) | undefined;
  if (o.name === 'fcose' && isBig(eles)) {
    // fcose's cost on big views is unbounded (minutes for 2,000 nodes and 6,570 edges): a
    // bounded force draft instead, placing only the fresh nodes when the rest is laid out.
    const positions = forceDraft(eles, o.randomize === false ? o.fresh : undefined);
    opts = { name: 'preset', positions: (node: cytoscape.NodeSingular) => positions.get(node.id()) ?? node.position(), fit: false, animate: false } as cytoscape.LayoutOptions;
    if (o.fit ?? true) after = () => fitPoints(cy, positions.values(), 30);
  } else if (o.name === 'fcose') {
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
      after?.();
      resolve(Math.round(performance.now() - t0));
    });
    layout.run();
  });
}

/** Marks a node as the focus, its neighbours and their edges as highlighted, the rest faded. */
export function highlight(cy: cytoscape.Core, id: string | null): void {
  const n = id ? cy.getElementById(id) : cy.collection();
  const MARKS = ['focus', 'hl', 'faded'] as const;
  cy.batch(() => {
    if (n.empty()) {
      cy.elements('.focus, .hl, .faded').removeClass('focus hl faded');
      return;
    }
    // One pass over the view, then one toggle per class and direction for the elements whose
    // class changes only (each element given to toggleClass is restyled, changed or not).
    const hood = new Set(n.closedNeighborhood().map((e) => e.id()));
    const focus = n.id();
    const on = new Map<string, cytoscape.SingularElementArgument[]>(MARKS.map((c) => [c, []]));
    const off = new Map<string, cytoscape.SingularElementArgument[]>(MARKS.map((c) => [c, []]));
    cy.elements().forEach((e) => {
      const id = e.id();
      const want = id === focus ? 'focus' : hood.has(id) ? 'hl' : 'faded';
      for (const c of MARKS) {
        const has = e.hasClass(c);
        if (has !== (c === want)) (has ? off : on).get(c)!.push(e);
      }
    });
    // cy.collection takes an array of elements too (the typings know only definitions).
    const coll = (xs: cytoscape.SingularElementArgument[]) => cy.collection(xs as unknown as cytoscape.CollectionArgument);
    for (const c of MARKS) {
      if (off.get(c)!.length) coll(off.get(c)!).removeClass(c);
      if (on.get(c)!.length) coll(on.get(c)!).addClass(c);
    }
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
