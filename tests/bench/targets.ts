// The targets of the speed issue: one row each, whatever happened (a row that could not be
// measured says why, with met: false). Never loosen a target here.
import type { BulkResult } from './bulk';
import type { EmbeddedSizeOutcome } from './embedded';
import type { ExplorerResult } from './explorer';
import type { HttpResult } from './http';
import { mb, round, type Run } from './lib';
import type { Neo4jResult } from './neo4j';
import type { PipelineResult } from './pipeline';
import type { StartupResult } from './startup';

export interface Figures {
  smoke: boolean;
  sizes: number[];
  /** Why a section has no figures (its error). */
  notes: Record<string, string>;
  pipeline?: PipelineResult;
  startup?: StartupResult;
  http?: HttpResult;
  embedded?: Record<string, EmbeddedSizeOutcome>;
  explorer?: ExplorerResult;
  neo4j?: { ok?: boolean; skipped?: string; error?: string; result?: Neo4jResult; uri?: string };
  bulk?: BulkResult;
}

export interface TargetRow {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean;
  /** Why it is not met or not measured, from the figures. */
  reason?: string;
  /** What would meet it (where the suite knows). */
  toMeet?: string;
  note?: string;
}

interface Got {
  value: number | null;
  reason?: string;
  note?: string;
}

interface TargetDef {
  name: string;
  unit: string;
  target: string;
  get(f: Figures): Got;
  /** Extra explanation when measured but not met. */
  why?(f: Figures, value: number): string | undefined;
  toMeet?: string;
}

const GB = 1024 ** 3;

function sizeNote(f: Figures, label: string): string | undefined {
  if (!f.smoke) return undefined;
  const i = ['10k', '100k', '1M'].indexOf(label);
  return `smoke run: ${f.sizes[i]} nodes stand in for ${label}`;
}

/** A size's outcome; `queries` asks for the query figures too (a partial result has only the load's). */
function embedded(f: Figures, label: string, queries = true): { got?: EmbeddedSizeOutcome; missing?: string } {
  const e = f.embedded?.[label];
  if (!e) return { missing: f.notes[`embedded ${label}`] ? `embedded ${label} failed: ${f.notes[`embedded ${label}`]}` : `embedded ${label} not run` };
  if (!e.result) return { missing: `embedded ${label} (${e.size} nodes): the load did not complete: ${e.error ?? 'no result'}${label === '1M' ? loadTrend(f) : ''}` };
  // A child that loaded less than it was asked for (a failed generation) measured nothing.
  if (!(e.result.graph.nodes >= 0.9 * e.size)) return { missing: `embedded ${label}: asked for ${e.size} nodes, the graph held ${e.result.graph.nodes}` };
  if (queries && !e.result.queries) return { missing: `embedded ${label} (${e.size} nodes): loaded in ${round(e.result.loadMs / 1000, 1)} s, but the queries did not complete: ${e.error ?? 'no result'}` };
  return { got: e };
}

/** Resident memory at 100k scaled to 1M (the graph grows about linearly with its node count). */
function memoryTrend(f: Figures): string {
  const b = f.embedded?.['100k'];
  const r = b?.result;
  if (!r) return '';
  const per = (r.rssAfterLoad / r.graph.nodes) * 1e6;
  return `; at 100k the store process held ${mb(r.rssAfterLoad)} MB after load and gc${b.restart?.rss ? ` (the server restarted on that data: ${mb(b.restart.rss)} MB)` : ''}, which scales to about ${round(per / GB, 1)} GB at 1M`;
}

/** How load time grew from 10k to 100k, and what that growth would make of 1M. */
function loadTrend(f: Figures): string {
  const a = f.embedded?.['10k']?.result;
  const b = f.embedded?.['100k']?.result;
  if (!a || !b || !a.loadMs || !b.loadMs) return '';
  const k = b.loadMs / a.loadMs;
  const exp = Math.log(k) / Math.log(b.graph.nodes / a.graph.nodes);
  return `; load grew ${round(k, 1)}× from ${a.graph.nodes} to ${b.graph.nodes} nodes (${round(a.loadMs / 1000, 2)} s → ${round(b.loadMs / 1000, 1)} s, about n^${round(exp, 2)}), which puts 1M at about ${Math.round((b.loadMs / 1000) * k)} s`;
}

/** The server restarted on the 1M data, with what it measured. */
function restarted(f: Figures): { got?: NonNullable<EmbeddedSizeOutcome['restart']>; missing?: string } {
  const e = f.embedded?.['1M'];
  if (!e) return { missing: f.notes['embedded 1M'] ? `embedded 1M failed: ${f.notes['embedded 1M']}` : 'embedded 1M not run' };
  if (!e.restart) return { missing: `embedded 1M (${e.size} nodes): no data to restart on: ${e.error ?? 'the load did not complete'}` };
  if (e.restart.error || !Number.isFinite(e.restart.readyMs)) return { missing: `the server did not start on the 1M data: ${e.restart.error ?? 'no figure'}` };
  return { got: e.restart };
}

