// The one stylesheet of the explorer, keyed by node type. The legend, the search suggestions,
// the details panel and the exports all take their colours and names from here.
import type cytoscape from 'cytoscape';
import { NODE_TYPES, type EdgeType, type NodeType } from '../../server/model/types';

export interface TypeLook {
  color: string;
  shape: cytoscape.Css.NodeShape;
  size: number;
  /** Short names for the legend: Chinese and English. */
  zh: string;
  en: string;
}

export const TYPE_LOOK: Record<NodeType, TypeLook> = {
  AGENCY: { color: '#1f4e9c', shape: 'round-rectangle', size: 44, zh: '公安机关', en: 'Bureau' },
  REFORM: { color: '#d1495b', shape: 'ellipse', size: 30, zh: '改革', en: 'Reform' },
  MEASURE: { color: '#e8a33d', shape: 'round-rectangle', size: 18, zh: '举措', en: 'Measure' },
  PLATFORM: { color: '#7b4fc9', shape: 'diamond', size: 28, zh: '平台', en: 'Platform' },
  UNIT: { color: '#1e9e74', shape: 'hexagon', size: 26, zh: '单位', en: 'Unit' },
  ORGANIZATION: { color: '#6a994e', shape: 'octagon', size: 22, zh: '外部机构', en: 'Organisation' },
  INDICATOR: { color: '#c2397f', shape: 'triangle', size: 24, zh: '指标', en: 'Indicator' },
  OBSERVATION: { color: '#ef8fb9', shape: 'ellipse', size: 14, zh: '数据', en: 'Observation' },
  PROBLEM: { color: '#9c5a1a', shape: 'vee', size: 22, zh: '问题', en: 'Problem' },
  POLICY_DOCUMENT: { color: '#4d6378', shape: 'rectangle', size: 20, zh: '文件', en: 'Document' },
  PRINCIPLE: { color: '#c9a227', shape: 'star', size: 26, zh: '理念', en: 'Principle' },
  PLACE: { color: '#1b98b5', shape: 'round-triangle', size: 26, zh: '地区', en: 'Place' },
  REPORT: { color: '#7d848f', shape: 'round-tag', size: 24, zh: '报告', en: 'Report' },
  TOPIC: { color: '#2a9d8f', shape: 'barrel', size: 30, zh: '政策领域', en: 'Topic' },
};

/** Types in the order the legend lists them (most used first), every NodeType exactly once. */
export const LEGEND_ORDER: NodeType[] = ['AGENCY', 'REFORM', 'MEASURE', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'OBSERVATION', 'PROBLEM', 'POLICY_DOCUMENT', 'PRINCIPLE', 'PLACE', 'REPORT', 'TOPIC'];
if (LEGEND_ORDER.length !== NODE_TYPES.length) throw new Error('LEGEND_ORDER must list every NodeType');

export const typeColor = (t: string): string => TYPE_LOOK[t as NodeType]?.color ?? '#888';
export const typeName = (t: string): string => TYPE_LOOK[t as NodeType]?.en ?? t;

/** Reading names of relations, for each direction as seen from the node in the details panel. */
export const EDGE_WORDS: Record<EdgeType | 'RUNS' | 'PRACTISES', { out: string; in: string }> = {
  PUBLISHED_BY: { out: 'published by', in: 'publishes' },
  LOCATED_IN: { out: 'located in', in: 'contains' },
  CARRIES_OUT: { out: 'carries out', in: 'carried out by' },
  IMPLEMENTS: { out: 'implements', in: 'implemented by' },
  PART_OF: { out: 'part of', in: 'has part' },
  USES: { out: 'uses', in: 'used by' },
  INVOLVES: { out: 'involves', in: 'involved in' },
  ADDRESSES: { out: 'addresses', in: 'addressed by' },
  FACES: { out: 'faces', in: 'faced by' },
  ISSUES: { out: 'issues', in: 'issued by' },
  GUIDED_BY: { out: 'guided by', in: 'guides' },
  OF: { out: 'value of', in: 'observed values' },
  EVIDENCES: { out: 'evidences', in: 'evidenced by' },
  FOR: { out: 'reported for', in: 'reported values' },
  RELATED_TO: { out: 'related to', in: 'related to' },
  IN_TOPIC: { out: 'in policy area', in: 'members' },
  // Edges the explorer draws itself (dashed): not stored in the graph.
  RUNS: { out: 'runs (through its measures)', in: 'run by (through measures)' },
  PRACTISES: { out: 'practises', in: 'practised by' },
};
export const edgeWord = (type: string, dir: 'out' | 'in'): string => EDGE_WORDS[type as EdgeType]?.[dir] ?? type.toLowerCase().replace(/_/g, ' ');

