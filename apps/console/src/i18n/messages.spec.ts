import { en, translate, zh } from './messages';
import { formatDelta, formatMoney } from './format';

describe('console texts', () => {
  it('has an English text for every Chinese one and none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const value of [...Object.values(zh), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'adjust.done', { available: 120 })).toBe('Points adjusted; available: 120');
    expect(translate('zh-CN', 'me.partial')).toContain('{services}');
  });

  it('shows minor units with their currency', () => {
    expect(formatMoney(9980, 'CNY', 'en')).toBe('CN¥99.80');
    expect(formatMoney(9980, 'CNY', 'zh-CN')).toBe('¥99.80');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('signs point changes', () => {
    expect(formatDelta(1200, 'en')).toBe('+1,200');
    expect(formatDelta(-50, 'en')).toBe('−50');
  });
});
