import { DomainError } from './domain-error';

/** Stable code of a request refused because the database cannot be reached (retry later). */
export const DATABASE_UNAVAILABLE = 'PLATFORM.DATABASE_UNAVAILABLE';

/** Driver and mongoose errors that mean "the database is not reachable now", not "this request is wrong". */
const UNREACHABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
]);

/** Server codes of a node shutting down or stepping down (the operation never ran). */
const UNAVAILABLE_SERVER_CODES = new Set([
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
]);

/** Mongoose's own wording when an operation waited for a connection that never came. */
const BUFFERING_TIMEOUT = /buffering timed out after/;

const MAX_CAUSE_DEPTH = 5;

/**
 * True when `err` (or an error it was caused by) says the database is unreachable: a network
 * failure, no server selectable, a client not (or no longer) connected, a cleared pool, a node
 * shutting down, or mongoose giving up waiting for a connection.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const { name, code, message, cause } = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (typeof name === 'string' && UNREACHABLE_ERROR_NAMES.has(name)) return true;
    if (typeof code === 'number' && typeof name === 'string' && name.startsWith('Mongo') && UNAVAILABLE_SERVER_CODES.has(code)) return true;
    if (typeof message === 'string' && BUFFERING_TIMEOUT.test(message)) return true;
    current = cause;
  }
  return false;
}

/** The retryable refusal that replaces a database-unreachable error (503, Retry-After; no internals). */
export function databaseUnavailableError(): DomainError {
  return new DomainError(DATABASE_UNAVAILABLE, 'unavailable', 'The database is unreachable for a moment; retry after the time in Retry-After');
}
