import { judgeBasket, median } from './anomaly';

describe('anomaly rule: a sale far above the store basket is held', () => {
  const usual = Array.from({ length: 20 }, (_, i) => 2000 + i * 100); // 2000..3900, median 2950

  it('median of an odd and an even sample', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('holds a sale above multiple x median, credits one at or below it', () => {
    expect(judgeBasket(29_501, usual, { multiple: 10, minHistory: 20 })).toEqual({ held: true, medianMinor: 2950, thresholdMinor: 29_500, history: 20 });
    expect(judgeBasket(29_500, usual, { multiple: 10, minHistory: 20 }).held).toBe(false);
  });

  it('holds nothing without enough history, or when disabled', () => {
    expect(judgeBasket(1_000_000, usual.slice(0, 19), { multiple: 10, minHistory: 20 })).toMatchObject({ held: false, history: 19 });
    expect(judgeBasket(1_000_000, usual, { multiple: 0, minHistory: 20 }).held).toBe(false);
    expect(judgeBasket(1_000_000, [], { multiple: 10, minHistory: 0 }).held).toBe(false);
  });

  it('one earlier huge basket does not move the median (unlike a mean)', () => {
    expect(judgeBasket(40_000, [...usual.slice(1), 10_000_000], { multiple: 10, minHistory: 20 }).held).toBe(true);
  });
});
