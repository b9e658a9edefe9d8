import * as OpenCC from 'opencc-js';
import { FirstCharIndex } from './charIndex';

/**
 * Stage 1. The stored text is never changed (provenance offsets point into it); analysis runs
 * on a matching `view`: NFKC (full/half width), one kind of quotes, Traditional → Simplified.
 * `startOf[i]`/`endOf[i]` give, for view code unit i, the span of the original it came from,
 * so any view range maps back to an exact slice of the stored text.
 */
export interface NormalisedText {
  original: string;
  view: string;
  startOf: Int32Array;
  endOf: Int32Array;
  /** View ranges of page furniture (navigation, 索引号, 浏览次数 …): skipped by analysis. */
  furniture: Array<[number, number]>;
}

let toSimplified: ((s: string) => string) | undefined;
function t2s(s: string): string {
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplified(s);
}

// When a Traditional→Simplified conversion can change a text: most reports are Simplified
// already and skip it. From the converter's own tables (its t2s config): the code units whose
// entry maps them to something else, and the phrases that change though none of their characters
// does alone (反覆 → 反复; 覆 alone stays). A text with neither converts to itself. If the tables
// are not where this looks, every text converts (tests/unit/ingest/normalise.test.ts checks the
// units against the converter, character by character).
interface Convertible {
  units: Uint8Array;
  phrases: FirstCharIndex<string>;
  /** 1 for the code units a phrase starts with: most characters start none. */
  opens: Uint8Array;
}
let convertible: Convertible | undefined;
export function convertibleUnits(): Convertible {
  if (convertible) return convertible;
  const units = new Uint8Array(65536);
  units.fill(1, 0xd800, 0xe000);
  const phrases = new FirstCharIndex<string>();
  const opens = new Uint8Array(65536);
  const config = (OpenCC.Locale.configs as Record<string, { conversionChain?: unknown; normalizationChain?: unknown } | undefined>).t2s;
  if (!config?.conversionChain) return (convertible = { units: units.fill(1), phrases, opens });
  const entries: Array<[string, string]> = [];
  const visit = (x: unknown): void => {
    if (typeof x === 'string') for (const line of x.split('|')) entries.push(line.split(' ') as [string, string]);
    // A [from, to] pair of a dictionary given as an array (a dictionary string holds spaces).
    else if (Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string' && !x[0].includes(' ')) entries.push([x[0], x[1]]);
    else if (Array.isArray(x)) x.forEach(visit);
  };
  visit([config.conversionChain, config.normalizationChain ?? []]);
  for (const [from, to] of entries) if (from.length === 1 && from !== to) units[from.charCodeAt(0)] = 1;
  for (const [from, to] of entries) {
    if (from.length > 1 && from !== to && ![...from].some((_, i) => units[from.charCodeAt(i)])) {
      phrases.add(from, from);
      opens[from.charCodeAt(0)] = 1;
    }
  }
  return (convertible = { units, phrases, opens });
}

function mayConvert(s: string): boolean {
  const { units, phrases, opens } = convertibleUnits();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (units[c]) return true;
    if (opens[c] && opensPhrase(s, i, phrases.at(c)!)) return true;
  }
  return false;
}

// A loop of its own, not a closure over the scan's `i`: that closure gave every character of the
// text a scope of its own (the largest allocation of normalising a report).
function opensPhrase(s: string, i: number, candidates: string[]): boolean {
  for (const p of candidates) if (s.startsWith(p, i)) return true;
  return false;
}

const QUOTES: Record<string, string> = {
  '「': '“', '」': '”', '『': '“', '』': '”', '〝': '“', '〞': '”', '‘': '“', '’': '”',
  '〈': '《', '〉': '》', '﹁': '“', '﹂': '”',
};

/** What one character (or surrogate pair) reads as in the view. */
function viewOf(ch: string): string {
  const s = QUOTES[ch] ?? ch.normalize('NFKC');
  return s === '\u3000' || s === '\u00a0' ? ' ' : s;
}
// The view of each code unit once met: punctuation (,。“”) is a tenth of a report, and each
// was normalised anew.
const VIEW_OF: Array<string | undefined> = new Array<string | undefined>(65536).fill(undefined);

