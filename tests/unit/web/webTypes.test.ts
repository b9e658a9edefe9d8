// The explorer's GraphQL types follow the schema (scripts/web-types.mjs, run by npm run typecheck):
// a field the explorer asks for, renamed in the SDL, fails the check with the query's place; a
// field whose type changes makes the committed types out of date (tsc then fails where it is used).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs the check against a copy of server/schema changed by `edit` (file name → its text). */
function checkWith(edit: (file: string, text: string) => string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-sdl-'));
  try {
    let edited = 0;
    for (const f of fs.readdirSync(path.join(ROOT, 'server/schema'))) {
      const text = fs.readFileSync(path.join(ROOT, 'server/schema', f), 'utf8');
      const next = edit(f, text);
      if (next !== text) edited++;
      fs.writeFileSync(path.join(dir, f), next);
    }
    const r = spawnSync(process.execPath, ['scripts/web-types.mjs', '--check', '--schema', dir], { cwd: ROOT, encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr, edited };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('web-types --check', () => {
  it('passes with the schema as it is: the committed types are current', () => {
    const r = checkWith((_, t) => t);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes when the schema changes where the explorer does not look (a field and a description it never reads)', () => {
    const r = checkWith((f, t) => (f === 'core.graphql' ? t.replace(/^ {2}sharedWords: \[String!\]!$/m, '  wordsInCommon: [String!]!').replace('"Offsets into report.text', '"Offsets (UTF-16) into report.text') : t));
    expect(r.edited).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails, naming the query, when a field the explorer asks for is renamed in the SDL', () => {
    const r = checkWith((_, t) => t.replace(/^ {2}nameEn: String$/gm, '  englishName: String'));
    expect(r.edited).toBeGreaterThan(1);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/web\/src\/queries\/explorer\.graphql:\d+:\d+: Cannot query field "nameEn" on type "Node"/);
    expect(r.stderr).toMatch(/web\/src\/queries\/research\.graphql:\d+:\d+: Cannot query field "nameEn" on type "Topic"/);
  });

  it('fails when the type of a field the explorer reads changes', () => {
    const r = checkWith((f, t) => (f === 'core.graphql' ? t.replace(/^type TypeCount \{\n {2}type: NodeType!\n {2}count: Int!/m, 'type TypeCount {\n  type: NodeType!\n  count: String!') : t));
    expect(r.edited).toBe(1);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/web\/src\/generated\/graphql\.ts is out of date/);
  });
});
