/**
 * Normalise a loyalty card number as printed or scanned (`6200 0000 1234 5678`, `6200-0000-...`):
 * spaces and dashes dropped, letters upper-cased. Shared by enrolment, the till and every lookup,
 * so a card accepted in one place is found in the others. Pure.
 */
export function normaliseCardNumber(input: string): string {
  return input.trim().replace(/[\s-]/g, '').toUpperCase();
}
