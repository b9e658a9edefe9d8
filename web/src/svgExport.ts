// An SVG of the current view written from the elements themselves (no canvas tracing): shapes
// in the type colours, straight edges with arrows, labels as real text a paper's figure can edit.
import type cytoscape from 'cytoscape';
import { FONT_STACK } from './style';

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const num = (v: number) => (Math.round(v * 10) / 10).toString();

/** Points of a node shape of width w and height h centred on (x, y). */
function polygon(shape: string, x: number, y: number, w: number, h: number): Array<[number, number]> | null {
  const reg = (n: number, rot: number) => Array.from({ length: n }, (_, i) => {
    const a = rot + (2 * Math.PI * i) / n;
    return [x + (w / 2) * Math.cos(a), y + (h / 2) * Math.sin(a)] as [number, number];
  });
  switch (shape) {
    case 'diamond': return [[x, y - h / 2], [x + w / 2, y], [x, y + h / 2], [x - w / 2, y]];
    case 'triangle': case 'round-triangle': return [[x, y - h / 2], [x + w / 2, y + h / 2], [x - w / 2, y + h / 2]];
    case 'hexagon': return reg(6, 0);
    case 'octagon': return reg(8, Math.PI / 8);
    case 'vee': return [[x - w / 2, y - h / 2], [x, y - h / 6], [x + w / 2, y - h / 2], [x, y + h / 2]];
    case 'round-tag': case 'tag': return [[x - w / 2, y - h / 2], [x + w / 4, y - h / 2], [x + w / 2, y], [x + w / 4, y + h / 2], [x - w / 2, y + h / 2]];
    case 'star': return Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (Math.PI * i) / 5;
      const r = i % 2 ? 0.4 : 1;
      return [x + (w / 2) * r * Math.cos(a), y + (h / 2) * r * Math.sin(a)] as [number, number];
    });
    default: return null;
  }
}

/** Breaks a label into lines of at most `max` characters (CJK text has no spaces to break at). */
function wrap(label: string, max: number): string[] {
  const chars = [...label];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += max) lines.push(chars.slice(i, i + max).join(''));
  return lines;
}

/** A node's label without the screen's shortening (…): the Chinese name, or the English one it abbreviates. */
export function wholeLabel(n: cytoscape.NodeSingular): string {
  const label = String(n.data('label') || n.data('name') || '');
  if (!label.endsWith('…')) return label;
  const en = String(n.data('nameEn') ?? '');
  return en && en.startsWith(label.slice(0, -1)) ? en : String(n.data('name') ?? label);
}