/** A query's median at a size, GraphQL in process. */
function queryP50(f: Figures, label: string, key: 'node' | 'neighborhood' | 'search' | 'relatedReforms'): Got {
  const { got, missing } = embedded(f, label);
  if (!got) return { value: null, reason: missing };
  const s = got.result!.queries![key];
  if (!s.n) return { value: null, reason: queryError(got, key) ?? 'no timed runs' };
  return { value: s.p50, note: [`GraphQL in process (yoga.fetch), p99 ${s.p99} ms over ${s.n} runs`, sizeNote(f, label)].filter(Boolean).join('; ') };
}

function queryError(e: EmbeddedSizeOutcome, key: string): string | undefined {
  const err = e.result?.errors?.[key];
  return err ? `the ${key} query failed at ${e.size} nodes: ${err}` : undefined;
}

/** The hand-written statement of each query (tests/bench/queries.ts). */
const HAND_WRITTEN = { node: 'NODE_CYPHER', neighborhood: 'NEIGHBORHOOD_CYPHER', search: 'SEARCH_CYPHER', relatedReforms: 'RELATED_CYPHER' } as const;

/** What our store does that the single statement does not (read from server/store/neo4j and cypher/, 2026-12-04, after the one-statement work). */
const WHY_SLOWER: Record<keyof typeof HAND_WRITTEN, string> = {
  node: 'ours is one statement too (the prefetch with the edges, reports and mention snippets, server/store/neo4j/prefetch.ts), sending the text from each quote\'s sentence start to its stop, the node and its reports in full, and GraphQL execution on top; the statement cuts only the quotes',
  neighborhood: 'ours is one statement too (cypher/neighborhood.cypher, the same breadth-first choice, with the type, topic and place filters), sending nodes light (their distinct report ids, no mention lists) when the selection asks no more; GraphQL execution on top',
  search: 'ours is one statement too (cypher/search_contains.cypher ranks, orders and limits; the type order and English words as parameters), sending the nodes light when the selection asks no mentions; GraphQL execution on top',
  relatedReforms: 'ours reads the graph version, ranks from its in-memory index, then reads the via nodes: two store calls and the scoring in JavaScript',
};

const TO_MEET: Record<keyof typeof HAND_WRITTEN, string> = {
  node: 'met since a repeated JSON query takes a lean path inside yoga (server/http/lane.ts: the compiled query run with the same context, budget and guard, answered by yoga\'s own result processor in one step; yoga\'s share of a call 0.27 → 0.11 ms of CPU); ours is one statement of lists under one driver chunk, as fast as NODE_CYPHER alone, and what is left is the driver decoding the rows and the collector',
  neighborhood: 'the breadth-first choice inside one statement (as NEIGHBORHOOD_CYPHER does), not one round trip per depth',
  search: 'ranking, ordering and LIMIT in the statement (as SEARCH_CYPHER does), so only the page crosses the wire',
  relatedReforms: 'already far under: the statement must walk every reform\'s context on each call, ours keeps the index between calls',
};

function neo4j(f: Figures, nested = true): { r?: Neo4jResult & { nested: NonNullable<Neo4jResult['nested']> }; load?: Neo4jResult; missing?: string } {
  const n = f.neo4j;
  if (!n) return { missing: 'Neo4j section not run' };
  if (n.skipped) return { missing: n.skipped.startsWith('skipped') ? n.skipped : `Neo4j not available: ${n.skipped}` };
  if (!n.result) return { missing: `Neo4j run failed: ${n.error ?? 'no result'}` };
  if (!n.result.nested) return nested ? { missing: `Neo4j run did not get to the nested query: ${n.error ?? 'no result'}` } : { load: n.result };
  return { r: n.result as Neo4jResult & { nested: NonNullable<Neo4jResult['nested']> }, load: n.result };
}

function slowest(byText: Record<string, { p50: number }>, k = 3): string {
  return Object.entries(byText).sort((a, b) => b[1].p50 - a[1].p50).slice(0, k).map(([t, s]) => `"${t}" ${s.p50} ms`).join(', ');
}

