import { COMPLAINT_TEXTS } from './complaint-texts.fixture';
import { ComplaintTerms, topTerms } from './complaint-terms';

describe('complaint terms (jieba with a retail word list; English words)', () => {
  const terms = new ComplaintTerms();

  it('has at least 50 realistic texts to learn from', () => {
    expect(COMPLAINT_TEXTS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(COMPLAINT_TEXTS.map((t) => [t.text, t.expect]))('%s', (text, expected) => {
    expect(terms.distinct(text)).toEqual(expect.arrayContaining(expected));
  });

  it('keeps the retail words that Intl.Segmenter splits (退货, 优惠券, 收银员) whole', () => {
    const all = COMPLAINT_TEXTS.flatMap((t) => terms.extract(t.text));
    for (const word of ['退货', '优惠券', '收银员']) expect(all).toContain(word);
    for (const fragment of ['退', '货', '优惠', '券', '收银', '员']) expect(all).not.toContain(fragment);
  });

  it('drops stop words, punctuation, digits and single characters', () => {
    const out = terms.extract('我的 优惠券 是 300 块的！The coupon is for 300 yuan and it is mine.');
    expect(out).toEqual(['优惠券', 'coupon', 'yuan', 'mine']);
  });

  it('finds the most frequent problems over the whole set', () => {
    const top = topTerms(
      COMPLAINT_TEXTS.map((t) => terms.distinct(t.text)),
      5,
    );
    const withCashier = COMPLAINT_TEXTS.filter((t) => t.text.includes('收银员')).length;
    expect(withCashier).toBeGreaterThanOrEqual(5);
    expect(top[0]).toEqual({ term: '收银员', count: withCashier });
    expect(top.map((t) => t.term)).toEqual(expect.arrayContaining(['收银员', '优惠券', '退货', 'cashier']));
  });

  it('counts a term once per text and orders ties by term', () => {
    expect(topTerms([['退货', '退货', '积分'], ['积分'], ['优惠券']], 3)).toEqual([
      { term: '积分', count: 2 },
      { term: '优惠券', count: 1 },
      { term: '退货', count: 1 },
    ]);
  });
});
