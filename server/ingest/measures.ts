import { firstTokens } from './mentions/segment';

/**
 * The genre's stock clauses: who led, what guided, which instructions were followed, and the
 * report's own preamble. They open most paragraphs of every report and are no action a bureau
 * took, so they never name a measure (nor does a sentence made only of them).
 */
const BOILERPLATE: RegExp[] = [
  /^(?:始终|一直)?(?:坚持)?以.+为(?:指导|指引|引领|统领|主线|根本遵循|抓手|牵引|载体|重点|目标)$/,
  /^在.+(?:坚强|正确)?领导下$/,
  /^(?:认真|全面|深入|坚决|切实)*(?:贯彻落实|贯彻|落实|执行).*(?:部署|要求|精神|决策部署|安排|指示)$/,
  /^(?:按照|根据|依据|围绕|紧紧围绕|紧密围绕|聚焦).*(?:部署|要求|精神|目标|安排|规定|通知|意见)(?:要求)?$/,
  /现将.*(?:报告|汇报|总结)如下/,
  /^(?:深入|认真|全面|持续)*学习(?:宣传)?贯彻.*(?:思想|精神|论述|讲话|指示)$/,
  /^(?:深刻)?领悟.*意义$/,
  /^(?:增强|坚定|做到)“/,
  /^不断提高政治/,
  // A result stated, not an action taken: 法治政府建设取得新成效.
  /取得(?:了)?(?:新|明显|积极|显著|良好)?(?:的)?(?:成效|进展|成果|成绩)$/,
];

// Who acts, and how eagerly, is not part of what was done: 各级公安机关负责人认真履行… → 履行….
const SUBJECT_TAG = /^(n[a-z]*|r|j|t|m|q|d|ad|b|f|s)$/;
const LEAD = /^(?:其中|同时|此外|另外|年内|全年|今年以来|近半年来|\d{4}年(?:度)?(?:以来)?|[一二三四五六七八九十]+是|又|并|还|也)+/;
const MAX = 30;

// Verbs that open the stock clauses, besides the lexicon's action verbs.
const STOCK_VERBS = ['贯彻', '落实', '执行', '围绕', '按照', '根据', '坚持', '学习', '领悟', '增强', '坚定', '做到'];

// Verb lists live as long as the lexicon: each becomes one expression, read once over a text
// (a sentence was searched once per verb).
const anyOf = new WeakMap<readonly string[], { inside: RegExp; opening: RegExp }>();
function verbExpressions(verbs: readonly string[]) {
  let re = anyOf.get(verbs);
  if (!re) {
    const alt = [...verbs, ...STOCK_VERBS].filter(Boolean).sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const own = [...verbs].filter(Boolean).sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = { inside: new RegExp(own || '(?!)'), opening: new RegExp(alt || '(?!)', 'y') };
    anyOf.set(verbs, re);
  }
  return re;
}

/** Whether the text holds one of the action verbs. */
export function hasVerb(text: string, verbs: readonly string[]): boolean {
  return verbExpressions(verbs).inside.test(text);
}

// Each stock clause as it may end a longer clause: some tail of a clause is stock only if the
// clause matches one of these (the pattern without its opening anchor). Most clauses match none,
// and need not be cut into words to find their verb.
const BOILERPLATE_TAIL: RegExp[] = BOILERPLATE.map((re) => new RegExp(re.source.replace(/^\^/, ''), re.flags));

export function isBoilerplate(clause: string, verbs: string[] = []): boolean {
  const c = clause.replace(/^\d{4}年(?:度)?(?:以来)?/, '');
  if (BOILERPLATE.some((re) => re.test(c))) return true;
  if (!BOILERPLATE_TAIL.some((re) => re.test(c))) return false;
  const v = withoutSubject(c, verbs);
  return v !== c && BOILERPLATE.some((re) => re.test(v));
}

/** The clause from its first verb on: the subject and adverbs before it are dropped. */
function withoutSubject(clause: string, verbs: string[]): string {
  const { opening } = verbExpressions(verbs);
  // A clause that opens with a verb has nothing before it to drop (the walk below stops at its
  // first word): it is not cut into words at all.
  opening.lastIndex = 0;
  if (opening.test(clause)) return clause;
  // Most clauses open with their verb or after a word or two: only those words are cut.
  const word = firstTokens(clause);
  const opensVerb = (k: number) => {
    opening.lastIndex = word(k)!.start;
    return opening.test(clause);
  };
  let k = 0;
  while (word(k + 1) && SUBJECT_TAG.test(word(k)!.tag) && !/^[“《]/.test(word(k)!.word) && !opensVerb(k)) k++;
  // A clause with no verb after its nouns keeps its words as they are.
  return k > 0 && (/^(v|vn|p|c|i|l)/.test(word(k)!.tag) || opensVerb(k)) ? clause.slice(word(k)!.start) : clause;
}

