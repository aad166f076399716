import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Pure helpers of customer sign-in: codes, opaque tokens, keyed hashes (nothing secret is stored as is). */

/** A numeric one-time code, uniformly random. */
export function newCode(digits = 6): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export function newOpaqueId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** Keyed hash of a secret or an identifier, per purpose (`otp-code`, `identifier`, `refresh`). */
export function keyedHash(key: string, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The identifier a code is asked for, normalised so one person's spellings count as one. */
export function normaliseIdentifier(kind: 'email' | 'phone', value: string): string {
  return kind === 'email' ? value.trim().toLowerCase() : value.replace(/[\s()-]/g, '');
}

/** Refresh tokens read `rt_<session id>.<secret>`. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const m = /^rt_([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/.exec(token);
  return m ? { sessionId: m[1], secret: m[2] } : null;
}

export const refreshToken = (sessionId: string, secret: string): string => `rt_${sessionId}.${secret}`;
