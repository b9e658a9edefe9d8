import { sentenceAround, sentenceSpan } from '../../../server/graphql/resolvers';
import { extractReport } from '../../../server/services/extract';
import { readSeedReports } from '../../../server/services/seed';
import { snippetOf } from '../../../server/store/rules/sentences';

// snippetOf (what the Neo4j store keeps beside each node mention): the quote, the sentence and
// where it starts come out of the snippet as out of the whole text, for every mention of the
// seeds and of the Hangzhou seed with two characters outside the BMP added (a small edit:
// 👮 in its first sentence, 𠮷 in its first measure's), whose offsets count surrogate pairs.
describe('snippetOf', () => {
  const seeds = readSeedReports();
  const hangzhou = seeds.find((s) => s.file.startsWith('hangzhou'))!;
  const edited = hangzhou.text.replace('2022年,市公安局坚持', '2022年,市公安局👮坚持').replace('切实履行推进法治建设第一责任人职责', '切实履行推进𠮷法治建设第一责任人职责');
  const texts = [...seeds.map((s) => ({ text: s.text, meta: s.meta })), { text: edited, meta: hangzhou.meta }];

  it('gives every mention its quote, sentence and sentence start as the whole text does', () => {
    let checked = 0;
    let afterSurrogates = 0;
    for (const { text, meta } of texts) {
      const x = extractReport(text, meta);
      for (const item of [...x.nodes, ...x.edges]) {
        for (const m of item.mentions) {
          const s = snippetOf(text, m.start, m.end);
          expect(text.slice(s.at, s.at + s.text.length)).toBe(s.text);
          expect(s.text.slice(m.start - s.at, m.end - s.at)).toBe(text.slice(m.start, m.end));
          expect(sentenceAround(s.text, m.start - s.at, m.end - s.at)).toBe(sentenceAround(text, m.start, m.end));
          expect(s.at + sentenceSpan(s.text, m.start - s.at, m.end - s.at).start).toBe(sentenceSpan(text, m.start, m.end).start);
          checked++;
          if (text === edited && m.start > edited.indexOf('𠮷')) afterSurrogates++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(afterSurrogates).toBeGreaterThan(100);
  });

  it('runs from after the stop before the quote to the stop after it, or the text\'s ends', () => {
    const text = '第一句。第二句有平台；第三句\n末尾';
    expect(snippetOf(text, text.indexOf('平台'), text.indexOf('平台') + 2)).toEqual({ at: 4, text: '第二句有平台；' });
    expect(snippetOf(text, 0, 2)).toEqual({ at: 0, text: '第一句。' });
    expect(snippetOf(text, text.indexOf('第三'), text.indexOf('第三') + 2)).toEqual({ at: text.indexOf('第三'), text: '第三句\n' });
    expect(snippetOf(text, text.length - 2, text.length)).toEqual({ at: text.length - 2, text: '末尾' });
  });
});
