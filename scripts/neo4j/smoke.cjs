// Smoke test of the local Neo4j (scripts/neo4j/up.sh): auth, RETURN 1, and a full-text index
// with the cjk analyzer matching Chinese text. Usage: node scripts/neo4j/smoke.cjs
// Env: NEO4J_BOLT_PORT (default 7687), NEO4J_PASSWORD (default kg-local-dev).
const neo4j = require('neo4j-driver');
const port = process.env.NEO4J_BOLT_PORT || '7687';
const pw = process.env.NEO4J_PASSWORD || 'kg-local-dev';
(async () => {
  const t0 = Date.now();
  // wrong password must fail
  const bad = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', 'wrong-password'));
  try { await bad.executeQuery('RETURN 1'); console.log('UNEXPECTED: wrong password accepted'); process.exitCode = 1; }
  catch (e) { console.log('wrong password rejected:', e.code); }
  finally { await bad.close(); }
  const d = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', pw));
  try {
    const info = await d.getServerInfo();
    console.log('server:', info.agent, 'protocol', info.protocolVersion);
    const r1 = await d.executeQuery('RETURN 1 AS x');
    console.log('RETURN 1 ->', r1.records[0].get('x').toNumber());
    const comps = await d.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition');
    console.log('components:', JSON.stringify(comps.records.map(r => r.toObject())));
    const an = await d.executeQuery("CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer WHERE analyzer = 'cjk' RETURN analyzer");
    console.log('cjk analyzer available:', an.records.length === 1);
    await d.executeQuery("MATCH (n:KgCjkProbe) DETACH DELETE n");
    await d.executeQuery("DROP INDEX kg_cjk_probe IF EXISTS");
    await d.executeQuery("CREATE FULLTEXT INDEX kg_cjk_probe IF NOT EXISTS FOR (n:KgCjkProbe) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}}");
    await d.executeQuery("CALL db.awaitIndexes(60)");
    const cfg = await d.executeQuery("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'kg_cjk_probe' RETURN options.indexConfig.`fulltext.analyzer` AS analyzer");
    console.log('index analyzer:', cfg.records[0].get('analyzer'));
    await d.executeQuery("UNWIND ['执法办案管理中心', '交通管理局', '执法监督平台'] AS name CREATE (:KgCjkProbe {name: name})");
    const q = await d.executeQuery("CALL db.index.fulltext.queryNodes('kg_cjk_probe', $q) YIELD node, score RETURN node.name AS name, score ORDER BY score DESC", { q: '执法办案' });
    const names = q.records.map(r => r.get('name'));
    console.log("query '执法办案' ->", JSON.stringify(q.records.map(r => [r.get('name'), +r.get('score').toFixed(3)])));
    if (names[0] !== '执法办案管理中心') { console.log('UNEXPECTED top hit'); process.exitCode = 1; }
    await d.executeQuery("MATCH (n:KgCjkProbe) DETACH DELETE n");
    await d.executeQuery("DROP INDEX kg_cjk_probe");
    const left = await d.executeQuery("SHOW INDEXES YIELD name WHERE name = 'kg_cjk_probe' RETURN count(*) AS c");
    console.log('index dropped:', left.records[0].get('c').toNumber() === 0);
    console.log(`OK in ${Date.now() - t0} ms`);
  } catch (e) { console.error('FAILED', e); process.exitCode = 1; }
  finally { await d.close(); }
})();
