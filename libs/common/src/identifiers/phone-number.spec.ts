import { nationalPart, normalisePhone } from './phone-number';

describe('normalisePhone', () => {
  const ok = (input: string, region = 'CN') => {
    const r = normalisePhone(input, region);
    if (!r.ok) throw new Error(`${input}: ${r.reason}`);
    return r.e164;
  };

  it.each(['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+86-13800138000', '008613800138000', '86 138 0013 8000', '(138) 0013.8000'])(
    'normalises the Chinese mobile variant %p to one E.164 number',
    (input) => {
      expect(ok(input)).toBe('+8613800138000');
    },
  );

  it('applies the default region calling code and drops a trunk 0', () => {
    expect(ok('010 6552 9988')).toBe('+861065529988');
    expect(ok('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(ok('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('keeps an explicit international number whatever the default region', () => {
    expect(ok('+44 20 7946 0958', 'CN')).toBe('+442079460958');
    expect(ok('+852 9123 4567')).toBe('+85291234567');
  });

  it.each([
    ['letters', '138abc38000'],
    ['too short', '12345'],
    ['too long', '+1234567890123456'],
    ['misplaced plus', '138+0013'],
    ['not a Chinese number', '+86 000 1234 5678'],
    ['empty', '   '],
  ])('refuses %s', (_what, input) => {
    expect(normalisePhone(input, 'CN').ok).toBe(false);
  });

  it('finds the national part for masking', () => {
    expect(nationalPart('+8613800138000')).toBe('13800138000');
    expect(nationalPart('+85291234567')).toBe('91234567');
  });
});