export const TARGETS: TargetDef[] = [
  {
    name: 'pipeline, median ms per seed-sized report',
    unit: 'ms',
    target: '<= 5',
    // Seed-sized reports: the two seeds and the five fixtures written like them.
    get: (f) => (f.pipeline ? { value: f.pipeline.allMedianMs, note: `median over the ${f.pipeline.perReport.length} seed and fixture reports of each one's median; the two seeds alone: ${f.pipeline.seedMedianMs} ms; ${f.pipeline.reportsPerSecond} reports/s` } : { value: null, reason: f.notes.pipeline ?? 'pipeline section not run' }),
    why: (f) => f.pipeline && `per report: ${f.pipeline.perReport.map((r) => `${r.file.split('/').pop()} ${r.ms.p50} ms`).join(', ')}`,
    toMeet: 'met on 88a326a (4.06 ms): the pipeline runs in the extraction isolate (server/ingest/isolate.ts, a worker with its own heap and a 192 MB young generation), so a scavenge no longer copies beside the graph\'s (or the bench\'s) heap and comes every twenty reports or so; an extraction allocates 1.7 MB instead of 3.2 MB (byte-identical output). Left: jieba\'s native cut is 10-14 % of CPU in ~780 calls of ~10 characters a report (batching them was tried twice and lost: ~0.6 us a call against 0.08 us a character), and the rest is flat (mentions ~45 %, relate ~28 %, English names ~19 %)',
  },
  {
    name: 'start-up with the seeds',
    unit: 'ms',
    target: '<= 2000',
    get: (f) => (f.startup ? { value: f.startup.coldMedianMs, note: `fresh KG_DATA_DIR, spawn to "listening on"; warm start ${f.startup.warmMedianMs} ms` } : { value: null, reason: f.notes.startup ?? 'start-up section not run' }),
  },
  ...(['node with relations', 'neighborhood depth 2 (limit 300)', 'search'] as const).map((q, i): TargetDef => {
    const key = (['node', 'neighborhood', 'search'] as const)[i];
    return {
      name: `embedded, 100k nodes: ${q === 'search' ? '`search`' : q === 'node with relations' ? '`node` with relations' : '`neighborhood` depth 2 (limit 300)'}, p50`,
      unit: 'ms',
      target: key === 'node' ? '<= 2' : '<= 5',
      get: (f) => queryP50(f, '100k', key),
      toMeet: key === 'neighborhood'
        ? 'the same walk asking only ids and names is measured in the same run (see why): the difference is resolving each node\'s fields (`reportIds`, `nameEn`, the edges\' properties); what remains is the store\'s depth-2 walk and the serialisation'
        : undefined,
      why: (f) => {
        const r = f.embedded?.['100k']?.result;
        if (!r?.queries) return undefined;
        if (key === 'search') return `slowest texts: ${slowest(r.searchByText ?? {})}`;
        if (key === 'neighborhood') return `p99 ${r.queries[key].p99} ms; the same walk asking only ids and names: p50 ${r.extra?.neighborhoodBare.p50} ms`;
        return `p99 ${r.queries[key].p99} ms, max ${r.queries[key].max} ms`;
      },
    };
  }),
  {
    name: 'embedded: `search` p50 at 1M ÷ at 10k',
    unit: 'ratio',
    target: '<= 3',
    get: (f) => {
      const a = embedded(f, '1M');
      const b = embedded(f, '10k');
      if (!a.got || !b.got) return { value: null, reason: a.missing ?? b.missing };
      const big = a.got.result!.queries!.search.p50;
      const small = b.got.result!.queries!.search.p50;
      if (!Number.isFinite(big) || !Number.isFinite(small)) return { value: null, reason: queryError(a.got, 'search') ?? queryError(b.got, 'search') ?? 'no timed search runs' };
      return { value: round(big / small, 2), note: [`${big} ms ÷ ${small} ms`, sizeNote(f, '1M')].filter(Boolean).join('; ') };
    },
    toMeet: "met since the search index numbers nodes in ranking order when it is built, so a common word (执法, in a tenth of the 1M graph) reads about a page of matches best first and stops, instead of ranking all of them (store part at 1M: 0.08 ms, was 8–110 ms). What still grows with the graph: the median text finds 16–20 nodes at 1M and 1–2 at 10k, so the 1M answer is longer, and the first search after a start builds the index (seconds at 1M, in the 'first calls' figures). A miss here means a busy machine (machine.loadAverageNow)",
    why: (f) => {
      const a = f.embedded?.['1M']?.result;
      const b = f.embedded?.['10k']?.result;
      return a?.searchByText && b?.searchByText ? `slowest at 1M: ${slowest(a.searchByText)}; at 10k: ${slowest(b.searchByText)}` : undefined;
    },
  },
  {
    name: 'embedded, 1M nodes: resident memory',
    unit: 'GB',
    target: '<= 4',
    toMeet: 'met since the in-memory graph keeps adjacency as arrays of edges (made once at the end of a rebuild or snapshot read) instead of Sets of edge ids, shares one empty value for aliases and properties, and stores ids as flat strings (1M: heap after load 2.78 → 2.30 GB; RSS after load 3.45–4.14 → 2.52–3.34 GB). The RSS over the heap varies run to run (0.2–1.1 GB: what the collector has not handed back yet). What is left is mostly edge ids (two-byte strings, about 100 bytes each) and one object per mention: interning ids to integers and packing mentions in typed arrays would take it further',
    get: (f) => {
      const { got, missing } = embedded(f, '1M', false);
      if (!got) {
        const e = f.embedded?.['1M'];
        return { value: null, reason: `${missing}${e?.peakRss ? ` (child peak RSS ${mb(e.peakRss)} MB when it stopped)` : ''}${memoryTrend(f)}` };
      }
      const r = got.result!;
      return { value: round(r.rssAfterLoad / GB, 2), note: [`RSS after load${r.gcExposed ? ' + gc' : ''} (heap ${mb(r.heapAfterLoad)} MB)${r.rssAfterQueries ? `; after the queries ${mb(r.rssAfterQueries)} MB` : ''}${got.restart?.rss ? `; the server restarted on that data: ${mb(got.restart.rss)} MB` : ''}`, sizeNote(f, '1M')].filter(Boolean).join('; ') };
    },
  },
  // National scale (issue 19): a restart on the 1M data, the slow queries there, memory, and
  // the Neo4j store against hand-written Cypher.
  {
    name: 'embedded, 1M nodes: server restart to ready',
    unit: 's',
    target: '<= 10',
    toMeet: 'the snapshot is binary (graph.snap, server/store/memory/snapshot.ts) and read in one pass, with no map of node places or edge ids made at load nor at a replayed removal (edges found through their source\'s out-list); search.idx (v3) is read whole by a worker thread beside the graph decode and used as views of its bytes, related.idx read into arrays by position. Most edges are kept as numbers in typed arrays (type, end places, which end\'s mention list they share) with adjacency as ranges by node place, and become objects when a query or write reads their node\'s edges (restart 20.6 → 13.8–14.8 s, the restarted server 2,006 → 1,514 MB); since then edges with properties are numbers too (one frozen object per distinct properties), nodes of a type share equal properties, a replayed write walks hub edges by their columns without making objects, and packages only ingest uses load at first use (restart 14.8 → 10.9–12.2 s in two full runs, the restarted server 1,514 → about 1,140 MB). Snapshot version 6 then wrote edges as blocks of columns (most edges three words, loaded without reading their ends\' objects), the mentions of a node find their report once per block, and the nodes are a NodeMap (loaded nodes by place, found through an open-addressing table: no Map of a million nodes, nor of their places, filled at load): restart 10.9 → 7.98–8.28 s in two full runs, the restarted server about 1,090 MB. What is left is making the million node objects with their strings and mention lists, and the collector moving them (about 2–3 s of scavenges). A miss here may also mean a busy machine (machine.loadAverageNow)',
    get: (f) => {
      const r = restarted(f);
      if (!r.got) return { value: null, reason: r.missing };
      return { value: round(r.got.readyMs / 1000, 2), note: [`spawn of dist/server/main.js on the data the 1M child left to "listening on"${r.got.rss ? `; RSS ${mb(r.got.rss)} MB` : ''}`, sizeNote(f, '1M')].filter(Boolean).join('; ') };
    },
  },
  ...(['search', 'relatedReforms'] as const).map((q): TargetDef => ({
    name: `embedded, 1M nodes: first \`${q}\` after that restart`,
    unit: 'ms',
    target: '<= 1000',
    toMeet: q === 'search'
      ? 'the search index is read from search.idx at start (made from the snapshot it names); a first search that builds it means the file was missing or made from another graph (the server prints a warning line saying which)'
      : 'the related-reform index is read from related.idx at start and the journal\'s writes are added to it as they are replayed; what a VIA list of thousands of shared nodes costs GraphQL to write out is the rest (see the p50 row)',
    get: (f) => {
      const r = restarted(f);
      if (!r.got) return { value: null, reason: r.missing };
      const ms = q === 'search' ? r.got.firstSearchMs : r.got.firstRelatedMs;
      return ms === undefined ? { value: null, reason: `the first ${q} after the restart failed or was not asked` } : { value: ms, note: ['over HTTP, right after "listening on"', sizeNote(f, '1M')].filter(Boolean).join('; ') };
    },
  })),
  ...(['relatedReforms', 'neighborhood'] as const).map((key): TargetDef => ({
    name: `embedded, 1M nodes: ${key === 'relatedReforms' ? '`relatedReforms`' : '`neighborhood` depth 2'}, p50`,
    unit: 'ms',
    target: key === 'relatedReforms' ? '<= 50' : '<= 10',
    toMeet: key === 'relatedReforms'
      ? 'met since `via` holds what the contract names (platforms, units, indicators, problems, principles: half the nodes it held) and the ranking weighs each count once, orders rarest first by a counting sort and names only the reforms it keeps (store part at 1M: 43 → 12 ms); the rest is completing and writing out `via` (about 20,000 nodes over the 10 answers of a popular reform) and the client reading it. A miss here means a busy machine (machine.loadAverageNow)'
      : 'met since compiled answers reuse the JSON text of a hub\'s report-id list while it is unchanged (server/graphql/answerJson.ts: JSON.stringify\'s text to the byte) and repeated JSON queries take the lean path inside yoga (server/http/lane.ts); most of what is left is the answer itself: about half a million characters of JSON made into one flat two-byte string (about a third), the walk, the collector and the client\'s parse. A miss here means a busy machine (machine.loadAverageNow)',
    get: (f) => queryP50(f, '1M', key),
  })),
  {
    name: 'embedded, 1M nodes: resident memory after load, worst of the runs',
    unit: 'GB',
    target: '<= 2.5',
    toMeet: 'met since a replayed removal finds edges without the map of every edge id, edges share their ends\' mention objects and one-mention lists, search.idx is used as views of the file, and a restart keeps most edges as numbers (the restarted server 2,672 → about 1,514 MB); the worst run is now the store child after its rebuild (about 2.3 GB), whose edges are all objects: interned ids and packed mentions would take it further',
    get: (f) => {
      const { got, missing } = embedded(f, '1M', false);
      if (!got) return { value: null, reason: missing };
      const r = got.result!;
      const worst = Math.max(r.rssAfterLoad, got.restart?.rss ?? 0);
      return { value: round(worst / GB, 2), note: [`the larger of the store child's RSS after load (${mb(r.rssAfterLoad)} MB) and the restarted server's (${got.restart?.rss ? `${mb(got.restart.rss)} MB` : 'not measured'})`, sizeNote(f, '1M')].filter(Boolean).join('; ') };
    },
  },
  ...(['node', 'neighborhood', 'search', 'relatedReforms'] as const).map((q): TargetDef => ({
    name: `Neo4j, 100k nodes: \`${q}\` ours ÷ hand-written Cypher`,
    unit: 'ratio',
    target: '<= 1.3',
    get: (f) => {
      const { load, missing } = neo4j(f, false);
      if (!load) return { value: null, reason: missing };
      const h = load.handWritten?.[q];
      if (!h?.inputs.length) return { value: null, reason: h?.error ?? 'the run did not get to this comparison' };
      const same = `same answer for ${h.sameAnswers} of ${h.inputs.length} inputs${h.ourRoundTrips === undefined ? '' : `; ours makes ${h.ourRoundTrips} store calls, the statement one`}`;
      return { value: h.oursOverCypher, note: [`geometric mean of the ratios of medians over ${h.inputs.length} inputs, interleaved (queries.ts ${HAND_WRITTEN[q]}): ${h.inputs.map((x) => `${x.ours.p50}/${x.cypher.p50} ms`).join(', ')}`, same, h.error, f.smoke ? 'smoke run' : undefined].filter(Boolean).join('; ') };
    },
    why: (f) => {
      const h = f.neo4j?.result?.handWritten?.[q];
      if (!h || h.oursOverCypher <= 1.3) return undefined;
      return WHY_SLOWER[q];
    },
    toMeet: TO_MEET[q],
  })),
  {
    name: 'Neo4j, 100k nodes: `node` with relations, p50',
    unit: 'ms',
    target: '<= 5',
    get: (f) => {
      const { load, missing } = neo4j(f, false);
      if (!load) return { value: null, reason: missing };
      const s = load.queries.node;
      if (!s?.n) return { value: null, reason: load.errors?.node ?? 'no timed runs' };
      return { value: s.p50, note: `the details query (queries.ts NODE_QUERY) on the Neo4j store, GraphQL in process; p99 ${s.p99} ms over ${s.n} runs` };
    },
  },
  {
    name: 'HTTP, seed graph, 32 connections',
    unit: 'requests/s',
    target: '>= 3000',
    get: (f) => (f.http ? { value: f.http.medianRps, note: `median of ${f.http.runs.length} autocannon runs of ${f.http.durationS} s; p99 ${f.http.runs.map((r) => r.p99).join('/')} ms` } : { value: null, reason: f.notes.http ?? 'HTTP section not run' }),
  },
  {
    name: 'Neo4j, nested query: ours ÷ `@neo4j/graphql`',
    unit: 'ratio',
    target: '<= 0.8',
    get: (f) => {
      const { r, missing } = neo4j(f);
      if (!r) return { value: null, reason: missing };
      return { value: r.nested.oursOverTheirs, note: `geometric mean over ${r.nested.reforms.length} reforms of median ours ÷ median theirs: ${r.nested.reforms.map((x) => `${x.measures} measures ${x.ours.p50}/${x.neo4jGraphql.p50} ms`).join(', ')}${r.nested.reforms.every((x) => x.sameAnswer) ? '' : '; ANSWERS DIFFER'}` };
    },
    why: (f) => {
      const r = f.neo4j?.result?.nested;
      if (!r) return undefined;
      if (r.ourRoundTrips > 1) return `our query makes ${r.ourRoundTrips} store calls (each a session + transaction); @neo4j/graphql and the hand-written statement make one`;
      return `our query is one statement too (the prefetch of server/graphql/prefetch.ts), cheaper than the hand-written one (see the next row); ours executes the answer compiled by graphql-jit, theirs with graphql-js, over the same result shape, whose cost grows with the measures`;
    },
    toMeet: 'met since 2026-11-22: the prefetch statement sends its tree as lists, not maps (no keys to decode), in one auto-commit round trip, and its rows become the walk cache in one pass; a miss is a busy machine (compare the Cypher column). What is left is GraphQL\'s own: executing and serialising thousands of measures (graphql-jit\'s fast-json-stringify serialiser is slower than JSON.stringify here: 2.8 vs 1.5 ms for the big reform), and garbage collection of the decoded rows',
  },
  {
    name: 'Neo4j, nested query: ours ÷ raw Cypher via driver',
    unit: 'ratio',
    target: '<= 1.3',
    get: (f) => {
      const { r, missing } = neo4j(f);
      if (!r) return { value: null, reason: missing };
      return { value: r.nested.oursOverCypher, note: `geometric mean over ${r.nested.reforms.length} reforms: ${r.nested.reforms.map((x) => `${x.measures} measures ${x.ours.p50}/${x.cypher.p50} ms`).join(', ')}` };
    },
    why: (f) => {
      const r = f.neo4j?.result?.nested;
      if (!r) return undefined;
      if (r.ourRoundTrips > 1) return `our query makes ${r.ourRoundTrips} store calls; the hand-written statement one`;
      return 'one statement, cheaper than the hand-written one (nested lists instead of maps: no keys to send and decode; one auto-commit round trip instead of BEGIN, RUN, COMMIT); the rest is GraphQL: parsing, executing every field of every measure and serialising JSON, which the driver call does not do';
    },
    toMeet: 'met since 2026-11-22 (see the row above); the small reform is the closest to its Cypher time, where the fixed cost of a GraphQL request (yoga, planning, execution) weighs most',
  },
  {
    name: 'Neo4j, bulk load of the 100k graph',
    unit: 's',
    target: '<= 60',
    toMeet: 'rebuild merges in linear time, then writes with CREATE in batches of transactions between loading markers (cypher/README.md, "Bulk load"); most of what is left is Neo4j creating 350k relationships and updating the id constraints: fewer statements per row or more transactions in flight, if a 2-core machine has the CPU for them',
    get: (f) => {
      const { load: r, missing } = neo4j(f, false);
      if (!r) return { value: null, reason: missing };
      if (!r.load.ok) {
        const l = r.load;
        const then = l.method === 'batched'
          ? `; the same merge and statements with each batch of 2,000 rows its own transaction load it in ${round((l.batchedMs ?? 0) / 1000, 1)} s (nodes ${round((l.nodesMs ?? 0) / 1000, 1)} s, edges ${round((l.edgesMs ?? 0) / 1000, 1)} s) (the other Neo4j figures are on that graph)`
          : l.reportsWritten !== undefined ? `; batched: ${l.batchedError}; writeReport then wrote ${l.reportsWritten} of ${l.reportsTotal} reports in ${round(l.ms / 1000, 1)} s (the other Neo4j figures are on that partial graph)` : '';
        return { value: null, reason: `${l.error}${then}` };
      }
      return { value: round(r.load.ms / 1000, 2), note: [`Neo4jStore.rebuild of ${r.graph.nodes} nodes, ${r.graph.edges} edges`, f.smoke ? `smoke run: ${r.size} nodes stand in for 100k` : undefined].filter(Boolean).join('; ') };
    },
  },
  {
    name: 'explorer, 2,000 nodes laid out and drawn',
    unit: 'ms',
    target: '<= 3000',
    toMeet: "met since big views are drawn lean (style.ts: data.lean, a few fixed-value rules per element, haystack edges, no labels until zoomed in) and the force draft takes 80 steps at 2,000 nodes; what is left is Cytoscape's own: adding ~8,500 elements and computing their style once (the add figure, the biggest part), the first draw (every element's bounding box, the edges) and the layout (about a quarter of a second). A run that misses it was on a busy machine (machine.loadAverageNow in the JSON); below that, only fewer elements (e.g. edges bundled per pair of types) would help",
    get: (f) => {
      if (!f.explorer) return { value: null, reason: f.notes.explorer ?? 'explorer section not run' };
      const sizes = Object.keys(f.explorer.bySize);
      const big = f.explorer.bySize[sizes[sizes.length - 1]];
      const small = f.explorer.bySize[sizes[0]];
      const last = big.runs[big.runs.length - 1];
      if (big.medianMs === null) return { value: null, reason: `${sizes[sizes.length - 1]} nodes (${last?.nodes} in view, ${last?.edges} edges) not laid out within ${f.explorer.capMs} ms: the page's layout did not stop (${big.note ?? ''})` };
      return { value: big.medianMs, note: [`${last?.nodes} nodes, ${last?.edges} edges (fetch ${last?.fetchMs}, add ${last?.addMs}, layout ${last?.layoutMs} ms)${big.note ? ` (${big.note})` : ''}; ${sizes[0]} nodes: ${small.medianMs} ms; Chromium ${f.explorer.chromium}`, f.smoke ? `smoke run: ${sizes[sizes.length - 1]} nodes stand in for 2,000` : undefined].filter(Boolean).join('; ') };
    },
  },
  {
    // Not a row of the speed issue's table: the explorer issue's budget, measured here rather
    // than asserted in a browser test.
    name: 'explorer: first graph on screen after navigation, seed graph (explorer issue)',
    unit: 'ms',
    target: '<= 1500',
    toMeet: 'boot.js asks for the overview at navigation, answered while the 594 kB bundle loads and runs (fCoSE and Chart.js are chunks loaded after the first graph); the rest is CPU in the page: running the bundle, the Cytoscape style pass and its first draw of about 90 nodes (labels wrapped character by character). A miss here means a busy machine (machine.loadAverageNow)',
    get: (f) => {
      const g = f.explorer?.firstGraph;
      if (!g) return { value: null, reason: f.notes.explorer ?? 'explorer section not run' };
      if ('error' in g) return { value: null, reason: g.error };
      return { value: g.medianMs, note: `median of ${g.runs.length} page loads in fresh browser contexts (${g.runs.map((r) => r.ms).join(', ')} ms); overview query ${g.runs.map((r) => r.overviewFetchMs ?? '?').join(', ')} ms` };
    },
  },
  {
    // The format issue: a folder of 1,000 reports through `npm run ingest`, one progress bar.
    name: 'bulk ingest of 1,000 reports, embedded, reports/s',
    unit: 'reports/s',
    target: '>= 100',
    get: (f) => {
      const b = f.bulk;
      if (!b?.embedded) return { value: null, reason: f.notes.bulk ?? 'bulk section not run' };
      const n = b.neo4j ? `Neo4j: ${b.neo4j.reports} of them in ${b.neo4j.seconds} s, ${b.neo4j.perSecond} reports/s (${b.neo4j.failed} failed)` : `Neo4j: ${b.neo4jSkipped ?? 'not measured'}`;
      return { value: b.embedded.perSecond, note: `${b.reports} files (${b.corpus}, repeated with small edits) in ${b.embedded.seconds} s by the CLI process, start-up included, ${b.embedded.failed} failed; ${n}` };
    },
    toMeet: 'about 10 ms of each report is extraction and about 6 ms the journal fsync of its write (CPU profile of the CLI on 1,000 development-corpus reports); extraction now runs in the extraction isolate while the store writes (171 reports/s on 88a326a, 184 before: the extraction is copied between threads), so one fsync for a batch of reports (a group commit in the embedded store) is the large share left',
  },
];

