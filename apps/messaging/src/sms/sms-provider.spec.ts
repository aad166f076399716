import { maskPhone, smsHttpFailure, smsNetworkFailure } from './sms-provider';

describe('SMS provider rules', () => {
  it('masks a number the usual way: prefix and last four', () => {
    expect(maskPhone('+8613800138000')).toBe('+86138****8000');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('***');
  });

  it('retries 5xx, 408, 429 and network failures; gives up on other 4xx', () => {
    expect(smsHttpFailure(503)).toMatchObject({ temporary: true, reason: 'sms_http_503' });
    expect(smsHttpFailure(429).temporary).toBe(true);
    expect(smsHttpFailure(400)).toMatchObject({ temporary: false, reason: 'sms_http_400' });
    expect(smsNetworkFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toMatchObject({
      temporary: true,
      reason: 'sms_econnrefused',
    });
  });
});
