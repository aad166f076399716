import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { parseKeyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Application-level encryption of personal fields: AES-256-GCM (authenticated), a fresh 96-bit
 * IV per value, the key id stored with the ciphertext, and additional authenticated data binding
 * the ciphertext to its member and field (a ciphertext copied to another record fails to open).
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). Rotation: a new active key
 * encrypts, every configured key still decrypts.
 */
export class PersonalDataCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
    /** The error a value that cannot be opened becomes (each service names it in its own errors). */
    private readonly unreadable: (detail: string) => Error = (detail) => new DomainError('PERSONAL_DATA.UNREADABLE', 'unavailable', detail),
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`active key ${activeKeyId} is not configured`);
  }

  static fromConfig(keyring: string, activeKeyId: string, unreadable?: (detail: string) => Error): PersonalDataCipher {
    return new PersonalDataCipher(parseKeyring(keyring), activeKeyId, unreadable);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [version, keyId, iv, tag, ct] = sealed.split('.');
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (version !== VERSION || !key || iv === undefined || tag === undefined || ct === undefined) {
      throw this.unreadable('Personal data cannot be decrypted with the configured keys');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw this.unreadable('Personal data failed authentication');
    }
  }

  /** Key id a sealed value was written with (rotation jobs re-encrypt values not under the active key). */
  keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  get activeKey(): string {
    return this.activeKeyId;
  }
}