function check(target: string, v: number): boolean {
  const m = /^(<=|>=)\s*([\d.]+)$/.exec(target)!;
  return m[1] === '<=' ? v <= Number(m[2]) : v >= Number(m[2]);
}

export function evaluateTargets(f: Figures): TargetRow[] {
  return TARGETS.map((t) => {
    let got: Got;
    try {
      got = t.get(f);
    } catch (e) {
      got = { value: null, reason: `could not evaluate: ${(e as Error).message}` };
    }
    const value = got.value !== null && Number.isFinite(got.value) ? got.value : null;
    const met = value !== null && check(t.target, value);
    const row: TargetRow = { name: t.name, value, unit: t.unit, target: t.target, met };
    if (!met) {
      row.reason = got.reason ?? (value === null ? 'not measured' : t.why?.(f, value) ?? `measured ${value} ${t.unit}`);
      if (t.toMeet) row.toMeet = t.toMeet;
    }
    if (got.note) row.note = got.note;
    return row;
  });
}

function pad(s: string, n: number): string {
  // East Asian characters take two columns in a terminal.
  const w = [...s].reduce((a, c) => a + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - w));
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r, k) => {
    const line = r.map((c, i) => pad(c, widths[i])).join(' | ');
    return k === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('-+-')}` : line;
  }).join('\n');
}

/** The readable summary: targets, then the other figures worth a glance. */
export function printTable(targets: TargetRow[], f: Figures, runs: Run[]): void {
  const rows = [['target', 'value', 'unit', 'target', 'met'], ...targets.map((t) => [t.name, t.value === null ? '—' : String(t.value), t.unit, t.target, t.met ? 'yes' : 'NO'])];
  process.stdout.write(`\n${table(rows)}\n\n`);
  for (const t of targets) if (!t.met) process.stdout.write(`- ${t.name}: ${t.reason}${t.toMeet ? ` → ${t.toMeet}` : ''}\n`);
  const other: string[][] = [['figure', 'value']];
  for (const [label, e] of Object.entries(f.embedded ?? {})) {
    if (!e.result) {
      other.push([`embedded ${label} (${e.size} nodes)`, `FAILED after ${round(e.childMs / 1000, 1)} s: ${(e.error ?? '').slice(0, 160)}`]);
      continue;
    }
    const r = e.result;
    other.push([`embedded ${label}: graph`, `${r.graph.nodes} nodes, ${r.graph.edges} edges, ${r.graph.reports} reports`]);
    other.push([`embedded ${label}: load (rebuild)`, `${round(r.loadMs / 1000, 2)} s (+ ${round(r.genMs / 1000, 2)} s generating), RSS ${mb(r.rssAfterLoad)} MB`]);
    const q = r.queries;
    if (!q || !r.firstCall) other.push([`embedded ${label}: queries`, `did not complete: ${(e.error ?? '').slice(0, 160)}`]);
    else {
      if (r.errors) other.push([`embedded ${label}: failed queries`, Object.entries(r.errors).map(([k, v]) => `${k}: ${v.slice(0, 100)}`).join('; ')]);
      other.push([`embedded ${label}: p50 / p99 ms`, (['node', 'neighborhood', 'search', 'relatedReforms'] as const).map((k) => `${k} ${q[k].p50}/${q[k].p99}`).join(', ') + (r.extra ? `, neighborhood ids and names only ${r.extra.neighborhoodBare.p50}/${r.extra.neighborhoodBare.p99}` : '')]);
      other.push([`embedded ${label}: first calls ms`, Object.entries(r.firstCall).map(([k, v]) => `${k} ${v}`).join(', ')]);
    }
    if (r.ingestOne) other.push([`embedded ${label}: one more report`, r.ingestOne.error ? `failed: ${r.ingestOne.error}` : `writeReport ${r.ingestOne.ms} ms; next search ${r.ingestOne.searchAfterMs} ms, next relatedReforms ${r.ingestOne.relatedAfterMs} ms`]);
    if (e.restart) other.push([`embedded ${label}: server restart`, e.restart.error ? `failed: ${e.restart.error.slice(0, 160)}` : `${round(e.restart.readyMs)} ms to "listening on", RSS ${e.restart.rss ? mb(e.restart.rss) : '?'} MB`]);
  }
  const n = f.neo4j?.result;
  if (n) {
    other.push(['neo4j: load', `${n.load.method} ${round(n.load.ms / 1000, 2)} s${n.load.ok ? '' : ' (FAILED rebuild)'}; ${n.graph.nodes} nodes, ${n.graph.edges} edges`]);
    other.push(['neo4j: p50 / p99 ms', Object.entries(n.queries).map(([k, s]) => `${k} ${s!.p50}/${s!.p99}`).join(', ')]);
    if (n.errors) other.push(['neo4j: failed queries', Object.entries(n.errors).map(([k, v]) => `${k}: ${v.slice(0, 100)}`).join('; ')]);
    for (const x of n.nested?.reforms ?? []) other.push([`neo4j nested (${x.measures} measures) p50 ms`, `ours ${x.ours.p50}, @neo4j/graphql ${x.neo4jGraphql.p50}, Cypher ${x.cypher.p50}${x.sameAnswer ? '' : ' (answers differ!)'}`]);
  }
  if (f.pipeline) other.push(['pipeline: all reports', `median ${f.pipeline.allMedianMs} ms, ${f.pipeline.reportsPerSecond} reports/s, first call ${f.pipeline.firstCallMs} ms`]);
  if (f.startup) other.push(['start-up: cold / warm median', `${f.startup.coldMedianMs} / ${f.startup.warmMedianMs} ms`]);
  for (const [size, s] of Object.entries(f.explorer?.bySize ?? {})) other.push([`explorer ${size} nodes`, `median ${s.medianMs ?? '—'} ms (${s.runs.map((r) => r.ms ?? `stopped at ${f.explorer!.capMs}`).join(', ')})${s.runs[0] ? `; layout ${s.runs.map((r) => r.layoutMs ?? '?').join(', ')} ms` : ''}`]);
  if (other.length > 1) process.stdout.write(`\n${table(other)}\n`);
  process.stdout.write(`\n${runs.length} raw runs in the JSON.\n`);
}
