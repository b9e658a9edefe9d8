import fs from 'node:fs';
import path from 'node:path';

/** The project root (where package.json is), found from this file whether run from source or dist. */
function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'seeds'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const ROOT = findRoot();
export const SEEDS_DIR = path.join(ROOT, 'seeds');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
export const SCHEMA_DIR = path.join(ROOT, 'server', 'schema');
/** Curator decisions, reviewed in git (KG_CURATION_FILE names another). */
export const DEFAULT_CURATION_FILE = path.join(SEEDS_DIR, 'curation', 'decisions.json');
