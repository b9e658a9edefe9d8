// Keyboard access to the nodes on the canvas, which a screen reader or the Tab key cannot reach:
// with the canvas focused, arrow keys move a cursor (the `kbd` class, a ring drawn by style.ts)
// to the nearest visible node in that direction, Enter opens it, and the node's name is
// announced. Shift+arrows pan the view.
import type cytoscape from 'cytoscape';
import { typeName } from './style';

export type Direction = 'left' | 'right' | 'up' | 'down';
export interface Point {
  id: string;
  x: number;
  y: number;
}

const DIRS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * The nearest point in a direction: within 60° either side of it, distance counted double
 * across the direction, so a step goes where the arrow points rather than to the nearest node.
 */
export function nearestInDirection(from: Point, points: Point[], dir: Direction): Point | null {
  const [ux, uy] = dir === 'left' ? [-1, 0] : dir === 'right' ? [1, 0] : dir === 'up' ? [0, -1] : [0, 1];
  let best: Point | null = null;
  let bestScore = Infinity;
  for (const p of points) {
    if (p.id === from.id) continue;
    const dx = p.x - from.x, dy = p.y - from.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

export class KeyboardNav {
  current: string | null = null;

  constructor(private readonly cy: cytoscape.Core, private readonly announce: (text: string) => void, private readonly open: (id: string) => void) {
    cy.on('remove', 'node', (e) => {
      if ((e.target as cytoscape.NodeSingular).id() === this.current) this.current = null;
    });
  }

  /** Handles a key pressed on the canvas; true when it was ours. */
  key(e: KeyboardEvent, selected: string | null): boolean {
    const dir = DIRS[e.key];
    if (dir && !e.shiftKey) {
      this.move(dir, selected);
      return true;
    }
    if (e.key === 'Enter' && this.current) {
      this.open(this.current);
      return true;
    }
    return false;
  }

  /** Leaves the canvas: the ring goes, the place is kept for the next visit. */
  blur(): void {
    this.cy.nodes('.kbd').removeClass('kbd');
  }

  private move(dir: Direction, selected: string | null): void {
    const nodes = this.cy.nodes(':visible').not('.column, .placeholder') as cytoscape.NodeCollection;
    if (nodes.empty()) return this.announce('No nodes in view');
    const here = this.cy.getElementById(this.current ?? selected ?? '') as unknown as cytoscape.NodeSingular;
    let next: cytoscape.NodeSingular | undefined;
    if (here.nonempty() && here.visible()) {
      const pts = nodes.map((n) => ({ id: n.id(), ...n.position() }));
      const p = nearestInDirection({ id: here.id(), ...here.position() }, pts, dir);
      if (!p) return this.announce(`Nothing further ${dir}`);
      next = this.cy.getElementById(p.id) as unknown as cytoscape.NodeSingular;
    } else {
      // First step: the node nearest the middle of the screen.
      const ext = this.cy.extent();
      const mid = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
      let d = Infinity;
      nodes.forEach((n) => {
        const q = n.position();
        const e = (q.x - mid.x) ** 2 + (q.y - mid.y) ** 2;
        if (e < d) {
          d = e;
          next = n;
        }
      });
    }
    if (!next) return;
    this.cy.batch(() => {
      this.cy.nodes('.kbd').removeClass('kbd');
      next!.addClass('kbd');
    });
    this.current = next.id();
    this.reveal(next);
    this.announce(`${typeName(next.data('type'))}: ${next.data('name')}, ${next.degree(false)} relations in view. Enter opens it.`);
  }

  /** Pans just enough to bring the node on screen. */
  private reveal(n: cytoscape.NodeSingular): void {
    const p = n.renderedPosition();
    const m = 40;
    const dx = p.x < m ? m - p.x : p.x > this.cy.width() - m ? this.cy.width() - m - p.x : 0;
    const dy = p.y < m ? m - p.y : p.y > this.cy.height() - m ? this.cy.height() - m - p.y : 0;
    if (dx || dy) this.cy.panBy({ x: dx, y: dy });
  }
}
