/**
 * Report files made from real report texts, as a bureau's site publishes them: PDFs (a text
 * layer set line by line, or scanned pages with none), Word files, and saved pages in GBK or
 * Big5 with site chrome. The PDF writer is a minimal one of our own: a Type0 font whose codes
 * are the characters' Unicode values, with a ToUnicode map, so the text layer is exactly the text
 * written (no CJK font file is needed to extract it).
 */
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph } from 'docx';
import * as OpenCC from 'opencc-js';

// A Taiwan site's menus and footer are in Traditional characters.
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

export const PAGE = { width: 595, height: 842, left: 72, top: 770, bottom: 60 };

/**
 * A text laid out as a printed report: each line of the text a paragraph, its first line
 * indented two characters, wrapped at `perLine` characters, `perPage` lines a page.
 */
export function layOut(text: string, perLine = 36, perPage = 38): string[][] {
  const lines: Array<{ s: string; indent: boolean }> = [];
  for (const para of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const chars = [...para];
    let first = true;
    for (let i = 0; i < chars.length; ) {
      const n = first ? perLine - 2 : perLine;
      lines.push({ s: (first ? '  ' : '') + chars.slice(i, i + n).join(''), indent: first });
      i += n;
      first = false;
    }
  }
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage).map((l) => l.s));
  return pages;
}

function hex(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += (c > 0xffff ? 0x3013 : c).toString(16).padStart(4, '0'); // 〓 for the rare non-BMP character
  }
  return out;
}

/** A PDF whose pages hold these lines as text, or (scanned) as an image with no text layer. */
export function makePdf(pages: string[][], opts: { scanned?: boolean } = {}): Buffer {
  const objs: string[] = [];
  const add = (body: string) => objs.push(body) + 0; // object number = index + 1
  const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>');
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor 6 0 R >>');
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    const h = hi.toString(16).padStart(2, '0');
    ranges.push(`<${h}00> <${h}ff> <${h}00>`);
  }
  const cmap = ['/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap', '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Identity-UCS def', '/CMapType 2 def', '1 begincodespacerange', '<0000> <ffff>', 'endcodespacerange',
    ...[0, 100, 200].map((from) => { const part = ranges.slice(from, from + 100); return `${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`; }),
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end'].join('\n');
  add(stream('', cmap));
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>');
  // A 4×4 grey image: what a scanner leaves on a page (no text operators at all).
  add(stream('/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8', 'x'.repeat(16)));
  const kids: number[] = [];
  // Type as large as the page's fullest lines allow, up to 12 pt on 18 pt lines.
  const most = Math.max(1, ...pages.map((p) => p.length));
  const widest = Math.max(1, ...pages.flat().map((l) => [...l].length));
  const leading = Math.min(18, (PAGE.top - PAGE.bottom) / most);
  const size = Math.min(12, leading * 0.75, (PAGE.width - 2 * PAGE.left) / widest);
  for (const lines of pages) {
    const ops = opts.scanned
      ? `q ${PAGE.width - 2 * PAGE.left} 0 0 ${PAGE.top - PAGE.bottom} ${PAGE.left} ${PAGE.bottom} cm /Im1 Do Q`
      : ['BT', `/F1 ${size.toFixed(2)} Tf`, ...lines.map((l, i) => `1 0 0 1 ${PAGE.left} ${(PAGE.top - i * leading).toFixed(2)} Tm <${hex(l)}> Tj`), 'ET'].join('\n');
    const content = add(stream('', ops));
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 7 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A .docx with one Word paragraph per line of the text. */
export async function makeDocx(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split('\n').filter((l) => l.trim()).map((l) => new Paragraph({ text: l })) }] });
  return Packer.toBuffer(doc);
}

// Runs of spaces are written as &nbsp; (as a CMS writes text pasted from Word), so the page shows them.
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[ \u00a0]{2,}|\u00a0/g, (m) => '&nbsp;'.repeat(m.length));

/**
 * A report page as a Chinese government site serves it: navigation, breadcrumb, the title with
 * the site's name after it, a 发布日期 line, the report's paragraphs, a share/print bar, a
 * footer with 版权所有, ICP备 and 网站标识码; optionally a table inside the article.
 */
export function makePage(title: string, text: string, opts: { site: string; charset: string; published?: string; table?: string[][] }): string {
  const paras = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const table = opts.table ? `<table border="1">${opts.table.map((r, i) => `<tr>${r.map((c) => (i ? `<td>${escape(c)}</td>` : `<th>${escape(c)}</th>`)).join('')}</tr>`).join('\n')}</table>` : '';
  const page = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${opts.charset}">
<title>${escape(title)}_${escape(opts.site)}</title>
<script>var siteId = "网站标识码3307000001";</script></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a> | <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="main">
<div class="left"><ul><li><a href="/a">通知公告</a></li><li><a href="/b">部门文件</a></li><li><a href="/c">政策解读</a></li></ul></div>
<div class="article">
<h1>${escape(title)}</h1>
<div class="info">发布日期：${opts.published ?? ''}　来源：${escape(opts.site)}　浏览次数：1024</div>
<div class="content">
${paras.map((p, i) => (i === Math.floor(paras.length / 2) && table ? `${table}\n` : '') + `<p>${escape(p)}</p>`).join('\n')}
</div>
<div class="tools">【打印本页】【关闭窗口】 分享到：微信 微博</div>
</div></div>
<div class="footer"><p>版权所有：${escape(opts.site)}　主办单位：${escape(opts.site)}办公室</p>
<p>浙ICP备05012345号　浙公网安备 33070202000123号　网站标识码：3307000001</p></div>
</body></html>`;
  if (opts.charset !== 'big5') return page;
  // The site's own words in Traditional; the report's title and text as given.
  const [before, rest] = [page.slice(0, page.indexOf('<h1>')), page.slice(page.indexOf('<h1>'))];
  const [article, after] = [rest.slice(0, rest.indexOf('<div class="tools">')), rest.slice(rest.indexOf('<div class="tools">'))];
  return toTraditional(before).replace(toTraditional(title), title) + article.replace(/<div class="info">[^<]*/, (m) => toTraditional(m)) + toTraditional(after);
}

export function encodePage(html: string, charset: 'gbk' | 'big5' | 'utf-8'): Buffer {
  return charset === 'utf-8' ? Buffer.from(html, 'utf8') : iconv.encode(html, charset);
}
