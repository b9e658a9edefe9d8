import type { MentionRef } from '../../model/types';

// A mention is its report and its span: two with the same three are one mention, wherever a
// list of them is merged (a report's builder, the embedded graph, Neo4j's writes and bulk load,
// curation merging nodes).

/** One string per mention (sets of mentions are keyed by it). */
export const mentionKey = (m: MentionRef): string => `${m.reportId}|${m.start}|${m.end}`;

export const sameMention = (a: MentionRef, b: MentionRef): boolean => a.reportId === b.reportId && a.start === b.start && a.end === b.end;

// The keys a long list already holds, so an item named a hundred times takes each new mention in
// constant time (short lists are scanned: cheaper than keys). Rebuilt when the list changed
// behind this function's back.
const known = new WeakMap<MentionRef[], Set<string>>();
const SCAN = 16;

/**
 * Appends the mentions of `add` that `list` lacks, in order, once each. `take` makes what is
 * stored from what was given (a copy, when the given one must not be shared).
 */
export function addMentions(list: MentionRef[], add: MentionRef | readonly MentionRef[], take: (m: MentionRef) => MentionRef = asGiven): void {
  // One mention is the common case (a report's builder adds thousands): no array made for it.
  if (!Array.isArray(add)) return addMention(list, add as MentionRef, take);
  for (const m of add as readonly MentionRef[]) addMention(list, m, take);
}

const asGiven = (m: MentionRef): MentionRef => m;

function addMention(list: MentionRef[], m: MentionRef, take: (m: MentionRef) => MentionRef): void {
  if (list.length < SCAN) {
    if (!list.some((x) => sameMention(x, m))) list.push(take(m));
    return;
  }
  let keys = known.get(list);
  if (!keys || keys.size !== list.length) known.set(list, (keys = new Set(list.map(mentionKey))));
  const k = mentionKey(m);
  if (keys.has(k)) return;
  keys.add(k);
  list.push(take(m));
}

export const copyMention = (m: MentionRef): MentionRef => ({ ...m });
