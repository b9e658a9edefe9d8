import * as OpenCC from 'opencc-js';
import { convertibleUnits, normalise, toOriginal, isFurniture } from '../../../server/ingest/normalise';

describe('normalise', () => {
  it('builds a Simplified, half-width view whose ranges map back to the exact original text', () => {
    const original = '（一）推進「最多跑一次」改革，執法辦案管理中心快辦率達７６．７％。';
    const n = normalise(original);
    expect(n.view).toBe('(一)推进“最多跑一次”改革,执法办案管理中心快办率达76.7%。');
    const i = n.view.indexOf('执法办案管理中心');
    const [a, b] = toOriginal(n, i, i + '执法办案管理中心'.length);
    expect(original.slice(a, b)).toBe('執法辦案管理中心');
    const p = n.view.indexOf('76.7%');
    const [c, d] = toOriginal(n, p, p + 5);
    expect(original.slice(c, d)).toBe('７６．７％');
  });

  // Simplified texts skip the conversion; that is safe only if every character the converter
  // changes is known to it, and phrases that change without such a character are too.
  it('skips the Traditional conversion only for texts the converter leaves as they are', () => {
    const convert = OpenCC.Converter({ from: 't', to: 'cn' });
    const { units } = convertibleUnits();
    const missed: string[] = [];
    for (let c = 0; c < 0xd800; c++) {
      const ch = String.fromCharCode(c);
      if (convert(ch) !== ch && !units[c]) missed.push(ch);
    }
    for (let c = 0xe000; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (convert(ch) !== ch && !units[c]) missed.push(ch);
    }
    expect(missed).toEqual([]);
    // 覆 alone is Simplified too (全覆盖); in 反覆 it is the Traditional 复.
    expect(normalise('实现全覆盖,反覆推敲').view).toBe('实现全覆盖,反复推敲');
    expect(normalise('实现全覆盖').view).toBe('实现全覆盖');
  });

  it('pairs straight double quotes into opening and closing quotes', () => {
    expect(normalise('推行"一件事"改革').view).toBe('推行“一件事”改革');
  });

  it('marks page furniture lines so analysis skips them, without touching the text', () => {
    const original = '索引号: 113306/2021-200062 公开方式: 主动公开\n发布日期:2021-02-26 08:55 浏览次数: 字体:[ ]\n一、坚持整体谋划。';
    const n = normalise(original);
    expect(n.original).toBe(original);
    expect(isFurniture(n, 0)).toBe(true);
    expect(isFurniture(n, n.view.indexOf('发布日期'))).toBe(true);
    expect(isFurniture(n, n.view.indexOf('一、'))).toBe(false);
  });
});
