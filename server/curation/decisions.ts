import fs from 'node:fs';
import path from 'node:path';

/** One curator decision; the file of them is reviewed in git and re-applied after every ingest. */
export type Decision =
  | { id: string; op: 'merge'; ids: string[]; into: string; who: string; when: string; why: string }
  | { id: string; op: 'rename'; node: string; name: string; who: string; when: string; why: string }
  | { id: string; op: 'topic'; node: string; topic: string; assign: boolean; who: string; when: string; why: string };

export interface DecisionFile {
  $comment?: string;
  decisions: Decision[];
}

export function readDecisions(file: string): Decision[] {
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as DecisionFile;
  if (!Array.isArray(data.decisions)) throw new Error(`${file}: expected { "decisions": [...] }`);
  return data.decisions;
}

export function writeDecisions(file: string, decisions: Decision[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body: DecisionFile = {
    $comment: 'Curator decisions (merge, rename), applied to every report on ingest. Edit through the GraphQL curation mutations or by hand.',
    decisions,
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