export const FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", system-ui, sans-serif';

/**
 * A label short enough to wrap onto two or three lines under the node. English is cut between
 * words, never inside one ("Shaoxing Municipal Public…", not "…Public Security Bure…").
 */
export function shortLabel(name: string, max = 18): string {
  const chars = [...name.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const inWord = /[A-Za-z0-9]/.test(chars[max - 1] ?? '') && /[A-Za-z0-9]$/.test(cut);
  return `${(inWord && space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
}

/**
 * A node's English label: bureaus by the short form English writers use (Shaoxing PSB for
 * Shaoxing Municipal Public Security Bureau); a name the glossary could only gloss keeps its gloss
 * whole and shortens the Chinese before it ("执法言行指引 (law-enforcement … guidelines)").
 */
export function englishLabel(en: string, max = 40): string {
  const short = en
    .replace(/\b(?:Municipal |Provincial |District |County )?Public Security (?:Bureau|Branch)\b/g, 'PSB')
    .replace(/\bProvincial Department of Public Security\b/g, 'PSD');
  const glossed = /^([^A-Za-z(]*[\u3400-\u9fff][^A-Za-z(]*) \((.+)\)$/.exec(short);
  if (glossed && [...short].length > max) return `${shortLabel(glossed[1], 8)} (${shortLabel(glossed[2], max - 10)})`;
  return shortLabel(short, max);
}

/**
 * Big views (graph.ts: over BIG_VIEW nodes or relations) are drawn lean: every element there
 * carries `data.lean`, and the rules below are keyed on it. A lean element matches only a few
 * cheap rules (fixed sizes, straight haystack edges without arrows or labels, no label at all)
 * because Cytoscape's cost of adding, styling and first drawing thousands of elements grows with
 * the number of properties each one gets and with measuring their labels; the full rules are
 * `[!lean]`, so whatever is added without the flag is drawn in full. Labels of a lean view come
 * back with the `labels` class, which graph.ts puts on its nodes once zoomed in far enough
 * (LABEL_ZOOM) to read them: one line, no background.
 */
export function stylesheet(): cytoscape.StylesheetJson {
  const perType = NODE_TYPES.flatMap((t) => {
    // Fixed sizes in lean views; elsewhere hubs grow with their degree (bureaus are big already).
    const s = TYPE_LOOK[t].size;
    const size = `mapData(deg, 0, 30, ${s}, ${Math.round(s * (t === 'AGENCY' ? 1.25 : 1.8))})`;
    return [
      { selector: `node[type = "${t}"]`, style: { 'background-color': TYPE_LOOK[t].color, shape: TYPE_LOOK[t].shape, width: s, height: s } },
      { selector: `node[type = "${t}"][!lean]`, style: { width: size, height: size } },
    ];
  });
  return [
    { selector: 'node', style: { 'overlay-opacity': 0 } },
    {
      selector: 'node[!lean]',
      style: {
        label: 'data(label)',
        'font-family': FONT_STACK,
        // Hubs' labels grow fastest: at the overview's fitted zoom (about 0.5) they are the ones
        // still drawn at a legible size, and the rest appear as the user zooms in.
        'font-size': 'mapData(deg, 0, 16, 12, 24)',
        color: '#1f2933',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': '96px',
        'text-overflow-wrap': 'anywhere',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        // Labels disappear when they would be drawn smaller than this: no label on screen is
        // under 11 px, so a zoomed-out view shows fewer names, all of them readable.
        'min-zoomed-font-size': 11,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    // English labels (research/lang.ts sets `en`) wrap between words; Chinese ones anywhere.
    { selector: 'node[?en]', style: { 'text-overflow-wrap': 'whitespace' } },
    // Labels that would be drawn under 11 px at the current zoom (legibleLabels.ts).
    { selector: 'node[!lean].tiny-label', style: { label: '' } },
    // A lean view zoomed in (graph.ts): one-line labels, nothing behind them.
    { selector: 'node[?lean].labels', style: { label: 'data(label)', 'font-family': FONT_STACK, 'font-size': 12, color: '#1f2933', 'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 6 } },
    ...perType,
    // Hubs of a lean view stand out by their degree in two fixed steps (data selectors, not mapData).
    { selector: 'node[?lean][deg >= 20]', style: { width: 56, height: 56 } },
    { selector: 'node[?lean][deg >= 200]', style: { width: 110, height: 110 } },
    // Bureaus are what the overview is about: their names stay above the 11 px floor at its fitted zoom (about 0.45).
    { selector: 'node[type = "AGENCY"]', style: { 'font-size': 28, 'font-weight': 'bold', color: '#12305f', 'text-max-width': '180px' } },
    { selector: 'node[type = "MEASURE"][!lean], node[type = "OBSERVATION"][!lean]', style: { 'font-size': 'mapData(deg, 0, 24, 10, 16)' } },
    // Lean edges: Cytoscape's default curve (haystack: straight, no arrows, cheapest to place and draw).
    { selector: 'edge', style: { width: 1.2, 'line-color': '#b9c1cc', opacity: 0.85 } },
    { selector: 'edge[!lean]', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#b9c1cc', 'arrow-scale': 0.7 } },
    // Only highlighted and path edges have a label: the text properties are theirs alone, so the
    // style pass over every other edge (hundreds on the first view) has a third as much to do.
    { selector: 'edge.hl[!lean], edge.path[!lean]', style: {
      'font-family': FONT_STACK, 'font-size': 9, color: '#52606d', 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px', 'min-zoomed-font-size': 8,
    } },
    { selector: 'edge[?derived]', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 4], 'line-color': '#c9ced6', 'target-arrow-color': '#c9ced6' } },
    { selector: 'edge[type = "RELATED_TO"]', style: { 'line-color': '#d1495b', 'target-arrow-shape': 'none', width: 'mapData(score, 0, 10, 1, 4)' } },
    // Interaction states.
    { selector: 'node.faded', style: { opacity: 0.18, 'text-opacity': 0.3 } },
    { selector: 'edge.faded', style: { opacity: 0.07 } },
    { selector: 'node.hl', style: { 'border-width': 2, 'border-color': '#1f2933', 'z-index': 10 } },
    { selector: 'edge.hl', style: { width: 2, 'line-color': '#66717f', opacity: 1, 'z-index': 9 } },
    { selector: 'edge.hl[!lean]', style: { 'target-arrow-color': '#66717f', label: 'data(typeLabel)' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#111827', 'underlay-color': '#facc15', 'underlay-opacity': 0.55, 'underlay-padding': 7, 'underlay-shape': 'ellipse', 'z-index': 20, 'font-weight': 'bold' } },
    // The keyboard cursor (keyboardNav.ts): the page's focus colour, outside whatever else marks the node.
    { selector: 'node.kbd', style: { 'outline-width': 3, 'outline-color': '#f59e0b', 'outline-offset': 5, 'outline-style': 'solid', 'z-index': 30 } as cytoscape.Css.Node },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 15 } },
    { selector: 'edge.path', style: { width: 4, 'line-color': '#f59e0b', opacity: 1, 'z-index': 14 } },
    { selector: 'edge.path[!lean]', style: { 'target-arrow-color': '#f59e0b', label: 'data(typeLabel)' } },
    { selector: 'node.new', style: { 'border-width': 2, 'border-color': '#0ea5e9' } },
    { selector: '.hidden-type, .hidden-scope', style: { display: 'none' } },
    // Compare view: the column boxes.
    { selector: 'node.column', style: {
      shape: 'round-rectangle' as cytoscape.Css.NodeShape, 'background-color': '#f4f6f9', 'background-opacity': 1, 'border-width': 1, 'border-color': '#d5dbe3',
      label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 26, 'font-weight': 'bold', color: '#334155',
      'text-margin-y': -8, 'text-background-opacity': 0, 'padding': '18px', 'min-zoomed-font-size': 4, 'text-max-width': '1000px', 'text-wrap': 'none',
    } },
    { selector: 'node.placeholder', style: { 'background-opacity': 0, 'border-width': 0, width: 60, height: 20, label: 'data(label)', 'text-valign': 'center', color: '#94a3b8', 'text-background-opacity': 0 } },
    { selector: 'node.shared-item', style: { 'font-size': 30, 'text-max-width': '230px', width: 44, height: 44, 'font-weight': 'bold' } },
    { selector: 'node.compare-agency', style: { 'font-size': 36, width: 60, height: 60, 'text-max-width': '600px' } },
    { selector: 'node.column.shared', style: { 'background-color': '#fff8e6', 'border-color': '#f0c36d' } },
  ];
}
