import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An unsubscribe link names the message it came in (`<delivery id>.<signature>`, base64url), so
 * it needs no login and cannot be forged for another member: the signature is an HMAC of the
 * delivery id with the messaging link secret. Links do not expire: an old email must still work.
 */
export function unsubscribeToken(deliveryId: string, secret: string): string {
  const id = Buffer.from(deliveryId, 'utf8').toString('base64url');
  return `${id}.${signature(id, secret)}`;
}

/** The delivery id of a valid token, or null for anything else. */
export function readUnsubscribeToken(token: string, secret: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, id, sig] = m as unknown as [string, string, string];
  const expected = Buffer.from(signature(id, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Buffer.from(id, 'base64url').toString('utf8');
}

function signature(id: string, secret: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${id}`).digest('base64url');
}
