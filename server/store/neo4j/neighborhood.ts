/**
 * The statement of a neighbourhood walk of `depth` levels: cypher/neighborhood.cypher with its
 * level block (between the level marks) written once per level. Only the file's own text is
 * repeated; every value is a parameter.
 */
export function neighborhoodStatement(template: string, depth: number): string {
  const start = template.indexOf(LEVEL);
  const end = template.indexOf(END);
  if (start < 0 || end < start) throw new Error('neighborhood: cypher/neighborhood.cypher lost its /*level*/ or /*end level*/ mark');
  const level = template.slice(start + LEVEL.length, end);
  return template.slice(0, start) + level.repeat(Math.max(0, depth)) + template.slice(end + END.length);
}

const LEVEL = '/*level*/';
const END = '/*end level*/';
