/**
 * What is wrong with a GET /graphql's JSON parameters, if anything: yoga parses `variables` and
 * `extensions` from the query string without catching a syntax error, which became a 500.
 */
export function badGetParams(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of ['variables', 'extensions']) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    try {
      JSON.parse(raw);
    } catch {
      return `the ${name} parameter is not JSON`;
    }
  }
  return undefined;
}
