/**
 * A pure function of one string, remembered: a server reading report after report meets the same
 * agency, place and lexicon names again and again. Bounded by emptying when full (the strings
 * come from reports, so their number has no limit). Callers must not change what it returns.
 */
export function memoised<R>(fn: (key: string) => R, max = 5000): (key: string) => R {
  const seen = new Map<string, R>();
  return (key: string) => {
    let r = seen.get(key);
    if (r === undefined && !seen.has(key)) {
      r = fn(key);
      if (seen.size >= max) seen.clear();
      seen.set(key, r);
    }
    return r as R;
  };
}
