import type { EdgeType, GraphEdge, GraphNode, MentionRef, NodeType, PropValue } from '../model/types';
import { addMentions } from '../store/rules/mentions';

// No props given: one empty object read by every such call, not one made for each.
const NO_PROPS: Readonly<Record<string, PropValue>> = Object.freeze({});

// Each type's "TYPE:" made once, not joined again for every edge asked for.
const EDGE_PREFIX: Partial<Record<EdgeType, string>> = {};

/**
 * Collects nodes and edges for one report, merging repeats and their mentions. The props given
 * for a new node or edge become its own (callers give a fresh object; one shared between calls
 * is frozen, and copied).
 */
export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  node(id: string, type: NodeType, name: string, mention: MentionRef | MentionRef[], props: Readonly<Record<string, PropValue>> = NO_PROPS, alias?: string): GraphNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, type, name, aliases: [], mentions: firstMentions(mention), props: ownProps(props) };
      this.nodes.set(id, n);
    } else {
      addMentions(n.mentions, mention);
      copyNew(n.props, props);
    }
    if (alias && alias !== n.name && !n.aliases.includes(alias)) n.aliases.push(alias);
    return n;
  }

  edge(type: EdgeType, source: string, target: string, mention: MentionRef | MentionRef[], props: Readonly<Record<string, PropValue>> = NO_PROPS): GraphEdge | undefined {
    if (source === target) return undefined;
    const id = (EDGE_PREFIX[type] ??= `${type}:`) + source + '->' + target;
    let e = this.edges.get(id);
    if (!e) {
      e = { id, type, source, target, mentions: firstMentions(mention), props: ownProps(props) };
      this.edges.set(id, e);
    } else {
      addMentions(e.mentions, mention);
      copyNew(e.props, props);
    }
    return e;
  }
}

/**
 * A new node's or edge's mentions. Most are stated once: a list made holding its one mention has
 * room for one, where a push onto an empty list reserves room for seventeen (V8's first growth),
 * which was the largest allocation of a report's builder.
 */
function firstMentions(mention: MentionRef | MentionRef[]): MentionRef[] {
  if (!Array.isArray(mention)) return [mention];
  const list: MentionRef[] = [];
  addMentions(list, mention);
  return list;
}

/**
 * A new node's or edge's props: the given object itself when it is the caller's to give (not
 * frozen) and sets nothing to undefined, else the copy of its set values. A copy into an empty
 * object was one more object per fact, and for an observation's thirteen props a property store
 * grown three times.
 */
function ownProps(props: Readonly<Record<string, PropValue>>): Record<string, PropValue> {
  if (!Object.isFrozen(props)) {
    let defined = true;
    for (const k in props) {
      if (props[k] === undefined) {
        defined = false;
        break;
      }
    }
    if (defined) return props as Record<string, PropValue>;
  }
  const own: Record<string, PropValue> = {};
  copyNew(own, props);
  return own;
}

/** Sets the props `to` does not have yet (the first statement of a fact wins). */
function copyNew(to: Record<string, PropValue>, from: Readonly<Record<string, PropValue>>): void {
  // for…in, not Object.entries: a report makes thousands of these calls, most with no props.
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && !(k in to)) to[k] = v;
  }
}
