import type { Extraction, GraphEdge, GraphNode } from '../model/types';
import { addMentions } from '../store/rules/mentions';
import { mergeNodeInto } from '../store/rules/merge';
import type { Decision } from './decisions';

/**
 * Applies curator decisions to one report's extraction, before it is written: merged nodes take
 * the id of the node they were merged into (mentions and aliases follow), renamed nodes their
 * new name (the old one stays an alias), and each affected node records its history.
 */
export function applyDecisions(x: Extraction, decisions: readonly Decision[]): Extraction {
  if (!decisions.length) return x;
  const into = new Map<string, Decision & { op: 'merge' }>();
  for (const d of decisions) if (d.op === 'merge') for (const id of d.ids) if (id !== d.into) into.set(id, d);
  const target = (id: string) => {
    const seen = new Set<string>();
    let at = id;
    while (into.has(at) && !seen.has(at)) {
      seen.add(at);
      at = into.get(at)!.into;
    }
    return at;
  };
  const nodes = new Map<string, GraphNode>();
  const history = new Map<string, Array<Record<string, string>>>();
  const note = (id: string, rec: Record<string, string>) => history.set(id, [...(history.get(id) ?? []), rec]);
  for (const n of x.nodes) {
    const to = target(n.id);
    if (to !== n.id) {
      const d = into.get(n.id)!;
      note(to, { op: 'MERGED_INTO', from: n.id, fromName: n.name, into: to, who: d.who, when: d.when, why: d.why, decision: d.id });
    }
    const old = nodes.get(to);
    if (!old) {
      nodes.set(to, { ...n, id: to, aliases: [...n.aliases], mentions: [...n.mentions], props: { ...n.props } });
      if (to !== n.id) nodes.get(to)!.name = nameOfTarget(to, n);
    } else {
      mergeNodeInto(old, n);
    }
  }
  for (const d of decisions) {
    if (d.op !== 'rename') continue;
    const n = nodes.get(target(d.node));
    if (!n || n.name === d.name) continue;
    if (!n.aliases.includes(n.name)) n.aliases.push(n.name);
    n.aliases = n.aliases.filter((a) => a !== d.name);
    note(n.id, { op: 'RENAMED', from: n.name, name: d.name, who: d.who, when: d.when, why: d.why, decision: d.id });
    n.name = d.name;
  }
  const topicChanges = decisions.filter((d): d is Decision & { op: 'topic' } => d.op === 'topic');
  for (const [id, recs] of history) {
    const n = nodes.get(id);
    if (n) n.props.curation = JSON.stringify(recs);
  }
  const edges = new Map<string, GraphEdge>();
  for (const e of x.edges) {
    const source = target(e.source);
    const tgt = target(e.target);
    if (source === tgt) continue;
    const id = `${e.type}:${source}->${tgt}`;
    const old = edges.get(id);
    if (!old) edges.set(id, { ...e, id, source, target: tgt, mentions: [...e.mentions] });
    else addMentions(old.mentions, e.mentions);
  }
  // Topic assignments a curator corrected: removed edges go, added ones cite the node's own
  // first mention in this report (the sentence that states it) and say who decided and why.
  for (const d of topicChanges) {
    const node = nodes.get(target(d.node));
    if (!node) continue;
    const id = `IN_TOPIC:${node.id}->${d.topic}`;
    if (!d.assign) edges.delete(id);
    else if (!edges.has(id) && node.mentions.length) {
      const m = node.mentions[0];
      if (!nodes.has(d.topic)) nodes.set(d.topic, { id: d.topic, type: 'TOPIC', name: d.topic.slice(d.topic.indexOf(':') + 1), aliases: [], mentions: [m], props: {} });
      edges.set(id, { id, type: 'IN_TOPIC', source: node.id, target: d.topic, mentions: [m], props: { curated: true, who: d.who, why: d.why } });
    }
    const recs = JSON.parse(String(node.props.curation ?? '[]')) as Array<Record<string, string>>;
    recs.push({ op: d.assign ? 'TOPIC_ASSIGNED' : 'TOPIC_REMOVED', into: d.topic, who: d.who, when: d.when, why: d.why, decision: d.id });
    node.props.curation = JSON.stringify(recs);
  }
  return { ...x, nodes: [...nodes.values()], edges: [...edges.values()] };
}

// A node merged into an id this report does not itself produce keeps the target's name, which
// is the id's key (type:name).
function nameOfTarget(id: string, n: GraphNode): string {
  const key = id.slice(id.indexOf(':') + 1);
  return key || n.name;
}
