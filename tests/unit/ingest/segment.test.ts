import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normalise } from '../../../server/ingest/normalise';
import { firstTokens, forgetSentences, isWordBoundary, mayOpenWithPreposition, tokens, wordAt } from '../../../server/ingest/mentions/segment';
import { structure } from '../../../server/ingest/structure';

// tokens() cuts a text's runs once per report and looks the words' tags up, instead of asking
// jieba to tag every text: its words, tags and offsets must be exactly what jieba's own tagging
// of that text gives, for sentences, for clauses and names inside them, in any order.
const jieba = Jieba.withDict(dict);
const tagged = (text: string) => {
  let at = 0;
  return jieba.tag(text, false).map(({ word, tag }) => ({ word, tag, start: at, end: (at += word.length) }));
};

const seeds = path.join(__dirname, '../../../seeds/reports');
const sentencesOf = (file: string) => structure(normalise(fs.readFileSync(path.join(seeds, file), 'utf8')), 2022).sentences.map((s) => s.text);

describe('tokens', () => {
  it('gives jieba’s own tagging for every sentence of a report, its clauses and the names in it', () => {
    for (const file of ['hangzhou-psb-2022.txt', 'shaoxing-psb-2020.txt']) {
      forgetSentences();
      const sentences = sentencesOf(file);
      const texts: string[] = [];
      for (const s of sentences) {
        // Clauses (cut at punctuation, so made of the sentence's runs), then spans that cut a run
        // in two (as a name or a clause without its lead-in does), then the sentence itself.
        texts.push(...s.split(/[,;:]/).filter(Boolean));
        for (let i = 1; i + 6 <= s.length; i += 7) texts.push(s.slice(i, i + 6), s.slice(i, s.length - 1));
        texts.push(s);
      }
      expect(texts.length).toBeGreaterThan(500);
      for (const t of texts) expect(tokens(t)).toEqual(tagged(t));
    }
  });

  it('keeps punctuation, Latin letters, digits and white space as jieba cuts them', () => {
    forgetSentences();
    // From the seeds: an app name in Latin letters, a figure with a decimal point, a percentage.
    for (const t of ['推广“警务通APP”等应用,', '行政案件快办率达76.7%,同比提升12.5个百分点。', '110接处警 平台 (试运行)', '“1+3+5”工作机制、“四个五”']) {
      expect(tokens(t)).toEqual(tagged(t));
      expect(tokens(t).map((w) => w.word).join('')).toBe(t);
    }
  });
});

// Most questions about a sentence are about one place in it (a kind word's end, the word before a
// name): those cut only the part of the sentence around that place. Their answers must be what
// jieba's tagging of the whole sentence says, asked before anything else cut the sentence.
describe('words at a place', () => {
  it('gives the word boundaries, the word at each place and the first words as jieba’s whole-sentence tagging', () => {
    let checked = 0;
    for (const file of ['hangzhou-psb-2022.txt', 'shaoxing-psb-2020.txt']) {
      for (const s of sentencesOf(file)) {
        const whole = tagged(s);
        const starts = new Set(whole.map((w) => w.start));
        forgetSentences();
        for (let i = 0; i <= s.length; i++) expect(isWordBoundary(s, i)).toBe(i === 0 || i === s.length || starts.has(i));
        forgetSentences();
        for (let i = 0; i < s.length; i++, checked++) expect(wordAt(s, i)).toEqual(whole.find((w) => w.start <= i && w.end > i));
        forgetSentences();
        const first = firstTokens(s);
        for (let k = 0; k < Math.min(whole.length, 4); k++) expect(first(k)).toEqual(whole[k]);
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('mayOpenWithPreposition', () => {
  // counts.isClause skips cutting a name whose first character opens no preposition: that must
  // never hide a first word jieba tags p, in any clause of a report.
  it('is true for every text whose first word jieba tags p, and false for common counted things', () => {
    for (const file of ['hangzhou-psb-2022.txt', 'shaoxing-psb-2020.txt']) {
      for (const s of sentencesOf(file)) {
        for (const clause of s.split(/[,;:。]/).filter(Boolean)) {
          for (let i = 0; i < Math.min(clause.length, 12); i++) {
            const text = clause.slice(i);
            if (tagged(text)[0]?.tag === 'p') expect([text, mayOpenWithPreposition(text)]).toEqual([text, true]);
          }
        }
      }
    }
    for (const p of ['对全局民警开展培训', '由各党委成员作研讨发言', '按照要求开展检查', '在全市推广']) expect(mayOpenWithPreposition(p)).toBe(true);
    for (const t of ['开展场景化执法培训', '破获刑事案件', '查处各类治安案件', '']) expect(mayOpenWithPreposition(t)).toBe(false);
  });
});
