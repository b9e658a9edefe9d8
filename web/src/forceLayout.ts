// A force-directed layout for views too big for fcose. fcose's force pass does not bound its
// cost: on a 2,000-node, 6,570-edge expansion it ran for minutes. Here every step costs
// O(n log n) (Barnes–Hut repulsion on a quadtree) plus O(edges), and the number of steps is
// fixed, so a large view is laid out in well under a second. Pure: no DOM, no Cytoscape.

export interface ForceGraph {
  /** x and y of node i at 2i and 2i+1: read as the start, overwritten with the result. */
  pos: Float64Array;
  /** The two node indices of link k at 2k and 2k+1. */
  links: Uint32Array;
  /** Non-zero for nodes that stay where they are (already laid out); they still push and pull. */
  pinned?: Uint8Array;
}

export interface ForceOptions {
  iterations?: number;
  /** Rest length of a link, in model units (pixels at zoom 1). */
  linkLength?: number;
  /** Repulsion between two nodes (d3-force's many-body strength, as a positive number). */
  repulsion?: number;
  /** Barnes–Hut accuracy: a cell this many times smaller than its distance counts as one body. */
  theta?: number;
}

/** Runs the simulation in place: alpha cools from 1 to 0.001 over the iterations (as in d3-force). */
export function forceLayout(g: ForceGraph, o: ForceOptions = {}): void {
  const n = g.pos.length / 2;
  if (n < 2) return;
  const iterations = o.iterations ?? 300;
  const L = o.linkLength ?? 60;
  const charge = -(o.repulsion ?? L * L * 0.15);
  const theta2 = (o.theta ?? 0.9) ** 2;
  const { pos, links } = g;
  const pinned = g.pinned ?? new Uint8Array(n);
  const vel = new Float64Array(2 * n);
  const deg = new Uint32Array(n);
  for (let k = 0; k < links.length; k++) deg[links[k]]++;
  const m = links.length / 2;
  // As in d3-force: a link pulls its less connected end more, and hubs' links are weaker, so a
  // hub's many leaves do not crush into it.
  const bias = new Float64Array(m);
  const strength = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const s = links[2 * k], t = links[2 * k + 1];
    bias[k] = deg[s] / (deg[s] + deg[t]);
    strength[k] = 1 / Math.min(deg[s], deg[t]);
  }
  separateCoincident(pos, n);
  const tree = new QuadTree(n);
  const decay = 1 - Math.pow(0.001, 1 / iterations);
  let alpha = 1;
  for (let it = 0; it < iterations; it++) {
    alpha += (0 - alpha) * decay;
    // Links.
    for (let k = 0; k < m; k++) {
      const s = links[2 * k], t = links[2 * k + 1];
      if (s === t) continue;
      let dx = pos[2 * t] + vel[2 * t] - pos[2 * s] - vel[2 * s];
      let dy = pos[2 * t + 1] + vel[2 * t + 1] - pos[2 * s + 1] - vel[2 * s + 1];
      const l = Math.sqrt(dx * dx + dy * dy) || 1e-6;
      const f = ((l - L) / l) * alpha * strength[k];
      dx *= f;
      dy *= f;
      vel[2 * t] -= dx * bias[k];
      vel[2 * t + 1] -= dy * bias[k];
      vel[2 * s] += dx * (1 - bias[k]);
      vel[2 * s + 1] += dy * (1 - bias[k]);
    }
    // Repulsion.
    tree.build(pos, n);
    for (let i = 0; i < n; i++) if (!pinned[i]) tree.repel(i, pos, vel, charge * alpha, theta2, L * L * 0.01);
    // A weak pull to the centre keeps separate components near each other.
    let cx = 0, cy = 0;
    for (let i = 0; i < n; i++) {
      cx += pos[2 * i];
      cy += pos[2 * i + 1];
    }
    cx /= n;
    cy /= n;
    for (let i = 0; i < n; i++) {
      if (pinned[i]) {
        vel[2 * i] = vel[2 * i + 1] = 0;
        continue;
      }
      vel[2 * i] = (vel[2 * i] + (cx - pos[2 * i]) * 0.01 * alpha) * 0.6;
      vel[2 * i + 1] = (vel[2 * i + 1] + (cy - pos[2 * i + 1]) * 0.01 * alpha) * 0.6;
      pos[2 * i] += vel[2 * i];
      pos[2 * i + 1] += vel[2 * i + 1];
    }
  }
}

/**
 * Starting places for the nodes not yet placed: breadth-first from the placed ones (or from the
 * best connected node), each on a sunflower around the neighbour it was reached from, so the
 * simulation starts near a tree drawing instead of untangling a random cloud. Pinned nodes
 * count as placed and keep their positions.
 */
