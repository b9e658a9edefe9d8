import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';

/**
 * GraphiQL at /graphql, served from this server alone. yoga's own page loads its script, styles,
 * workers and icon from unpkg and GitHub, so without internet it stays at "Loading…". Here the
 * page names files the build copied from @graphql-yoga/render-graphiql (whose bundle carries its
 * fonts as data: URLs) into dist/web/graphiql/, with the README's example queries as its tabs.
 */

export const GRAPHIQL_TITLE = 'Policing-reform knowledge graph · GraphiQL';

/** The page's headers: nothing may be loaded or sent anywhere but here (GraphiQL sets styles inline). */
export const GRAPHIQL_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * A browser asking for GraphiQL: yoga answers it with the page and runs nothing, so it needs no
 * read token (the page holds no data; its queries then send the token from its Headers tab).
 */
export function asksForGraphiQL(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !/text\/html/i.test(req.headers.accept ?? '')) return false;
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  return pathname === '/graphql' || pathname === '/graphql/';
}

interface Example {
  title: string;
  query: string;
}

/** The README's examples as the build wrote them (none when the build predates them). */
function readExamples(webRoot: string): Example[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(webRoot, 'graphiql', 'examples.json'), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((e): e is Example => typeof e?.query === 'string' && typeof e?.title === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A tab per example, its question as comment lines above the query as in the README; an
 * anonymous query is named ExampleN, which GraphiQL shows as the tab's title.
 */
export function exampleTabs(examples: Example[]): Array<{ query: string }> {
  return examples.map((e, i) => ({
    query: `${wrap(e.title, 96).map((l) => `# ${l}\n`).join('')}${e.query.trimStart().startsWith('{') ? `query Example${i + 1} ` : ''}${e.query}`,
  }));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The GraphiQL page (made once: it depends only on the build and on whether reading needs a token). */
export function graphiqlPage(webRoot: string, readToken: boolean): () => string {
  let page: string | undefined;
  return () => (page ??= render(readExamples(webRoot), readToken));
}

function render(examples: Example[], readToken: boolean): string {
  // Where reading needs KG_READ_TOKEN, each tab's Headers say where it goes.
  const headers = readToken ? JSON.stringify({ Authorization: 'Bearer <KG_READ_TOKEN>' }, null, 2) : undefined;
  const tabs = exampleTabs(examples).map((t) => ({ ...t, ...(headers ? { headers } : {}) }));
  const options = {
    title: GRAPHIQL_TITLE,
    endpoint: '/graphql',
    ...(headers ? { defaultHeaders: headers } : {}),
    ...(tabs.length ? { defaultTabs: tabs, defaultQuery: tabs[0].query } : {}),
  };
  // JSON inside <script> must never close it: every < is escaped.
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(GRAPHIQL_TITLE)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/graphiql/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. Without it, POST a query to /graphql: curl -H 'content-type: application/json' -d '{"query":"{ stats { nodes } }"}' …/graphql</noscript>
<div id="root">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-options">${json}</script>
<script src="/graphiql/graphiql.js"></script>
<script src="/graphiql/start.js"></script>
</body>
</html>
`;
}
