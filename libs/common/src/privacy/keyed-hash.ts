import { createHmac } from 'node:crypto';

export type BlindIndexKind = 'phone' | 'email' | 'birthday-md';

/**
 * Blind indexes: HMAC-SHA256 with a secret key and a per-kind prefix, so equal phones find each
 * other without the database ever holding the plaintext, and a phone hash never equals an email hash.
 */
export class KeyedHasher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length < 32) throw new Error('hash key must be at least 32 bytes');
  }

  hash(kind: BlindIndexKind, normalisedValue: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${normalisedValue}`, 'utf8').digest('base64url');
  }
}
