import fs from 'node:fs';
import path from 'node:path';
import { EDGE_TYPES, NODE_TYPES } from '../../server/model/types';
import { labelOf, sortKey } from '../../server/store/neo4j/mapping';
import { prefetchStatement } from '../../server/store/neo4j/prefetch';
import { CYPHER_DIR, Queries, QUERY_NAMES, splitStatements } from '../../server/store/neo4j/queries';
import { compareNames } from '../../server/store/rules/order';

// Static checks of the Neo4j store's Cypher (no database needed).
describe('the Neo4j store\'s Cypher files', () => {
  const schema = fs.readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8');

  it('has a uniqueness constraint on id for every node label and every relationship type', () => {
    for (const label of ['Node', ...NODE_TYPES.map(labelOf)]) expect(schema).toMatch(new RegExp(`FOR \\(n:${label}\\) REQUIRE n\\.id IS UNIQUE;`));
    for (const type of EDGE_TYPES) expect(schema).toMatch(new RegExp(`FOR \\(\\)-\\[r:${type}\\]-\\(\\) REQUIRE r\\.id IS UNIQUE;`));
    expect(schema).toMatch(/CREATE FULLTEXT INDEX node_names[^;]*`fulltext\.analyzer`: 'cjk'/);
    expect(schema).toMatch(/CREATE TEXT INDEX node_search_text/);
  });

  it('loads every statement by name, and splits the schema into single statements', () => {
    const q = new Queries();
    for (const name of QUERY_NAMES) expect(q.text(name).trim().length).toBeGreaterThan(10);
    const statements = q.statements('schema');
    expect(statements.length).toBe((schema.match(/;\s*(\n|$)/g) ?? []).length);
    for (const s of statements) expect(s).toMatch(/^CREATE (CONSTRAINT|INDEX|TEXT INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS/);
    expect(splitStatements('// c\nRETURN 1;\nRETURN 2;')).toEqual(['RETURN 1', 'RETURN 2']);
    // Every .cypher file is used (none left behind).
    const files = fs.readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher')).map((f) => f.replace(/\.cypher$/, ''));
    expect(files.sort()).toEqual([...QUERY_NAMES, 'schema', 'load_drop_indexes'].sort());
  });

  it('drops only lookup indexes of the schema during a bulk load, never a constraint', () => {
    const drops = new Queries().statements('load_drop_indexes');
    expect(drops.length).toBeGreaterThan(3);
    for (const d of drops) {
      const name = /^DROP INDEX (\w+) IF EXISTS$/.exec(d)?.[1];
      expect({ d, name }).toEqual({ d, name: expect.any(String) });
      expect(schema).toMatch(new RegExp(`CREATE (TEXT |FULLTEXT )?INDEX ${name} IF NOT EXISTS`));
    }
  });

  it('builds the prefetch statement from prefetch.cypher, with only schema labels and edge types spliced in', () => {
    const q = new Queries();
    const template = q.text('prefetch');
    const pieces = { reports: q.text('prefetch_reports'), reached: q.text('prefetch_reached'), edges: q.text('prefetch_edges'), snippets: q.text('prefetch_snippets') };
    const leaf = { walks: [], full: false };
    const plan = {
      full: true,
      walks: [
        { key: 'a', steps: [{ dir: 'in' as const, types: ['IMPLEMENTS' as const], to: ['MEASURE' as const] }], from: ['REFORM' as const],
          next: { full: true, walks: [{ key: 'b', steps: [{ dir: 'out' as const, types: ['USES' as const, 'INVOLVES' as const] }], from: [...NODE_TYPES], next: leaf }] } },
        { key: 'c', steps: [{ dir: 'out' as const, types: ['CARRIES_OUT' as const], to: ['MEASURE' as const] }, { dir: 'out' as const, types: ['IMPLEMENTS' as const], to: ['REFORM' as const, 'UNIT' as const] }], from: ['AGENCY' as const, 'PLATFORM' as const], next: leaf },
      ],
    };
    const text = prefetchStatement(plan, template, pieces);
    // The tree: a comprehension per step, CASE for walks that start from some types only; nodes
    // as lists, [id, ...walks], with the name (and the type where the walk keeps more than one)
    // after the id of nodes asked for no more than id, type and name.
    expect(text).toContain('collect([id, n.id, CASE WHEN n:Reform THEN [(n)<-[:IMPLEMENTS]-(n1:Measure) | [n1.id, [(n1)-[:USES|INVOLVES]->(n2:Node) | [n2.id, n2.name, n2.type]]]] END, '
      + 'CASE WHEN n:Agency OR n:Platform THEN [(n)-[:CARRIES_OUT]->(n3:Measure) | [(n3)-[:IMPLEMENTS]->(n4:Reform|Unit) | [n4.id, n4.name, n4.type]]] END]) AS roots');
    const one = prefetchStatement({ full: false, walks: [{ key: 'u', steps: [{ dir: 'out', types: ['INVOLVES'], to: ['UNIT'] }], from: ['REFORM'], next: leaf }] }, template);
    expect(one).toContain('[(n)-[:INVOLVES]->(n1:Unit) | [n1.id, n1.name]]');
    // No CASE where the step before keeps only types the walk starts from.
    const nested = prefetchStatement({ full: false, walks: [{ key: 'm', steps: [{ dir: 'in', types: ['IMPLEMENTS'], to: ['MEASURE'] }], from: ['REFORM'],
      next: { full: false, walks: [{ key: 'a', steps: [{ dir: 'in', types: ['CARRIES_OUT'], to: ['AGENCY'] }], from: ['MEASURE'], next: leaf }] } }] }, template);
    expect(nested).toContain('CASE WHEN n:Reform THEN [(n)<-[:IMPLEMENTS]-(n1:Measure) | [n1.id, n1.name, [(n1)<-[:CARRIES_OUT]-(n2:Agency) | [n2.id, n2.name]]]] END');
    // Nodes asked for in full: a branch per walk (UNION between branches), each node projected
    // once, as a list; the start nodes in full too where the plan asks more of them, else slim.
    expect(text).toContain('UNWIND starts AS n MATCH (n)<-[:IMPLEMENTS]-(n5:Measure) WHERE n:Reform RETURN n5 AS m\n}\nRETURN collect(m) AS reached');
    expect(text.match(/UNWIND starts AS n MATCH/g)).toHaveLength(1);
    expect(text).toContain('RETURN roots, [m IN starts + reached | [m.id, m.type, m.name, m.aliases, m.props_json, m.mReport, m.mStart, m.mEnd]] AS nodes');
    const slimRoots = prefetchStatement({ ...plan, full: false }, template, pieces);
    expect(slimRoots).toContain('RETURN roots, [m IN starts | [m.id, m.type, m.name]] + [m IN [] + reached | [m.id, m.type, m.name, m.aliases, m.props_json, m.mReport, m.mStart, m.mEnd]] AS nodes');
    expect(() => prefetchStatement(plan, template)).toThrow(/prefetch_reached.cypher is missing/);
    // Nothing else changes: the template with the marks removed.
    expect(prefetchStatement({ walks: [], full: true }, template)).toBe(template.replace(/ \/\*(walks|extras)\*\//g, '').replace(/\/\*[a-z]+\*\//g, '').replace(/\n(?=\n)/g, ''));
    const bad = { full: true, walks: [{ ...plan.walks[0], steps: [{ dir: 'out' as const, types: ['USES]->() DETACH DELETE (x' as never] }] }] };
    expect(() => prefetchStatement(bad, template)).toThrow(/unknown edge type/);
    expect(() => prefetchStatement({ full: true, walks: [{ ...plan.walks[0], from: ['Reform) OR true //' as never] }] }, template)).toThrow(/unknown node type/);
  });

  it('keeps Cypher out of the TypeScript and values out of the Cypher', () => {
    const dir = path.join(__dirname, '../../server');
    const ts: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') && ts.push(path.join(d, e.name))));
    walk(dir);
    for (const f of ts) expect({ f, cypher: /\b(MATCH|MERGE|UNWIND|DETACH DELETE)\s*\(|\bRETURN\s+\w+\s+AS\b/.test(fs.readFileSync(f, 'utf8')) }).toEqual({ f, cypher: false });
    for (const name of QUERY_NAMES) {
      const text = new Queries().text(name);
      // Only parameters and fixed literals: no template placeholders, no string building.
      expect({ name, spliced: /\$\{|\+\s*\$|'\s*\+/.test(text) }).toEqual({ name, spliced: false });
    }
  });

  it('orders sortKey by code point exactly as compareNames orders names in JavaScript', () => {
    const names = ['（试行）', '𠀀字', 'a', 'ab', 'a b', '执法', '执法办案', '\uFFFF', '\uD800\uDC00', 'Z'];
    const nodes = names.flatMap((name, i) => [{ name, id: `x:${i}` }, { name, id: `w:${i}` }]);
    const codePointOrder = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    const byKey = [...nodes].sort((a, b) => codePointOrder(sortKey(a), sortKey(b)));
    const expected = [...nodes].sort((a, b) => compareNames(a as never, b as never));
    expect(byKey).toEqual(expected);
    expect(labelOf('POLICY_DOCUMENT')).toBe('PolicyDocument');
  });
});
