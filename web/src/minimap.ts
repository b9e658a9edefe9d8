// A navigator for large views: every visible node as a dot in its type colour, the viewport as
// a frame; click or drag in it to move there. Dots are redrawn only when the graph changes; it
// fades out while the whole graph is on screen.
import type cytoscape from 'cytoscape';
import { typeColor } from './style';

export class Minimap {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly dots = document.createElement('canvas');
  private box = { x1: 0, y1: 0, w: 1, h: 1, scale: 1, ox: 0, oy: 0 };
  private frame = 0;
  private dirty = true;

  constructor(private readonly cy: cytoscape.Core, private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
    const mark = () => {
      this.dirty = true;
      this.schedule();
    };
    cy.on('add remove position style', mark);
    cy.on('layoutstop', mark);
    cy.on('viewport resize', () => this.schedule());
    let dragging = false;
    const go = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const mx = (e.clientX - r.left - this.box.ox) / this.box.scale + this.box.x1;
      const my = (e.clientY - r.top - this.box.oy) / this.box.scale + this.box.y1;
      const z = cy.zoom();
      cy.pan({ x: cy.width() / 2 - mx * z, y: cy.height() / 2 - my * z });
    };
    canvas.addEventListener('pointerdown', (e) => {
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      go(e);
    });
    canvas.addEventListener('pointermove', (e) => dragging && go(e));
    canvas.addEventListener('pointerup', () => (dragging = false));
    new ResizeObserver(mark).observe(canvas);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const { canvas, cy } = this;
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.clientWidth;
    const H = canvas.clientHeight;
    if (!W || !H) return;
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr);
      canvas.height = Math.round(H * dpr);
      this.dirty = true;
    }
    if (this.dirty) this.redrawDots(W, H, dpr);
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.drawImage(this.dots, 0, 0, W, H);
    const ext = cy.extent();
    const b = this.box;
    // Nothing to navigate while the whole graph is on screen: step aside.
    const pad = 40;
    const whole = ext.x1 <= b.x1 + pad && ext.y1 <= b.y1 + pad && ext.x2 >= b.x1 + b.w - pad && ext.y2 >= b.y1 + b.h - pad;
    canvas.classList.toggle('idle', whole);
    const x = b.ox + (ext.x1 - b.x1) * b.scale;
    const y = b.oy + (ext.y1 - b.y1) * b.scale;
    ctx.fillStyle = 'rgba(31, 78, 156, 0.08)';
    ctx.strokeStyle = '#1f4e9c';
    ctx.lineWidth = 1.5;
    ctx.fillRect(x, y, ext.w * b.scale, ext.h * b.scale);
    ctx.strokeRect(x, y, ext.w * b.scale, ext.h * b.scale);
  }

  private redrawDots(W: number, H: number, dpr: number): void {
    this.dirty = false;
    this.dots.width = Math.round(W * dpr);
    this.dots.height = Math.round(H * dpr);
    const ctx = this.dots.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const nodes = this.cy.nodes().filter((n) => n.visible() && !n.isParent());
    if (!nodes.length) return;
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    const pts: Array<[number, number, string]> = [];
    nodes.forEach((n) => {
      const p = n.position();
      x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y);
      pts.push([p.x, p.y, typeColor(n.data('type'))]);
    });
    const pad = 40;
    x1 -= pad; y1 -= pad; x2 += pad; y2 += pad;
    const scale = Math.min(W / (x2 - x1), H / (y2 - y1));
    this.box = { x1, y1, w: x2 - x1, h: y2 - y1, scale, ox: (W - (x2 - x1) * scale) / 2, oy: (H - (y2 - y1) * scale) / 2 };
    const r = nodes.length > 800 ? 1.2 : 2.2;
    for (const [px, py, c] of pts) {
      ctx.fillStyle = c;
      ctx.beginPath();
      ctx.arc(this.box.ox + (px - x1) * scale, this.box.oy + (py - y1) * scale, r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