export function viewSvg(cy: cytoscape.Core, opts: { full?: boolean } = {}): string {
  const zoom = cy.zoom();
  const ext = opts.full ? cy.elements(':visible').boundingBox({ includeLabels: true }) : cy.extent();
  // Room for labels under nodes at the edge, which a lean view's box does not include.
  const pad = opts.full ? 60 : 0;
  const vb = { x: ext.x1 - pad, y: ext.y1 - pad, w: ext.w + 2 * pad, h: ext.h + 2 * pad };
  const scale = opts.full ? 1 : zoom;
  const W = Math.round(vb.w * scale);
  const H = Math.round(vb.h * scale);
  const inView = (bb: cytoscape.BoundingBox12 & cytoscape.BoundingBoxWH) => bb.x2 >= vb.x && bb.x1 <= vb.x + vb.w && bb.y2 >= vb.y && bb.y1 <= vb.y + vb.h;
  const out: string[] = [];
  const markers = new Map<string, string>();
  const marker = (colour: string) => {
    if (!markers.has(colour)) markers.set(colour, `a${markers.size}`);
    return markers.get(colour)!;
  };
  const body: string[] = [];
  // Compound boxes first (the compare view's columns), then edges, then nodes on top.
  cy.nodes(':visible').filter((n) => n.isParent()).forEach((n) => {
    const bb = n.boundingBox({ includeLabels: false });
    body.push(`<rect x="${num(bb.x1)}" y="${num(bb.y1)}" width="${num(bb.w)}" height="${num(bb.h)}" rx="8" fill="${xmlEscape(n.style('background-color'))}" stroke="${xmlEscape(n.style('border-color'))}"/>`);
    body.push(`<text x="${num((bb.x1 + bb.x2) / 2)}" y="${num(bb.y1 - 8)}" text-anchor="middle" font-size="16" font-weight="bold" fill="#334155">${xmlEscape(String(n.data('label') ?? ''))}</text>`);
  });
  cy.edges(':visible').forEach((e) => {
    if (!inView(e.boundingBox({}))) return;
    const s = e.sourceEndpoint();
    const t = e.targetEndpoint();
    const colour = e.style('line-color');
    const dashed = e.style('line-style') === 'dashed' ? ' stroke-dasharray="5 4"' : '';
    const arrow = e.style('target-arrow-shape') !== 'none' ? ` marker-end="url(#${marker(colour)})"` : '';
    body.push(`<line x1="${num(s.x)}" y1="${num(s.y)}" x2="${num(t.x)}" y2="${num(t.y)}" stroke="${xmlEscape(colour)}" stroke-width="${num(parseFloat(e.style('width')))}" opacity="${num(parseFloat(e.style('opacity')))}"${dashed}${arrow}/>`);
  });
  cy.nodes(':visible').filter((n) => !n.isParent()).forEach((n) => {
    if (!inView(n.boundingBox({}))) return;
    const p = n.position();
    const w = n.width();
    const h = n.height();
    const fill = xmlEscape(n.style('background-color'));
    const opacity = parseFloat(n.style('opacity'));
    if (parseFloat(n.style('background-opacity')) === 0) {
      // placeholders: label only
    } else {
      const bw = parseFloat(n.style('border-width'));
      const stroke = bw > 0 ? ` stroke="${xmlEscape(n.style('border-color'))}" stroke-width="${num(bw)}"` : '';
      const shape = n.style('shape') as string;
      const pts = polygon(shape, p.x, p.y, w, h);
      if (pts) body.push(`<polygon points="${pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}" fill="${fill}" opacity="${num(opacity)}"${stroke}/>`);
      else if (shape === 'ellipse') body.push(`<ellipse cx="${num(p.x)}" cy="${num(p.y)}" rx="${num(w / 2)}" ry="${num(h / 2)}" fill="${fill}" opacity="${num(opacity)}"${stroke}/>`);
      else body.push(`<rect x="${num(p.x - w / 2)}" y="${num(p.y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${shape.startsWith('round') ? num(Math.min(w, h) / 4) : 0}" fill="${fill}" opacity="${num(opacity)}"${stroke}/>`);
    }
    // A whole-view picture names every node, even where the lean drawing of a big view hides labels.
    const label = opts.full ? wholeLabel(n) : String(n.data('label') ?? '');
    const fs = parseFloat(n.style('font-size'));
    if (!label || (!opts.full && fs * zoom < 7)) return;
    const lines = wrap(label, Math.max(2, Math.floor(parseFloat(n.style('text-max-width')) / fs)));
    const top = n.style('text-valign') === 'center' ? p.y - ((lines.length - 1) * fs * 1.2) / 2 + fs * 0.35 : p.y + h / 2 + 3 + fs;
    const weight = n.style('font-weight') === 'bold' ? ' font-weight="bold"' : '';
    body.push(`<text x="${num(p.x)}" y="${num(top)}" font-size="${num(fs)}" text-anchor="middle" fill="${xmlEscape(n.style('color'))}" opacity="${num(Math.max(opacity, 0.3))}"${weight} stroke="#ffffff" stroke-width="3" stroke-opacity="0.75" paint-order="stroke">${lines.map((l, i) => `<tspan x="${num(p.x)}" dy="${i ? num(fs * 1.2) : 0}">${xmlEscape(l)}</tspan>`).join('')}</text>`);
  });
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="${num(vb.x)} ${num(vb.y)} ${num(vb.w)} ${num(vb.h)}" font-family="${xmlEscape(FONT_STACK)}">`);
  out.push('<defs>');
  for (const [colour, id] of markers) out.push(`<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${xmlEscape(colour)}"/></marker>`);
  out.push('</defs>');
  out.push(`<rect x="${num(vb.x)}" y="${num(vb.y)}" width="${num(vb.w)}" height="${num(vb.h)}" fill="#ffffff"/>`);
  out.push(...body, '</svg>');
  return out.join('\n');
}
