import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { ingestSeedsAndFixtures } from '../helpers/fixtureCorpus';

// Tidy tables with the seeds and the fixtures ingested: what R, Stata and pandas read without
// parsing names. Values below are read from the fixture texts (嘉兴 2021: 刑事案件快办率达31.5%,
// 同比上升8.2个百分点; 吴兴 2023: 刑事案件快办率达36.8%).
const ROOT = path.join(__dirname, '../..');
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
// Debian's python3-pandas belongs to /usr/bin/python3, which a python3 earlier on the PATH (pyenv)
// does not see.
const PYTHON = ['python3', '/usr/bin/python3'].find((py) => has(py, ['-c', 'import pandas']));
const PANDAS = PYTHON !== undefined;
const R = has('Rscript', ['--version']);
// CI installs both (.ci/run); elsewhere the test says what it could not run.
const requireReaders = process.env.KG_REQUIRE_NEO4J === '1';

describe('tidy tables', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let base: string;
  let close: () => void;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-tables-out-'));
  const get = async (q: string) => fetch(`${base}/export?${q}`);
  const json = async (q: string) => (await (await get(`${q}&format=json`)).json()) as { columns: Array<{ name: string; type: string }>; rows: Array<Record<string, any>> };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-tables-'));
    const store = new MemoryStore(dir);
    await store.init();
    await ingestSeedsAndFixtures(store);
    const { server } = createApp(store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => {
      server.close();
      void store.close();
    };
  });
  afterAll(() => close());

  it('gives one observation row per reported value, with its bureau, division and numbers as numbers', async () => {
    const t = await json('table=observations');
    expect(t.columns.map((c) => c.name)).toEqual(['bureau', 'division_code', 'province', 'level', 'report_year', 'indicator', 'indicator_family', 'kind', 'value', 'unit', 'amount', 'base_unit', 'qualifier', 'direction', 'change', 'measure', 'report_id', 'report_title', 'published_on', 'source', 'start', 'end', 'quote']);
    const jx = t.rows.find((r) => r.bureau === '嘉兴市公安局' && r.indicator === '刑事案件快办率' && r.value === 31.5)!;
    expect(jx).toMatchObject({ division_code: '330400', province: '浙江省', level: 'PREFECTURE', report_year: 2021, indicator_family: '快办率', unit: '%', amount: 31.5, direction: '同比上升', change: 8.2 });
    const texts = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ node(id: "${jx.report_id}") { ... on Report { text } } }` }) })).json();
    expect(jx.quote).toBe(texts.data.node.text.slice(jx.start, jx.end));
    expect(jx.quote).toContain('31.5%');
  });

  it('loads the observations CSV in pandas and R with the declared column types', async () => {
    const t = await json('table=observations');
    const csv = path.join(tmp, 'observations.csv');
    fs.writeFileSync(csv, await (await get('table=observations&format=csv')).text());
    const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
    const skipped: string[] = [];
    if (PANDAS) {
      const py = `
import json, sys, pandas as pd
types = json.loads(sys.argv[2])
dtype = {k: {'string': 'string', 'integer': 'Int64', 'number': 'float64'}[v] for k, v in types.items()}
df = pd.read_csv(sys.argv[1], dtype=dtype, keep_default_na=False, na_values=[''])
row = df[(df.bureau == '湖州市公安局吴兴分局') & (df.indicator == '刑事案件快办率')].iloc[0]
print(json.dumps({'rows': len(df), 'dtypes': {k: str(v) for k, v in df.dtypes.items()}, 'code': row.division_code, 'value': float(row.value), 'year': int(row.report_year)}))`;
      const out = JSON.parse(execFileSync(PYTHON!, ['-c', py, csv, JSON.stringify(types)], { encoding: 'utf8' }));
      expect(out.rows).toBe(t.rows.length);
      expect(out).toMatchObject({ code: '330502', value: 36.8, year: 2023 });
      expect(out.dtypes).toMatchObject({ division_code: 'string', value: 'float64', report_year: 'Int64', start: 'Int64', quote: 'string' });
    } else skipped.push('pandas (apt-get install python3-pandas)');
    if (R) {
      const classes = t.columns.map((c) => ({ string: 'character', integer: 'integer', number: 'numeric' })[c.type]).join(',');
      const r = `args <- commandArgs(TRUE); cc <- strsplit(args[2], ",")[[1]]
df <- read.csv(args[1], colClasses = cc, encoding = "UTF-8", na.strings = "")
row <- df[df$bureau == "湖州市公安局吴兴分局" & df$indicator == "刑事案件快办率", ][1, ]
cat(nrow(df), class(df$division_code), class(df$value), class(df$report_year), row$division_code, row$value, "\\n")`;
      const out = execFileSync('Rscript', ['-e', r, csv, classes], { encoding: 'utf8' }).trim().split(/\s+/);
      expect(out).toEqual([String(t.rows.length), 'character', 'numeric', 'integer', '330502', '36.8']);
    } else skipped.push('R (apt-get install r-base-core)');
    if (skipped.length && requireReaders) throw new Error(`CI must load the table in both readers; missing ${skipped.join(' and ')}`);
    if (!PANDAS && !R) throw new Error('neither pandas nor R is installed: at least one must read the table (apt-get install python3-pandas or r-base-core)');
  });

  it('gives the wide panel one row per bureau-year and one column per indicator family', async () => {
    const t = await json('table=observations&wide=1');
    const keys = t.rows.map((r) => `${r.bureau}|${r.report_year}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(7);
    expect(t.columns.slice(0, 5).map((c) => c.name)).toEqual(['bureau', 'division_code', 'province', 'level', 'report_year']);
    const wx = t.rows.find((r) => r.bureau === '湖州市公安局吴兴分局')!;
    expect(wx['快办率']).toBe(36.8);
    expect(t.rows.find((r) => r.bureau === '嘉兴市公安局')!['快办率']).toBe(31.5);
    const csv = path.join(tmp, 'panel.csv');
    fs.writeFileSync(csv, await (await get('table=observations&wide=1&format=csv')).text());
    if (PANDAS) {
      const n = execFileSync(PYTHON!, ['-c', 'import sys, pandas as pd; df = pd.read_csv(sys.argv[1], dtype={"division_code": str}); print(len(df), df.duplicated(["bureau", "report_year"]).sum())', csv], { encoding: 'utf8' }).trim();
      expect(n).toBe('7 0');
    }
  });

  it('gives adoptions, measures, mentions, nodes and edges tables, filtered by province and level', async () => {
    const a = await json('table=adoptions');
    const centre = a.rows.filter((r) => r.practice_id === 'unit:执法办案管理中心').map((r) => `${r.bureau} ${r.first_year}`);
    expect(centre).toEqual(['台州市公安局 2019', '宁波市公安局北仑分局 2020', '绍兴市公安局 2020', '嘉兴市公安局 2021', '景宁畲族自治县公安局 2022', '杭州市公安局 2022', '湖州市公安局吴兴分局 2023']);
    expect(a.rows.find((r) => r.practice_id === 'unit:执法办案管理中心')!.citation).toMatch(/^台州市公安局\. 台州市公安局2019年法治政府建设年度报告\[R\]\. 2020-03-16\. 引文：“執法辦案管理中心”/);
    const district = await json('table=adoptions&level=DISTRICT');
    expect(new Set(district.rows.map((r) => r.bureau))).toEqual(new Set(['宁波市公安局北仑分局', '湖州市公安局吴兴分局']));
    expect((await json('table=measures&province=广东')).rows).toEqual([]);
    const m = await json('table=measures');
    expect(m.rows.length).toBeGreaterThan(100);
    expect(m.rows.every((r) => r.status === 'done' || r.status === 'planned')).toBe(true);
    const mentions = await json('table=mentions');
    expect(mentions.rows.filter((r) => r.node_id === 'reform:柔性执法').map((r) => r.quote)).toContain('柔性执法');
    const nodes = await json('table=nodes');
    expect(nodes.rows.find((r) => r.id === 'agency:景宁畲族自治县公安局')).toMatchObject({ division_code: '331127', level: 'COUNTY' });
    const edges = await json('table=edges');
    expect(edges.rows.find((r) => r.id === 'LOCATED_IN:agency:景宁畲族自治县公安局->place:丽水市景宁畲族自治县')).toBeDefined();
  });

  it('writes CSV, TSV and the Excel variant, and refuses a bad request with the reason', async () => {
    const plain = await (await get('table=adoptions&format=csv')).text();
    expect(plain.startsWith('bureau,division_code,')).toBe(true);
    expect(plain).not.toContain('\r\n');
    const excel = await get('table=adoptions&format=csv&bom=1');
    expect(excel.headers.get('content-disposition')).toBe('attachment; filename="policing-reforms.adoptions.csv"');
    const body = Buffer.from(await excel.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('\r\n');
    const tsv = await get('table=nodes&format=tsv');
    expect(tsv.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    expect((await tsv.text()).split('\n')[0].split('\t')[0]).toBe('id');
    for (const [q, msg] of [['table=people', 'table must be one of'], ['table=nodes&format=xlsx', 'format of a table'], ['table=nodes&wide=1', 'wide applies'], ['table=adoptions&province=浙江市', 'not a province'], ['table=edges&level=COUNTY', 'filter the tables']]) {
      const r = await get(q);
      expect(r.status).toBe(400);
      expect((await r.json()).errors[0].message).toContain(msg);
    }
  });

  it('gives the same tables from the CLI', async () => {
    // Asked first: the synchronous build and CLI below hold the event loop past the keep-alive.
    const expected = await (await get('table=adoptions&level=DISTRICT&format=csv')).text();
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    const out = path.join(tmp, 'cli.csv');
    const r = spawnSync('node', [path.join(ROOT, 'dist/server/cli/export.js'), '--table', 'adoptions', '--level', 'district', '--out', out], { env: { ...process.env, KG_DATA_DIR: dir, KG_STORE: 'memory' }, encoding: 'utf8' });
    expect(r.stderr).toMatch(/wrote \d+ rows to/);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(expected);
    const bad = spawnSync('node', [path.join(ROOT, 'dist/server/cli/export.js'), '--table', 'people'], { env: { ...process.env, KG_DATA_DIR: dir }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('table must be one of');
  });
});