export function normalise(original: string): NormalisedText {
  // Convert the whole text at once (phrase tables need context); fall back to one character at
  // a time only when a phrase conversion changed the length, so alignment stays exact.
  let simplified = mayConvert(original) ? t2s(original) : original;
  if (simplified.length !== original.length) {
    let out = '';
    for (const ch of original) {
      const c = t2s(ch);
      out += c.length === ch.length ? c : ch;
    }
    simplified = out;
  }

  // Most characters map to themselves: they are copied in runs, and only the others are
  // normalised one by one.
  const parts: string[] = [];
  // Typed from the start: a number array per character of the text cost more than the rest.
  let starts = new Int32Array(simplified.length + 16);
  let ends = new Int32Array(simplified.length + 16);
  let k = 0;
  const push = (a: number, b: number) => {
    if (k === starts.length) {
      const grown = (x: Int32Array) => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      starts = grown(starts);
      ends = grown(ends);
    }
    starts[k] = a;
    ends[k++] = b;
  };
  let run = 0;
  let i = 0;
  while (i < simplified.length) {
    const cp = simplified.charCodeAt(i);
    // ASCII (newlines too: a text of them went one by one) and the unified ideographs are
    // their own NFKC form.
    if (cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff)) {
      push(i, i + 1);
      i++;
      continue;
    }
    const next = simplified.charCodeAt(i + 1);
    const len = cp >= 0xd800 && cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const s = len === 1 ? (VIEW_OF[cp] ??= viewOf(simplified[i])) : viewOf(simplified.slice(i, i + len));
    // Many others are their own view too (。、“”《》): they stay in the run, which is cut only
    // where the view differs (a part and a slice for each was most of what this allocated).
    if (len === 1 && s.length === 1 && s.charCodeAt(0) === cp) {
      push(i, i + 1);
      i++;
      continue;
    }
    if (run < i) parts.push(simplified.slice(run, i));
    parts.push(s);
    for (let j = 0; j < s.length; j++) push(i, i + len);
    i += len;
    run = i;
  }
  if (run < simplified.length) parts.push(simplified.slice(run));
  let view = parts.join('');
  view = pairStraightQuotes(view);
  return {
    original,
    view,
    // Views of the arrays filled, not copies of them.
    startOf: starts.subarray(0, k),
    endOf: ends.subarray(0, k),
    furniture: findFurniture(view),
  };
}

/** Straight double quotes become curly ones, opening and closing alternately within a line. */
function pairStraightQuotes(view: string): string {
  if (!view.includes('"')) return view;
  return view
    .split('\n')
    .map((line) => {
      let open = true;
      return line.replace(/"/g, () => {
        const q = open ? '“' : '”';
        open = !open;
        return q;
      });
    })
    .join('\n');
}

const FURNITURE_LINE =
  /^\s*(>>|»|索引号|发布机构|主题分类|成文日期|发文字号|发布日期|浏览次数|字体|分享|信息来源|来源:|打印|关闭|当前位置|首页\s*>|【\s*(打印|关闭|字体)|扫一扫|相关链接|附件下载|网站标识码|版权所有|主办单位|承办单位|技术支持|联系我们|网站地图|ICP备|[浙京沪]ICP|公网安备)/;

function findFurniture(view: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let pos = 0;
  for (const line of view.split('\n')) {
    if (FURNITURE_LINE.test(line) || /浏览次数|字体\s*:\s*\[/.test(line)) out.push([pos, pos + line.length]);
    pos += line.length + 1;
  }
  return out;
}

/** Map a view range back to the original text's [start, end). */
export function toOriginal(n: NormalisedText, vStart: number, vEnd: number): [number, number] {
  if (vEnd <= vStart) return [n.startOf[vStart] ?? n.original.length, n.startOf[vStart] ?? n.original.length];
  return [n.startOf[vStart], n.endOf[vEnd - 1]];
}

export function isFurniture(n: NormalisedText, vPos: number): boolean {
  // Ranges are in order and apart (one per line): a binary search, since every line and many
  // mentions ask, and a page of furniture lines made a scan of all of them quadratic.
  const f = n.furniture;
  let lo = 0;
  let hi = f.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f[mid][1] <= vPos) lo = mid + 1;
    else hi = mid;
  }
  return lo < f.length && f[lo][0] <= vPos && vPos < f[lo][1];
}
