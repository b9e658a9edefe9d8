import { cleanName, Found } from './found';

/** One 《》 title of a sentence, with the titles nested in it (〈〉 is read as 《 by normalise). */
export interface Title {
  start: number;
  end: number;
  inner: string;
  depth: number;
}

/** Every closed 《…》 of the text, nested ones too; a title the excerpt cuts off (no 》) is none. */
export function titles(text: string): Title[] {
  const out: Title[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《') open.push(i);
    else if (text[i] === '》' && open.length) {
      const start = open.pop()!;
      out.push({ start, end: i + 1, inner: text.slice(start + 1, i), depth: open.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// Who issued a notice: 《中共深圳市龙华区委全面依法治区委员会办公室关于做好…的通知》.
const ISSUER = /^((?:中共)?[\u4e00-\u9fff]{2,30}?(?:办公室|办公厅|委员会|人民政府|政府|公安厅|公安局|分局|司法局|法院|检察院))关于/;

/**
 * The documents 《》 titles name. A nested title is written back with 〈〉 inside its outer one
 * (吉林省实施〈中华人民共和国反恐怖主义法〉办法) and is a document too; two titles joined by ——
 * in one 《》 are one document under both names; an issuing body before 关于 is an outside
 * organisation; 《意见》 standing for a title named before is no new name.
 */
export function titledDocuments(text: string, offset: number, sentence: number, generic: ReadonlySet<string>): Found[] {
  const out: Found[] = [];
  for (const t of titles(text)) {
    if (t.inner.length < 2 || t.inner.length > 80) continue;
    const written = t.inner.replace(/《/g, '〈').replace(/》/g, '〉');
    const [first, ...rest] = written.split(/——/).map(cleanName).filter(Boolean);
    if (!first || generic.has(first) || first.length <= 2) continue;
    out.push({
      type: 'POLICY_DOCUMENT', surface: text.slice(t.start, t.end), name: first, start: offset + t.start, end: offset + t.end, sentence,
      ...(rest.length ? { aliases: rest } : {}), ...(t.depth ? { inTitle: true } : {}),
    });
    const issuer = ISSUER.exec(t.inner);
    if (issuer && !/公安/.test(issuer[1])) {
      const s = offset + t.start + 1;
      out.push({ type: 'ORGANIZATION', surface: issuer[1], name: issuer[1], start: s, end: s + issuer[1].length, sentence, inTitle: true });
    }
  }
  return out;
}
