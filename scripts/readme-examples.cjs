// The README's "Example queries", read from the README itself so that GraphiQL offers exactly
// what the README shows (the build writes them beside GraphiQL; the browser test reads them too).
// Plain CommonJS: scripts/build.mjs imports it and jest requires it as is.

/**
 * Each ```graphql block of the "## Example queries" section, with the bold question above it as
 * its title: [{ title, query }].
 */
function readmeExamples(markdown) {
  const start = markdown.search(/^## Example queries\s*$/m);
  if (start < 0) return [];
  const rest = markdown.slice(start).replace(/^## Example queries\s*$/m, '');
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const examples = [];
  let title = '';
  for (const m of section.matchAll(/\*\*([\s\S]*?)\*\*|```graphql\n([\s\S]*?)```/g)) {
    if (m[1] !== undefined) title = m[1].replace(/\s+/g, ' ').trim();
    else {
      examples.push({ title, query: m[2] });
      title = '';
    }
  }
  return examples;
}

module.exports = { readmeExamples };
