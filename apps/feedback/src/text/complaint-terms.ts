import { Injectable } from '@nestjs/common';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { RETAIL_WORDS_ZH, STOP_WORDS_EN, STOP_WORDS_ZH } from './retail-words';

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
/** English words reduced to a plain form so "refunds" and "refund" count together. */
function englishStem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The terms of a complaint text, Chinese and English: Chinese by jieba (a dictionary segmenter:
 * `Intl.Segmenter` splits 退货 / 优惠券 / 收银员 wrongly) with a retail word list; English by
 * words, lower-cased and plural-folded; stop words, digits and single Chinese characters out.
 */
@Injectable()
export class ComplaintTerms {
  private readonly jieba: Jieba;

  constructor() {
    this.jieba = Jieba.withDict(dict);
    this.jieba.loadDict(Buffer.from(RETAIL_WORDS_ZH.map((w) => `${w} 200000`).join('\n'), 'utf8'));
  }

  extract(text: string): string[] {
    const terms: string[] = [];
    for (const token of this.jieba.cut(text.normalize('NFKC'), false)) {
      const t = token.trim().toLowerCase();
      if (!t || !WORD.test(t) || /^[\p{N}.,]+$/u.test(t)) continue;
      if (HAN.test(t)) {
        if (Array.from(t).length < 2 || STOP_WORDS_ZH.has(t)) continue;
        terms.push(t);
      } else {
        for (const w of t.split(/[^a-z0-9'-]+/)) {
          const word = w.replace(/^[-']+|[-']+$/g, '');
          if (word.length < 3 || STOP_WORDS_EN.has(word) || /^\d+$/.test(word)) continue;
          terms.push(englishStem(word));
        }
      }
    }
    return terms;
  }

  /** Distinct terms of one text (a complaint counts once per term). */
  distinct(text: string): string[] {
    return [...new Set(this.extract(text))];
  }
}

/** The most frequent terms over many texts' distinct terms, most frequent first, ties by term. */
export function topTerms(termLists: string[][], limit: number): Array<{ term: string; count: number }> {
  const counts = new Map<string, number>();
  for (const list of termLists) for (const t of new Set(list)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
}
