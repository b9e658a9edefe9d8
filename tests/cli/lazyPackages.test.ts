import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

// The server bundle requires every package it imports before main() runs. Those only reading a
// report needs (segmentation, pinyin, Word files, Traditional to Simplified) are required when
// first used instead (scripts/build.mjs LAZY_PACKAGES): a server that only answers queries
// never loads them, and a restart is that much sooner ready.
const ROOT = path.join(__dirname, '../..');
const LAZY = ['@node-rs/jieba', 'pinyin-pro', 'mammoth', 'opencc-js'];

describe('the server bundle', () => {
  beforeAll(() => {
    execFileSync('node', ['scripts/build.mjs', '--if-stale'], { cwd: ROOT });
  });

  it('does not load the packages only ingest uses when it starts', () => {
    // Loads the bundle (main() begins and waits on the store), then lists what was required.
    const probe = `require(${JSON.stringify(path.join(ROOT, 'dist/server/main.js'))});
const names = Object.keys(require.cache).map((k) => k.split('node_modules/').pop().split('/')).map((p) => (p[0].startsWith('@') ? p[0] + '/' + p[1] : p[0]));
console.log(JSON.stringify([...new Set(names)]));
process.exit(0);`;
    const r = spawnSync('node', ['-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KG_STORE: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:1', PORT: '0' } });
    expect(r.status).toBe(0);
    const loaded: string[] = JSON.parse(r.stdout.trim().split('\n').pop()!);
    // What serving needs is loaded as before ...
    expect(loaded).toEqual(expect.arrayContaining(['graphql', 'graphql-yoga', 'graphql-jit']));
    // ... and none of these.
    expect(loaded.filter((p) => LAZY.includes(p))).toEqual([]);
  });
});
