import { randomInt } from 'node:crypto';

/** Luhn check digit of a digit string (the card number without its last digit). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNumber(card: string): boolean {
  return /^\d{16}$/.test(card) && luhnCheckDigit(card.slice(0, -1)) === Number(card.slice(-1));
}

/**
 * A 16-digit card number for the till: programme prefix `8`, 14 random digits from the CSPRNG
 * (10^14 possibilities: not enumerable in practice) and a Luhn check digit that catches typos.
 */
export function generateCardNumber(random: (maxExclusive: number) => number = randomInt): string {
  let body = '8';
  for (let i = 0; i < 14; i++) body += String(random(10));
  return body + String(luhnCheckDigit(body));
}
