import { cleanName, execAll, Found } from './found';

const INLINE = [
  /针对([^。;]{2,40}?)(问题|难题|痛点|短板|漏洞|隐患)/g,
  /(?:破解|解决|堵塞|化解|补齐|整治)([^。;,]{2,24}?)(问题|难题|痛点|难点|短板|漏洞|隐患)/g,
];
const TOO_VAGUE = /^(等方面|方面|各类|相关|有关|突出|实际|执法)$|遇到的$/;

/** Problems a sentence says a measure targets: "针对伤害类案件信访投诉较多问题". */
export function inlineProblems(text: string, offset: number, sentence: number): Found[] {
  const out: Found[] = [];
  for (const re of INLINE) {
    for (const m of execAll(re, text)) {
      const body = m[1].replace(/^(前几年|当前|目前)?/, '');
      if (TOO_VAGUE.test(body) || body.length < 2) continue;
      const start = m.index! + m[0].length - m[1].length - m[2].length;
      const end = m.index! + m[0].length;
      const surface = text.slice(start, end);
      out.push({ type: 'PROBLEM', surface, name: cleanName(surface), start: offset + start, end: offset + end, sentence });
    }
  }
  return out;
}
