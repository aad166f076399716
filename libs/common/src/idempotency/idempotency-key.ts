import { ValidationFailedError } from '../errors/domain-error';

/** Request header by which a client makes a create retry-safe (the same key replays the first answer). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Response header set on an answer replayed to a retry (POS sales and returns, enrolment). */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * The client's `Idempotency-Key` checked (1 to 128 visible ASCII characters), or undefined when
 * absent. A bad key is a 400 naming the header, never a silently ignored retry guard.
 */
export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!KEY_PATTERN.test(raw)) {
    throw new ValidationFailedError([{ field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' }]);
  }
  return raw;
}