export function placeNear(g: ForceGraph, linkLength = 60): void {
  const n = g.pos.length / 2;
  const { pos, links } = g;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < links.length; k += 2) {
    adj[links[k]].push(links[k + 1]);
    adj[links[k + 1]].push(links[k]);
  }
  const placed = new Uint8Array(n);
  const around = new Uint32Array(n);
  const queue: number[] = [];
  let cx = 0, cy = 0, np = 0;
  for (let i = 0; i < n; i++) {
    if (!g.pinned?.[i]) continue;
    placed[i] = 1;
    queue.push(i);
    cx += pos[2 * i];
    cy += pos[2 * i + 1];
    np++;
  }
  if (np) {
    cx /= np;
    cy /= np;
  }
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const put = (v: number, x: number, y: number) => {
    pos[2 * v] = x;
    pos[2 * v + 1] = y;
    placed[v] = 1;
    queue.push(v);
  };
  // Components with nothing placed start from their best connected node, further out each time.
  const byDegree = [...Array(n).keys()].sort((a, b) => adj[b].length - adj[a].length);
  let roots = 0;
  for (let head = 0, r = 0; ; ) {
    while (head < queue.length) {
      const u = queue[head++];
      const kids = adj[u].filter((v) => !placed[v]);
      // Siblings that share their best connected other neighbour start side by side, so such
      // groups (a bureau's measures under a reform) need not be gathered by the simulation.
      const key = new Map(kids.map((v) => [v, adj[v].reduce((b, w) => (w !== u && (b < 0 || adj[w].length > adj[b].length) ? w : b), -1)]));
      kids.sort((a, b) => key.get(a)! - key.get(b)!);
      for (const v of kids) {
        let sx = 0, sy = 0, c = 0;
        for (const w of adj[v]) if (placed[w] && w !== u) {
          sx += pos[2 * w];
          sy += pos[2 * w + 1];
          c++;
        }
        const k = around[u]++;
        if (c) {
          // Reached again: between the neighbours already placed.
          const a = k * GOLDEN;
          put(v, (sx + pos[2 * u]) / (c + 1) + linkLength * 0.5 * Math.cos(a), (sy + pos[2 * u + 1]) / (c + 1) + linkLength * 0.5 * Math.sin(a));
        } else {
          // An Archimedean spiral around u: consecutive siblings are neighbours on it.
          const a = Math.sqrt(4 * Math.PI * k);
          const rad = linkLength * (1 + 0.6 * Math.sqrt(k / Math.PI));
          put(v, pos[2 * u] + rad * Math.cos(a), pos[2 * u + 1] + rad * Math.sin(a));
        }
      }
    }
    while (r < n && placed[byDegree[r]]) r++;
    if (r === n) break;
    const d = np || roots ? linkLength * 4 * Math.sqrt(n) * (1 + 0.1 * roots) : 0;
    put(byDegree[r], cx + d * Math.cos(roots * GOLDEN), cy + d * Math.sin(roots * GOLDEN));
    roots++;
  }
}

/** Nodes on the same spot would feel no force from each other: nudge them apart, deterministically. */
function separateCoincident(pos: Float64Array, n: number): void {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    let key = `${pos[2 * i]},${pos[2 * i + 1]}`;
    for (let k = 1; seen.has(key); k++) {
      pos[2 * i] += Math.cos(k * 2.4) * k;
      pos[2 * i + 1] += Math.sin(k * 2.4) * k;
      key = `${pos[2 * i]},${pos[2 * i + 1]}`;
    }
    seen.add(key);
  }
}

/**
 * A point quadtree in flat arrays, rebuilt every step: each cell keeps its body count and the
 * sum of its bodies' positions; a leaf keeps one body (deeper than MAX_DEPTH, a chain of them).
 */
class QuadTree {
  private child: Int32Array;
  private body: Int32Array;
  private mass: Float64Array;
  private sx: Float64Array;
  private sy: Float64Array;
  private size: Float64Array;
  private readonly next: Int32Array;
  private cells = 0;
  private stack: Int32Array;

  constructor(n: number) {
    const cap = 4 * n + 16;
    this.child = new Int32Array(4 * cap);
    this.body = new Int32Array(cap);
    this.mass = new Float64Array(cap);
    this.sx = new Float64Array(cap);
    this.sy = new Float64Array(cap);
    this.size = new Float64Array(cap);
    this.next = new Int32Array(n);
    this.stack = new Int32Array(4 * 64 + 4 * cap);
  }

  private cell(size: number): number {
    if (this.cells === this.body.length) this.grow();
    const c = this.cells++;
    this.child.fill(-1, 4 * c, 4 * c + 4);
    this.body[c] = -1;
    this.mass[c] = this.sx[c] = this.sy[c] = 0;
    this.size[c] = size;
    return c;
  }

