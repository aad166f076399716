import { capReached, classifySmtpError, parseQuietHours, quietUntil, retryDelayMs } from './delivery-policy';

describe('quiet hours', () => {
  const night = parseQuietHours('21:00-08:00');

  it('parses a window and treats off, empty or a zero-length one as none', () => {
    expect(night).toEqual({ startMinute: 21 * 60, endMinute: 8 * 60 });
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours('')).toBeNull();
    expect(parseQuietHours('08:00-08:00')).toBeNull();
  });

  it('lets marketing out in the daytime of the time zone', () => {
    // 03:00 UTC = 11:00 in Shanghai
    expect(quietUntil(new Date('2026-03-02T03:00:00Z'), 'Asia/Shanghai', night)).toBeNull();
  });

  it('holds a message sent late in the evening until the window ends the next morning', () => {
    // 14:30:20 UTC = 22:30:20 in Shanghai; quiet until 08:00 Shanghai = 00:00 UTC next day
    expect(quietUntil(new Date('2026-03-02T14:30:20.500Z'), 'Asia/Shanghai', night)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('holds a message in the small hours until the same morning', () => {
    // 19:00 UTC = 03:00 in Shanghai
    expect(quietUntil(new Date('2026-03-02T19:00:00Z'), 'Asia/Shanghai', night)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('reads the clock in the given zone, not UTC', () => {
    // 22:00 UTC is 15:00 in Los Angeles (daytime) and 23:00 in London (quiet until 08:00 BST = 07:00 UTC)
    expect(quietUntil(new Date('2026-07-01T22:00:00Z'), 'America/Los_Angeles', night)).toBeNull();
    expect(quietUntil(new Date('2026-07-01T22:00:00Z'), 'Europe/London', night)?.toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });

  it('supports a window within one day', () => {
    const lunch = parseQuietHours('12:00-13:30');
    expect(quietUntil(new Date('2026-03-02T12:15:00Z'), 'UTC', lunch)?.toISOString()).toBe('2026-03-02T13:30:00.000Z');
    expect(quietUntil(new Date('2026-03-02T13:30:00Z'), 'UTC', lunch)).toBeNull();
  });
});

describe('frequency cap and retries', () => {
  it('reaches the cap at the configured count; 0 means no cap', () => {
    expect(capReached(2, 3)).toBe(false);
    expect(capReached(3, 3)).toBe(true);
    expect(capReached(100, 0)).toBe(false);
  });

  it('doubles the retry delay up to the maximum', () => {
    expect([1, 2, 3, 4, 10].map((a) => retryDelayMs(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('retries connection failures and 4xx replies, gives up on 5xx replies', () => {
    expect(classifySmtpError({ code: 'ECONNECTION' })).toEqual({ temporary: true, reason: 'smtp_econnection' });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 451 })).toEqual({ temporary: true, reason: 'smtp_451' });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550 })).toEqual({ temporary: false, reason: 'smtp_550' });
    expect(classifySmtpError('boom').temporary).toBe(true);
  });

  it('never retries when the connection died after the message went out (it may have arrived)', () => {
    expect(classifySmtpError({ code: 'ETIMEDOUT', command: 'DATA' })).toEqual({ temporary: false, reason: 'outcome_unknown' });
  });
});
