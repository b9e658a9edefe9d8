import crypto from 'node:crypto';
import type { Extraction, GraphNode, ReportMeta } from '../model/types';
import { Decision, readDecisions, writeDecisions } from '../curation/decisions';
import { keptProvenance } from '../ingest/formats/provenance';
import type { GraphStore } from '../store/store';
import { readReport } from './extract';

export class CurationError extends Error {}

export interface CurationResult {
  applied: boolean;
  decision: Decision | null;
  node: GraphNode | null;
  affected: GraphNode[];
  summary: string;
}

/**
 * Curator decisions: merge nodes the pipeline kept apart, rename a node, undo a merge. Each
 * decision is appended to the decisions file (reviewed in git) and the graph is rebuilt from the
 * stored report texts with every decision applied, in one atomic store write. A dry run says
 * what would change and changes nothing.
 */
export class Curation {
  constructor(private readonly store: GraphStore, private readonly file: string) {}

  decisions(): Decision[] {
    return readDecisions(this.file);
  }

  async merge(ids: string[], into: string, why: string, who: string, dryRun: boolean): Promise<CurationResult> {
    const all = [...new Set([into, ...ids])];
    if (all.length < 2) throw new CurationError('mergeNodes needs at least one id besides `into`');
    const nodes = await this.store.getNodes(all);
    const missing = all.filter((_, i) => !nodes[i]);
    if (missing.length) throw new CurationError(`no such node: ${missing.join(', ')}`);
    const target = nodes[0]!;
    const others = nodes.slice(1) as GraphNode[];
    const wrong = others.filter((n) => n.type !== target.type);
    if (wrong.length) throw new CurationError(`cannot merge ${wrong.map((n) => `${n.id} (${n.type})`).join(', ')} into ${target.id} (${target.type}): nodes of one type only`);
    if (target.type === 'REPORT') throw new CurationError('reports cannot be merged; delete one instead');
    requireWhy(why);
    const decision: Decision = { id: newId(), op: 'merge', ids: others.map((n) => n.id), into, who, when: new Date().toISOString(), why };
    const mentions = others.reduce((s, n) => s + n.mentions.length, target.mentions.length);
    const summary = `${others.map((n) => `${n.name} (${n.id})`).join(', ')} → ${target.name} (${target.id}): ${mentions} mentions, aliases ${[...new Set([...target.aliases, ...others.flatMap((n) => [n.name, ...n.aliases])])].filter((a) => a !== target.name).join('、')}`;
    return this.commit(dryRun, decision, [...this.decisions(), decision], into, [target, ...others], summary);
  }

  async rename(id: string, name: string, why: string, who: string, dryRun: boolean): Promise<CurationResult> {
    const [node] = await this.store.getNodes([id]);
    if (!node) throw new CurationError(`no such node: ${id}`);
    const clean = name.trim();
    if (!clean || clean.length > 100) throw new CurationError('the new name must have 1 to 100 characters');
    requireWhy(why);
    const decision: Decision = { id: newId(), op: 'rename', node: id, name: clean, who, when: new Date().toISOString(), why };
    return this.commit(dryRun, decision, [...this.decisions(), decision], id, [node], `${node.name} → ${clean} (${id}); ${node.name} stays an alias`);
  }

  /** Puts a node into a topic, or takes it out, overriding the trigger words. */
  async setTopic(id: string, topic: string, assign: boolean, why: string, who: string, dryRun: boolean): Promise<CurationResult> {
    const [node, t] = await this.store.getNodes([id, topic]);
    if (!node) throw new CurationError(`no such node: ${id}`);
    if (!['REFORM', 'MEASURE', 'PROBLEM', 'PLATFORM'].includes(node.type)) throw new CurationError(`${id} is a ${node.type}; only reforms, measures, problems and platforms are in topics`);
    if (!t || t.type !== 'TOPIC') throw new CurationError(`no such topic: ${topic}`);
    requireWhy(why);
    const edges = (await this.store.edgesOf([id], 'out', ['IN_TOPIC']))[0];
    const has = edges.some((e) => e.target === topic);
    if (has === assign) throw new CurationError(`${id} is ${assign ? 'already' : 'not'} in ${topic}`);
    const decision: Decision = { id: newId(), op: 'topic', node: id, topic, assign, who, when: new Date().toISOString(), why };
    return this.commit(dryRun, decision, [...this.decisions(), decision], id, [node, t], `${node.name} ${assign ? 'into' : 'out of'} ${t.name} (${topic})`);
  }

  async unmerge(id: string, why: string, who: string, dryRun: boolean): Promise<CurationResult> {
    const decisions = this.decisions();
    const d = decisions.find((x): x is Decision & { op: 'merge' } => x.op === 'merge' && x.ids.includes(id));
    if (!d) throw new CurationError(`${id} was not merged into anything`);
    const rest = d.ids.filter((x) => x !== id);
    const next = decisions.flatMap((x) => (x !== d ? [x] : rest.length ? [{ ...d, ids: rest }] : []));
    const [target] = await this.store.getNodes([d.into]);
    return this.commit(dryRun, { ...d, ids: [id], who, why: why || `undo of ${d.id}`, when: new Date().toISOString() }, next, id, target ? [target] : [],
      `${id} is split off ${d.into} again (decision ${d.id} by ${d.who}: ${d.why})`);
  }

  private async commit(dryRun: boolean, decision: Decision, next: Decision[], focus: string, affected: GraphNode[], summary: string): Promise<CurationResult> {
    if (dryRun) return { applied: false, decision, node: affected[0] ?? null, affected, summary: `dry run: ${summary}` };
    const before = this.decisions();
    writeDecisions(this.file, next);
    try {
      await this.rebuild(next);
    } catch (e) {
      writeDecisions(this.file, before);
      throw e;
    }
    const [node] = await this.store.getNodes([focus]);
    return { applied: true, decision, node: node ?? null, affected, summary };
  }

  /** Re-extracts every stored report and writes the whole graph with the decisions applied. */
  async rebuild(decisions: Decision[] = this.decisions()): Promise<void> {
    const reports = await this.store.reports();
    const texts = await this.store.reportTexts(reports.map((r) => r.id));
    // One after another in the extraction isolate: the graph's thread answers queries meanwhile.
    const xs: Extraction[] = [];
    for (const [i, r] of reports.entries())
      xs.push(await readReport(texts[i] ?? '', metaOf(r), { decisions, amendReport: ({ props }) => Object.assign(props, keptProvenance(r.props)) }));
    await this.store.rebuild(xs);
  }
}

export function metaOf(report: GraphNode): Partial<ReportMeta> {
  const p = report.props;
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { title: s(p.title), agency: s(p.agency), place: s(p.place), province: s(p.province), year: typeof p.year === 'number' ? p.year : undefined, publishedOn: s(p.publishedOn), source: s(p.source) };
}

function requireWhy(why: string): void {
  if (!why || !why.trim()) throw new CurationError('say why: curation decisions are reviewed later');
}

function newId(): string {
  return `cur-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}
