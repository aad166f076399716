import { randomBytes } from 'node:crypto';
import { InvalidEnvironmentError, validateEnv, type BaseEnv } from '@app/common';

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A unique, obviously-test database name (the platform refuses others under NODE_ENV=test). */
export function testDatabaseUrl(service: string, suffix = uniqueSuffix()): string {
  const server = (process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27117').replace(/\/+$/, '');
  const [base, query] = server.split('?');
  return `${base}/${service}_${suffix}_test${query ? `?${query}` : ''}`;
}

export function testBrokers(): string {
  return process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:19092';
}

/**
 * A validated env for one service under test: its own database and consumer group prefix, so
 * tests never see each other's data or offsets.
 */
export function testEnv<E extends BaseEnv>(envClass: new () => E, service: string, overrides: Record<string, string> = {}): E {
  const suffix = uniqueSuffix();
  return validateEnv(envClass, {
    NODE_ENV: 'test',
    PORT: '0',
    MONGO_URL: testDatabaseUrl(service, suffix),
    KAFKA_BROKERS: testBrokers(),
    KAFKA_GROUP_PREFIX: `t${suffix}-`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    OUTBOX_SCAN_MS: '200',
    // The test broker's topics hold every earlier test's events: a new service must not replay them.
    CONSUMER_REPLAY_FROM: 'start',
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    ...overrides,
  });
}

/** The internal token every test env uses (services refuse calls without it). */
export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789';

/** What validating `source` as `envClass` refuses, one line per problem (empty: valid). */
export function envProblems<E extends object>(envClass: new () => E, source: Record<string, string | undefined>): string[] {
  try {
    validateEnv(envClass, source);
    return [];
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) return err.problems;
    throw err;
  }
}