/**
 * A measure's name, as a reader would give it: the verb phrase of the first clause that acts
 * (组建法治人才库, 开展执法资格等级考试), without the subject, lead-in adverbs, framing and stock
 * clauses, cut at a word boundary to about 30 characters and never inside an open 《》.
 */
export function measureName(text: string, verbs: string[]): string | undefined {
  const ended = text.replace(/[。;!?]$/, '');
  // Most sentences hold no space: no copy made to take none out.
  const body = /\s/.test(ended) ? ended.replace(/\s+/g, '') : ended;
  const clauses = clausesOf(body);
  // Each clause judged once, the judgement kept only when a clause is asked about again.
  let seen: Map<string, boolean> | undefined;
  const stock = (cl: string) => {
    let v = seen?.get(cl);
    if (v === undefined) (seen ??= new Map()).set(cl, (v = isBoilerplate(cl, verbs)));
    return v;
  };
  // Framing (为…, 结合…, 作为…) opens a clause, or follows its subject (公安机关作为…的重要力量).
  const framing = (cl: string) => FRAMING.test(cl) || (/^.{2,10}?(?:作为|结合)/.test(cl) && FRAMING.test(withoutSubject(cl, verbs)));
  // Only the first acting clause names the measure: the clauses after it are not judged.
  const acting = clauses.find((cl) => hasVerb(cl, verbs) && !framing(cl) && !stock(cl));
  if (acting === undefined) return clauses.every(stock) ? undefined : shorten(clauses.find((cl) => !stock(cl)) ?? body, verbs);
  return shorten(withoutSubject(acting, verbs), verbs);
}

const FRAMING = /^(在.*(下|上|中)|.*以来|为进一步|为了|为|针对|随着|通过|结合|作为)/;

const [OPEN_QUOTE, CLOSE_QUOTE, OPEN_TITLE, CLOSE_TITLE, COMMA, COLON, SEMICOLON] = [...'“”《》,:;'].map((c) => c.charCodeAt(0));

/**
 * The clauses of a sentence, split at , : ; but never inside quotes (“综窗为主,专窗为辅”) or a title,
 * without their lead-in words; a clause of less than two characters then (a mirror's stray 年)
 * says nothing and is left out.
 */
function clausesOf(body: string): string[] {
  const out: string[] = [];
  const push = (cl: string) => {
    const c = cl.replace(LEAD, '');
    if (c.length >= 2) out.push(c);
  };
  let depth = 0;
  let from = 0;
  // Code units, not body[i]: a character past Latin-1 read that way is a new string each time.
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === OPEN_QUOTE || c === OPEN_TITLE) depth++;
    else if ((c === CLOSE_QUOTE || c === CLOSE_TITLE) && depth > 0) depth--;
    else if (depth === 0 && (c === COMMA || c === COLON || c === SEMICOLON)) {
      if (i > from) push(body.slice(from, i));
      from = i + 1;
    }
  }
  if (from < body.length) push(body.slice(from));
  return out;
}

function shorten(name: string, verbs: string[]): string {
  let out = name;
  if (out.length > MAX) {
    let cut = 0;
    const word = firstTokens(out);
    for (let k = 0, w = word(0); w; w = word(++k)) {
      if (w.end > MAX) break;
      cut = w.end;
    }
    out = out.slice(0, cut || MAX);
  }
  // A title cut off (by the limit or by the excerpt) is left out rather than left open.
  const open = out.lastIndexOf('《');
  if (open >= 0 && out.indexOf('》', open) < 0) {
    const whole = name.indexOf('》', open);
    // 制定了开平市公安机关《关于…的实施方案》: the verb and the title, without the issuer between them.
    const verb = whole >= 0 ? /^([\u4e00-\u9fff]{2,4}?)了?([^《]{0,10})《/.exec(name) : null;
    const title = whole >= 0 ? name.slice(open, whole + 1) : '';
    out = whole >= 0 && whole < MAX + 4 ? name.slice(0, whole + 1)
      : verb && hasVerb(verb[1], verbs) && !hasVerb(verb[2], verbs) && verb[1].length + title.length <= MAX + 6 ? verb[1] + title : out.slice(0, open);
    if (out.length < 3) out = name.replace(/《/g, '').slice(0, MAX);
  }
  return out || name.slice(0, MAX);
}
