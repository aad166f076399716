import { keyedHash, newCode, normaliseIdentifier, parseRefreshToken, refreshToken, sameHash } from './one-time-code';

describe('customer sign-in helpers', () => {
  it('makes six-digit codes, leading zeros kept', () => {
    const codes = Array.from({ length: 200 }, () => newCode());
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(150);
  });

  it('hashes per purpose and key, and compares in constant time', () => {
    const a = keyedHash('k1', 'otp-code', '123456');
    expect(a).not.toContain('123456');
    expect(sameHash(a, keyedHash('k1', 'otp-code', '123456'))).toBe(true);
    expect(sameHash(a, keyedHash('k2', 'otp-code', '123456'))).toBe(false);
    expect(sameHash(a, keyedHash('k1', 'refresh', '123456'))).toBe(false);
  });

  it("counts one person's spellings of an identifier as one", () => {
    expect(normaliseIdentifier('email', '  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
    expect(normaliseIdentifier('phone', '(138) 0013-8000')).toBe('13800138000');
  });

  it('reads back a refresh token and refuses anything else', () => {
    const t = refreshToken('s'.repeat(24), 'x'.repeat(43));
    expect(parseRefreshToken(t)).toEqual({ sessionId: 's'.repeat(24), secret: 'x'.repeat(43) });
    expect(parseRefreshToken('rt_short.x')).toBeNull();
    expect(parseRefreshToken(`${t}.extra`)).toBeNull();
  });
});
