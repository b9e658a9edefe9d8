import fs from 'node:fs';
import path from 'node:path';

/** Distinct reports: the fixture texts as other cities' bureaus would publish them (25 in all). */
export function cityReports(): string[] {
  const dir = path.join(__dirname, '../fixtures/reports');
  const base = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const cities = ['湖州', '舟山', '衢州', '丽水', '金华'];
  return cities.flatMap((c) => base.map((t) => t.replace(/(嘉兴|景宁畲族自治县|台州|吴兴|湖州)/g, c)));
}
