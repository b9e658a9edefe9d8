import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { HTML_PAGE, JINHUA_2021 } from '../helpers/sampleReports';

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/server/cli/ingest.js');

describe('npm run ingest', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-cli-'));
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(path.join(dir, 'in/jinhua.txt'), JINHUA_2021);
    fs.writeFileSync(path.join(dir, 'in/quzhou.html'), HTML_PAGE);
    fs.writeFileSync(path.join(dir, 'in/gbk.txt'), Buffer.from('金华市公安局法治报告', 'utf16le'));
  });
  const run = (...args: string[]) => spawnSync('node', [CLI, ...args], { env: { ...process.env, KG_DATA_DIR: path.join(dir, 'data') }, encoding: 'utf8' });

  it('ingests a folder, prints a summary per report and totals, and exits 1 when a file failed', async () => {
    const r = run(path.join(dir, 'in'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/jinhua\.txt\s+金华市公安局\s+2021\s+added/);
    expect(r.stdout).toMatch(/quzhou\.html\s+衢州市公安局\s+2020\s+added/);
    // UTF-16 without a byte-order mark is none of the charsets reports are published in.
    expect(r.stdout).toMatch(/gbk\.txt: the text contains control characters: it looks like a binary file/);
    expect(r.stdout).toMatch(/3 files: 2 added, 0 unchanged, 1 failed/);
    expect(r.stderr).toMatch(/\[#+\] 3\/3/);
    const store = new MemoryStore(path.join(dir, 'data'));
    await store.init();
    expect((await store.reports()).map((n) => n.props.agency).sort()).toEqual(['衢州市公安局', '金华市公安局']);
    await store.close();
  });

  it('leaves a report already in the graph unchanged and exits 0', () => {
    const r = run(path.join(dir, 'in/jinhua.txt'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 file: 0 added, 1 unchanged, 0 failed/);
  });

  it('refuses to write a data folder a running server holds', async () => {
    const server = spawn('node', [path.join(ROOT, 'dist/server/main.js')], { env: { ...process.env, PORT: '0', KG_DATA_DIR: path.join(dir, 'data') } });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (b: Buffer) => b.toString().includes('listening on') && resolve());
        server.on('exit', () => reject(new Error('server exited')));
      });
      const r = run(path.join(dir, 'in/jinhua.txt'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`another process \\(pid ${server.pid}\\) is using`));
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('explains its usage and refuses unknown options', () => {
    expect(run('--help').stdout).toMatch(/Usage: npm run ingest -- \[options\] <file\|dir>/);
    expect(run('--frobnicate', dir).stderr).toMatch(/unknown option --frobnicate/);
    expect(run(path.join(dir, 'missing.txt')).stderr).toMatch(/no such file or folder/);
  });
});
