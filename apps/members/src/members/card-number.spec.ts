import { generateCardNumber, isValidCardNumber, luhnCheckDigit } from './card-number';

describe('card numbers', () => {
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });
  it('generates 16-digit numbers with a valid check digit that differ', () => {
    const cards = new Set(Array.from({ length: 200 }, () => generateCardNumber()));
    expect(cards.size).toBe(200);
    for (const c of cards) expect(isValidCardNumber(c)).toBe(true);
  });
  it('detects a mistyped digit', () => {
    const card = generateCardNumber(() => 3);
    const typo = `${card.slice(0, 5)}${(Number(card[5]) + 1) % 10}${card.slice(6)}`;
    expect(isValidCardNumber(card)).toBe(true);
    expect(isValidCardNumber(typo)).toBe(false);
  });
});
