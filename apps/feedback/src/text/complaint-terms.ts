import { Injectable } from '@nestjs/common';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { RETAIL_WORDS_ZH, STOP_WORDS_EN, STOP_WORDS_ZH } from './retail-words';

const HAN_RUN = /(\p{Script=Han}+)/u;
const ENGLISH_WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
/** 三百多, 五个, 十五块, 两次: amounts, not problems. */
const CHINESE_QUANTITY = /^[零一二三四五六七八九十百千万两几半]+多?[个块元分次天斤件辆位年月号点钱遍]*$/u;
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
    // Han runs go to the segmenter; everything else is split into words (keeps "after-sales" whole).
    for (const [i, run] of text.normalize('NFKC').toLowerCase().split(HAN_RUN).entries()) {
      if (i % 2 === 1) {
        for (const token of this.jieba.cut(run, false)) {
          const t = token.trim();
          if (Array.from(t).length < 2 || STOP_WORDS_ZH.has(t) || CHINESE_QUANTITY.test(t)) continue;
          terms.push(t);
        }
      } else {
        for (const [w] of run.matchAll(ENGLISH_WORD)) {
          if (w.length < 3 || STOP_WORDS_EN.has(w) || /^\d/.test(w)) continue;
          terms.push(englishStem(w));
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
