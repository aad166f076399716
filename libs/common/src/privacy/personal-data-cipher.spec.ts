import { randomBytes } from 'node:crypto';
import { KeyedHasher } from './keyed-hash';
import { parseKeyring } from './keyring';
import { PersonalDataCipher } from './personal-data-cipher';

const key = () => randomBytes(32).toString('base64');

describe('PersonalDataCipher (AES-256-GCM)', () => {
  const k1 = key();
  const k2 = key();

  it('round-trips and never stores the plaintext', () => {
    const cipher = PersonalDataCipher.fromConfig(`k1:${k1}`, 'k1');
    const sealed = cipher.encrypt('张三 +8613800138000', 'member:m1:name');
    expect(sealed).not.toContain('13800138000');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(sealed, 'member:m1:name')).toBe('张三 +8613800138000');
  });

  it('uses a fresh IV: equal plaintexts give different ciphertexts', () => {
    const cipher = PersonalDataCipher.fromConfig(`k1:${k1}`, 'k1');
    expect(cipher.encrypt('same', 'c')).not.toBe(cipher.encrypt('same', 'c'));
  });

  it('rotation: the new active key encrypts, the old key still decrypts', () => {
    const before = PersonalDataCipher.fromConfig(`k1:${k1}`, 'k1');
    const old = before.encrypt('old secret', 'ctx');
    const after = PersonalDataCipher.fromConfig(`k1:${k1},k2:${k2}`, 'k2');
    expect(after.decrypt(old, 'ctx')).toBe('old secret');
    const fresh = after.encrypt('new secret', 'ctx');
    expect(after.keyIdOf(fresh)).toBe('k2');
    expect(after.decrypt(fresh, 'ctx')).toBe('new secret');
    // Without k1 the old value cannot be read.
    expect(() => PersonalDataCipher.fromConfig(`k2:${k2}`, 'k2').decrypt(old, 'ctx')).toThrow(/cannot be decrypted/);
  });

  it('is authenticated: a tampered ciphertext or another record context fails', () => {
    const cipher = PersonalDataCipher.fromConfig(`k1:${k1}`, 'k1');
    const sealed = cipher.encrypt('secret', 'member:m1:phone');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] = ct[0] ^ 1;
    parts[4] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'member:m1:phone')).toThrow(/authentication/);
    expect(() => cipher.decrypt(sealed, 'member:m2:phone')).toThrow(/authentication/);
  });

  it('refuses bad key configuration', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/not 32/);
    expect(() => parseKeyring(`k1:${k1},k1:${k2}`)).toThrow(/duplicate/);
    expect(() => parseKeyring('')).toThrow(/no keys/);
    expect(() => PersonalDataCipher.fromConfig(`k1:${k1}`, 'k9')).toThrow(/not configured/);
  });
});

describe('KeyedHasher', () => {
  it('is deterministic per key and kind, and differs across keys and kinds', () => {
    const a = new KeyedHasher(key());
    const b = new KeyedHasher(key());
    expect(a.hash('phone', '+8613800138000')).toBe(a.hash('phone', '+8613800138000'));
    expect(a.hash('phone', '+8613800138000')).not.toBe(b.hash('phone', '+8613800138000'));
    expect(a.hash('phone', 'x')).not.toBe(a.hash('email', 'x'));
    expect(a.hash('phone', '+8613800138000')).not.toContain('13800138000');
  });
});