  private grow(): void {
    const cap = this.body.length * 2;
    const more = <T extends Float64Array | Int32Array>(a: T, len: number): T => {
      const b = new (a.constructor as { new (l: number): T })(len);
      b.set(a);
      return b;
    };
    this.child = more(this.child, 4 * cap);
    this.body = more(this.body, cap);
    this.mass = more(this.mass, cap);
    this.sx = more(this.sx, cap);
    this.sy = more(this.sy, cap);
    this.size = more(this.size, cap);
    this.stack = more(this.stack, 4 * 64 + 4 * cap);
  }

  private x0 = 0;
  private y0 = 0;

  build(pos: Float64Array, n: number): void {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (let i = 0; i < n; i++) {
      x1 = Math.min(x1, pos[2 * i]);
      x2 = Math.max(x2, pos[2 * i]);
      y1 = Math.min(y1, pos[2 * i + 1]);
      y2 = Math.max(y2, pos[2 * i + 1]);
    }
    this.x0 = x1;
    this.y0 = y1;
    this.cells = 0;
    this.next.fill(-1);
    const root = this.cell(Math.max(x2 - x1, y2 - y1, 1) * 1.0001);
    for (let i = 0; i < n; i++) this.insert(root, i, pos);
  }

  private insert(root: number, i: number, pos: Float64Array): void {
    const x = pos[2 * i], y = pos[2 * i + 1];
    let c = root, cx = this.x0, cy = this.y0;
    for (let depth = 0; ; depth++) {
      this.mass[c]++;
      this.sx[c] += x;
      this.sy[c] += y;
      const s = this.size[c];
      const hasKids = this.child[4 * c] !== -1 || this.child[4 * c + 1] !== -1 || this.child[4 * c + 2] !== -1 || this.child[4 * c + 3] !== -1;
      if (!hasKids && this.body[c] === -1) {
        this.body[c] = i;
        return;
      }
      if (!hasKids) {
        if (depth >= MAX_DEPTH) {
          this.next[i] = this.next[this.body[c]];
          this.next[this.body[c]] = i;
          return;
        }
        // Split the leaf: its body goes one level down.
        const j = this.body[c];
        this.body[c] = -1;
        const k = this.cell(s / 2);
        this.child[4 * c + quadrantOf(cx, cy, s, pos[2 * j], pos[2 * j + 1])] = k;
        this.mass[k] = 1;
        this.sx[k] = pos[2 * j];
        this.sy[k] = pos[2 * j + 1];
        this.body[k] = j;
      }
      const q = quadrantOf(cx, cy, s, x, y);
      const h = s / 2;
      if (q & 1) cx += h;
      if (q & 2) cy += h;
      let k = this.child[4 * c + q];
      if (k === -1) {
        k = this.cell(h);
        this.child[4 * c + q] = k;
      }
      c = k;
    }
  }

  /** Adds to node i's velocity the repulsion of every body (far cells as one body). */
  repel(i: number, pos: Float64Array, vel: Float64Array, k: number, theta2: number, minD2: number): void {
    const xi = pos[2 * i], yi = pos[2 * i + 1];
    const st = this.stack;
    let top = 0;
    st[top++] = 0;
    let fx = 0, fy = 0;
    while (top > 0) {
      const c = st[--top];
      const m = this.mass[c];
      if (!m) continue;
      const dx = this.sx[c] / m - xi, dy = this.sy[c] / m - yi;
      let d2 = dx * dx + dy * dy;
      const s = this.size[c];
      const leaf = this.child[4 * c] === -1 && this.child[4 * c + 1] === -1 && this.child[4 * c + 2] === -1 && this.child[4 * c + 3] === -1;
      if (!leaf && (s * s) / theta2 >= d2) {
        for (let q = 0; q < 4; q++) if (this.child[4 * c + q] !== -1) st[top++] = this.child[4 * c + q];
        continue;
      }
      if (leaf) {
        // Bodies one by one (a leaf holds one, or a chain of near-coincident ones).
        for (let j = this.body[c]; j !== -1; j = this.next[j]) {
          if (j === i) continue;
          const ex = pos[2 * j] - xi, ey = pos[2 * j + 1] - yi;
          let e2 = ex * ex + ey * ey;
          if (e2 < minD2) e2 = Math.sqrt(minD2 * e2) || minD2;
          fx += (ex * k) / e2;
          fy += (ey * k) / e2;
        }
        continue;
      }
      if (d2 < minD2) d2 = Math.sqrt(minD2 * d2) || minD2;
      fx += (dx * k * m) / d2;
      fy += (dy * k * m) / d2;
    }
    vel[2 * i] += fx;
    vel[2 * i + 1] += fy;
  }
}

const MAX_DEPTH = 24;

function quadrantOf(cx: number, cy: number, s: number, x: number, y: number): number {
  const h = s / 2;
  return (x >= cx + h ? 1 : 0) | (y >= cy + h ? 2 : 0);
}
