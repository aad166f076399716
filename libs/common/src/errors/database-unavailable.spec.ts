import {
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import mongoose from 'mongoose';
// The driver and mongoose do not export these by name; they are what a cleared pool / failed connect throw.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MongooseServerSelectionError = require('mongoose/lib/error/serverSelection') as new (message: string) => Error;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PoolClearedError } = require('mongodb/lib/cmap/errors') as { PoolClearedError: new (pool: unknown) => Error };
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './database-unavailable';
import { ProblemFilter, toProblem } from './problem.filter';

const unreachable: Array<[string, unknown]> = [
  ['MongoNetworkError', new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed')],
  ['MongoNetworkTimeoutError', new MongoNetworkTimeoutError('connection timed out')],
  ['MongoServerSelectionError', new MongoServerSelectionError('Server selection timed out after 2000 ms', { error: undefined, servers: new Map() } as never)],
  ['MongooseServerSelectionError', new MongooseServerSelectionError('connect ECONNREFUSED 10.0.0.5:27017')],
  ['MongoNotConnectedError', new MongoNotConnectedError('Client must be connected before running operations')],
  ['MongoPoolClearedError', new PoolClearedError({ address: '10.0.0.5:27017' })],
  ['MongoTopologyClosedError', new MongoTopologyClosedError()],
  ['a server shutting down (ShutdownInProgress)', new MongoServerError({ message: 'The server is in quiesce mode and will shut down', code: 91 })],
  ['a primary stepping down (NotWritablePrimary)', new MongoServerError({ message: 'not primary', code: 10107 })],
  ['mongoose buffering timeout', new mongoose.Error('Operation `members.findOne()` buffering timed out after 10000ms')],
  ['a wrapped network error (cause)', new Error('read failed', { cause: new MongoNetworkError('socket hang up') })],
];

describe('isDatabaseUnavailable', () => {
  it.each(unreachable)('%s is the database being unreachable', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a duplicate key', new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 })],
    ['a failed validation', new mongoose.Error.ValidationError()],
    ['a plain error', new Error('boom')],
    ['a non-error', 'network'],
    ['a non-driver error with a shutdown code', Object.assign(new Error('x'), { code: 91 })],
  ])('%s is not', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('toProblem of an unreachable database', () => {
  it.each(unreachable)('%s is a retryable 503 PLATFORM.DATABASE_UNAVAILABLE without internals', (_what, err) => {
    const p = toProblem(err, 'c-9', '/v1/members');
    expect(p).toMatchObject({ status: 503, code: DATABASE_UNAVAILABLE, correlationId: 'c-9', instance: '/v1/members' });
    expect(JSON.stringify(p)).not.toMatch(/10\.0\.0\.5|27017|Mongo/);
  });
});

describe('ProblemFilter on an unreachable database', () => {
  function respond(exception: unknown, retryAfterSeconds?: number) {
    const headers = new Map<string, string>();
    const sent: { status?: number; body?: unknown } = {};
    const res = {
      headersSent: false,
      hasHeader: (name: string) => headers.has(name),
      setHeader: (name: string, value: string) => headers.set(name, value),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type() {
        return this;
      },
      json(body: unknown) {
        sent.body = body;
      },
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/members?x=1' }), getResponse: () => res }) };
    new ProblemFilter(retryAfterSeconds).catch(exception, host as never);
    return { headers, ...sent };
  }

  it('answers 503 with Retry-After (the configured seconds) and the stable code', () => {
    const out = respond(new MongoNotConnectedError('Client must be connected before running operations'), 3);
    expect(out.status).toBe(503);
    expect(out.headers.get('retry-after')).toBe('3');
    expect(out.body).toMatchObject({ code: DATABASE_UNAVAILABLE, instance: '/v1/members' });
  });

  it('leaves an unknown error a 500 without Retry-After', () => {
    const out = respond(new Error('boom'));
    expect(out.status).toBe(500);
    expect(out.headers.has('retry-after')).toBe(false);
  });
});
