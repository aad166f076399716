import { ValidationFailedError } from '../errors/domain-error';

/** Opaque page cursor: a JSON value in base64url. Every paged API of the platform uses these two. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The value behind a cursor this API returned; a 400 naming `cursor` for anything else. */
export function decodeCursor<T>(cursor: string, valid: (v: unknown) => v is T): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (valid(value)) return value;
  } catch {
    /* fall through */
  }
  throw new ValidationFailedError([{ field: 'cursor', rule: 'isCursor', message: 'cursor is not one this API returned' }]);
}

/** A `[ISO time, id]` cursor: the usual key of a newest-first list. */
export function isTimeIdCursor(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(new Date(v[0]).getTime());
}
