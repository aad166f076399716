import { normaliseCardNumber } from './card-number';
import { normalisePhone } from './phone-number';

describe('identifier normalisation shared by enrolment, the till and lookups', () => {
  it('a card number as printed or scanned is the one stored', () => {
    expect(normaliseCardNumber(' 6200 0000-1234 5678 ')).toBe('6200000012345678');
    expect(normaliseCardNumber('ab-12')).toBe('AB12');
  });

  it('every written form of one phone number is one E.164 number', () => {
    const forms = ['+86 138 0013 8002', '+86-138-0013-8002', '0086 13800138002', '13800138002', '138 0013 8002', '(0086) 138.0013.8002'];
    expect(new Set(forms.map((f) => normalisePhone(f, 'CN')).map((r) => (r.ok ? r.e164 : r.reason)))).toEqual(new Set(['+8613800138002']));
  });
});
