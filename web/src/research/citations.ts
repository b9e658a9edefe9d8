// "Copy citation" beside a quote: the GB/T 7714-2015 reference of the report with the quote and
// its offsets, as the server words it (Mention.citation); APA with Shift held.
import { gql } from '../api';
import { QuoteCitationDocument } from '../generated/graphql';
import { h } from '../dom';

export interface QuoteRef {
  node: string;
  report: string;
  start: number;
  end: number;
}

export async function citationOf(ref: QuoteRef, style: 'GBT7714' | 'APA'): Promise<string> {
  const d = await gql(QuoteCitationDocument, { id: ref.node, style });
  const m = d.node?.mentions.find((x) => x.report.id === ref.report && x.start === ref.start && x.end === ref.end);
  if (!m) throw new Error('this quote is no longer in the graph');
  return m.citation;
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (an embedded page): the old way, through a selection.
    const ta = h('textarea', { attrs: { readonly: true, 'aria-hidden': 'true' } });
    ta.value = text;
    ta.className = 'offscreen';
    document.body.appendChild(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
}

/** The button; once copied it keeps the citation in data-citation and says so. */
export function copyCitationButton(ref: QuoteRef | (() => QuoteRef)): HTMLButtonElement {
  const b = h('button', { class: 'link copy-citation', text: 'Copy citation', title: 'Copy the GB/T 7714 reference with this quote (Shift: APA)', attrs: { type: 'button' }, testid: 'copy-citation' });
  b.addEventListener('click', (e) => {
    const style = (e as MouseEvent).shiftKey ? 'APA' : 'GBT7714';
    citationOf(typeof ref === 'function' ? ref() : ref, style).then(async (c) => {
      await copy(c);
      b.dataset.citation = c;
      b.textContent = 'Copied ✓';
      b.title = c;
      setTimeout(() => (b.textContent = 'Copy citation'), 2000);
    }).catch((err: Error) => {
      b.textContent = 'Cannot cite';
      b.title = err.message;
    });
  });
  return b;
}
