import { htmlToText, looksLikeHtml } from '../../../server/ingest/html';

describe('htmlToText', () => {
  it('keeps the words and paragraphs of a saved page, without markup, scripts, styles or entities', () => {
    const html = '<!DOCTYPE html><html><head><title>某某市公安局报告</title><script>alert("x")</script><style>p{}</style></head>'
      + '<body><nav><a>首页</a></nav><div><p>推行&ldquo;一件事&rdquo;改革,&nbsp;网办率达90%&#12290;</p><p><strong>二、</strong>存在的问题</p></div><footer>版权</footer></body></html>';
    expect(looksLikeHtml(html)).toBe(true);
    expect(htmlToText(html)).toBe('某某市公安局报告\n\n推行“一件事”改革, 网办率达90%。\n\n二、存在的问题');
  });

  it('leaves plain report text alone', () => {
    expect(looksLikeHtml('一、主要举措\n推行“一件事”改革。')).toBe(false);
  });
});
