/** Calling codes of the regions a default may be set for (DEFAULT_PHONE_REGION). */
export const COUNTRY_CALLING_CODES: Record<string, string> = {
  CN: '86',
  HK: '852',
  MO: '853',
  TW: '886',
  SG: '65',
  MY: '60',
  JP: '81',
  KR: '82',
  US: '1',
  CA: '1',
  GB: '44',
  DE: '49',
  FR: '33',
  AU: '61',
  NZ: '64',
  IN: '91',
};

/** Regions whose national numbers carry a trunk prefix `0` that E.164 drops. */
const TRUNK_ZERO = new Set(['CN', 'TW', 'JP', 'KR', 'GB', 'DE', 'FR', 'AU', 'NZ', 'IN', 'MY']);

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Normalise a phone number to E.164 (`+8613800138000`). Accepts spaces, dashes, dots and
 * parentheses, a leading `+` or `00` international prefix; a number without one gets the
 * default region's calling code (its trunk `0` dropped). Pure: no I/O, no library.
 */
export function normalisePhone(input: string, defaultRegion: string): PhoneParseResult {
  const trimmed = input.trim();
  if (!/^[+(\d][\d\s().-]*$/.test(trimmed)) return { ok: false, reason: 'contains characters other than digits and separators' };
  let digits = trimmed.replace(/[\s().-]/g, '');
  let international = false;
  if (digits.startsWith('+')) {
    digits = digits.slice(1);
    international = true;
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'misplaced +' };
  let e164Digits: string;
  if (international) {
    e164Digits = digits;
  } else {
    const cc = COUNTRY_CALLING_CODES[defaultRegion];
    if (!cc) return { ok: false, reason: `unknown default region ${defaultRegion}` };
    let national = digits;
    if (TRUNK_ZERO.has(defaultRegion) && national.startsWith('0')) national = national.slice(1);
    // A Chinese mobile written with its country code but no prefix: 86 138 0013 8000.
    if (defaultRegion === 'CN' && /^861[3-9]\d{9}$/.test(national)) national = national.slice(2);
    e164Digits = cc + national;
  }
  if (e164Digits.startsWith('0')) return { ok: false, reason: 'country code cannot start with 0' };
  if (e164Digits.length < 8 || e164Digits.length > 15) return { ok: false, reason: 'must have 8 to 15 digits in E.164' };
  if (e164Digits.startsWith('86')) {
    const national = e164Digits.slice(2);
    // Chinese mobiles are 11 digits starting 1; landlines 9-11 digits with an area code (2-9).
    if (!/^1[3-9]\d{9}$/.test(national) && !/^(10|2\d|[3-9]\d{2})\d{7,8}$/.test(national)) return { ok: false, reason: 'not a valid Chinese number' };
  }
  return { ok: true, e164: `+${e164Digits}` };
}

/** The national part of an E.164 number, for masking (`+8613812341234` -> `13812341234`). */
export function nationalPart(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  const codes = [...new Set(Object.values(COUNTRY_CALLING_CODES))].sort((a, b) => b.length - a.length);
  const cc = codes.find((c) => digits.startsWith(c));
  return cc ? digits.slice(cc.length) : digits;
}
