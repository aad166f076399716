import type { Lang } from './messages';

/** Dates and times in the user's own time zone (the browser's), in the UI language. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(d);
}

/** Amounts travel in minor units with their currency (9980 CNY = ¥99.80). */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 10 ** digits);
}

export function formatPoints(points: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(points);
}

/** A signed change: +120, −50. */
export function formatDelta(points: number, lang: Lang): string {
  if (points === 0) return '0';
  return `${points > 0 ? '+' : '−'}${formatPoints(Math.abs(points), lang)}`;
}
