// Issue attack 9: curation's `who` was whatever the caller said. It is now the name of the write
// token used; and every write still refuses a missing or wrong token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, readConfig } from '../../server/config';
import { Curation } from '../../server/services/curation';
import { seededMemoryStore } from '../helpers/seedStore';
import { serve, Served } from './server';

const WRITES = [
  'mutation { ingestReport(input: { text: "x" }) { created } }',
  'mutation { deleteReport(id: "report:x") }',
  'mutation { mergeNodes(ids: ["reform:现代执法办案模式"], into: "reform:集约办案", why: "w") { applied } }',
  'mutation { renameNode(id: "platform:AI智能客服", name: "n", why: "w") { applied } }',
  'mutation { unmergeNode(id: "reform:现代执法办案模式") { applied } }',
  'mutation { assignTopic(id: "reform:繁简分流", topic: "topic:digital", why: "w") { applied } }',
  'mutation { unassignTopic(id: "platform:安心码", topic: "topic:digital", why: "w") { applied } }',
];

describe('curation records who held the token', () => {
  let app: Served;
  let file: string;
  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-sec-cur-')), 'decisions.json');
    const cfg = readConfig({ KG_WRITE_TOKENS: 'alice:alice-token-1, bob:bob-token-22', KG_WRITE_TOKEN: 'plain-token-333' });
    const { store } = await seededMemoryStore();
    app = await serve({ writeTokens: cfg.writeTokens, curation: new Curation(store, file) }, store);
  });
  afterAll(() => app.close());
  const as = (token: string, query: string) => app.post({ query }, { authorization: `Bearer ${token}` });

  it('ignores a `who` the caller gives and records the token\'s name', async () => {
    const r = await as('bob-token-22', 'mutation { renameNode(id: "platform:AI智能客服", name: "AI智能客服系统", why: "its official name", who: "alice") { node { history { op who } } decision { who } } }');
    expect(r.json().data.renameNode).toEqual({ node: { history: [{ op: 'RENAMED', who: 'bob' }] }, decision: { who: 'bob' } });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).decisions.map((d: { who: string }) => d.who)).toEqual(['bob']);
    const plain = await as('plain-token-333', 'mutation { assignTopic(id: "reform:繁简分流", topic: "topic:justice-cooperation", why: "w", who: "mallory") { decision { who } } }');
    expect(plain.json().data.assignTopic.decision.who).toBe('curator');
  });

  it('still refuses every write without a token or with a wrong one', async () => {
    for (const q of WRITES) {
      const none = await app.post({ query: q });
      expect(none.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const wrong = await as('alice-token-2', q);
      expect(wrong.json().errors[0]).toMatchObject({ message: 'wrong write token', extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a malformed KG_WRITE_TOKENS at start-up', () => {
    expect(() => readConfig({ KG_WRITE_TOKENS: 'alice' })).toThrow(ConfigError);
    expect(() => readConfig({ KG_WRITE_TOKENS: 'al ice:long-enough-token' })).toThrow(/KG_WRITE_TOKENS entries are name:token/);
    expect(readConfig({ KG_WRITE_TOKEN: 'only-one-token' }).writeTokens).toEqual([{ name: 'curator', token: 'only-one-token' }]);
  });
});
