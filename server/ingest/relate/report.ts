import type { MentionRef } from '../../model/types';
import type { NormalisedText } from '../normalise';
import type { Sentence } from '../structure';
import { addWriter } from '../writer';
import type { RelateContext } from './context';

/** The REPORT node and its writer; returns the id the report's facts hang on (see addWriter). */
export function reportAndWriter(c: RelateContext): string {
  const { g, reportId, meta, n, st, ref, sentenceRef, year, warnings } = c;
  const titleAt = meta.title ? n.view.indexOf(meta.title) : -1;
  const firstSentence = st.sentences[0];
  const reportMention: MentionRef = titleAt >= 0 ? ref(titleAt, titleAt + meta.title.length) : firstSentence ? sentenceRef(firstSentence) : ref(0, Math.min(20, n.view.length));
  g.node(reportId, 'REPORT', meta.title || untitledName(n, firstSentence), reportMention, {
    title: meta.title, year, publishedOn: meta.publishedOn ?? null, source: meta.source ?? null, agency: meta.agency,
    place: meta.place ?? null, province: meta.province ?? null,
  });
  return addWriter(g, { reportId, meta, n, ref, reportMention, warnings });
}

/** A report without a title line is named by its opening words, marked as such, never by a made-up title. */
function untitledName(n: NormalisedText, first: Sentence | undefined): string {
  const opening = (first?.text ?? n.view).replace(/\s+/g, '').slice(0, 24);
  return `(untitled) ${opening}…`;
}
