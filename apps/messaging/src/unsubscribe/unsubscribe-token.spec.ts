import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token';

const SECRET = 'unit-test-link-secret-0123456789abcdef';

describe('unsubscribe tokens', () => {
  it('round-trips the delivery id', () => {
    const token = unsubscribeToken('campaign:c_1:m_2', SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readUnsubscribeToken(token, SECRET)).toBe('campaign:c_1:m_2');
  });

  it('refuses a token signed with another secret', () => {
    expect(readUnsubscribeToken(unsubscribeToken('campaign:c_1:m_2', `${SECRET}x`), SECRET)).toBeNull();
  });

  it('refuses a token whose delivery id was swapped for another member', () => {
    const [, sig] = unsubscribeToken('campaign:c_1:m_2', SECRET).split('.');
    const forged = `${Buffer.from('campaign:c_1:m_3').toString('base64url')}.${sig}`;
    expect(readUnsubscribeToken(forged, SECRET)).toBeNull();
  });

  it('refuses garbage', () => {
    expect(readUnsubscribeToken('', SECRET)).toBeNull();
    expect(readUnsubscribeToken('abc', SECRET)).toBeNull();
  });
});
