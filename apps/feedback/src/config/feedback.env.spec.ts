import { randomBytes } from 'node:crypto';
import { validateEnv } from '@app/common';
import { envProblems } from '@app/testing';
import { FeedbackEnv } from './feedback.env';

const key = () => randomBytes(32).toString('base64');
const base = () => ({
  NODE_ENV: 'development',
  PORT: '3004',
  MONGO_URL: 'mongodb://127.0.0.1:27017/loyalty_feedback',
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN: 'dev-internal-token-0123456789',
  FEEDBACK_ENCRYPTION_KEYS: `k1:${key()}`,
  FEEDBACK_ACTIVE_KEY_ID: 'k1',
  FEEDBACK_HASH_KEY: key(),
});

const problems = (env: Record<string, string | undefined>): string[] => envProblems(FeedbackEnv, env);

describe('FeedbackEnv', () => {
  it("accepts a valid configuration with the standards' defaults", () => {
    expect(validateEnv(FeedbackEnv, base())).toMatchObject({
      FEEDBACK_REOPEN_WINDOW_DAYS: 14,
      FEEDBACK_BUSINESS_HOURS: '09:00-21:00',
      FEEDBACK_BUSINESS_UTC_OFFSET_MINUTES: 480,
    });
  });

  it.each([
    ['FEEDBACK_ENCRYPTION_KEYS', { FEEDBACK_ENCRYPTION_KEYS: 'k1:dG9vLXNob3J0' }],
    ['FEEDBACK_ENCRYPTION_KEYS', { FEEDBACK_ENCRYPTION_KEYS: undefined }],
    ['FEEDBACK_ACTIVE_KEY_ID', { FEEDBACK_ACTIVE_KEY_ID: 'k9' }],
    ['FEEDBACK_HASH_KEY', { FEEDBACK_HASH_KEY: 'short' }],
    ['FEEDBACK_BUSINESS_HOURS', { FEEDBACK_BUSINESS_HOURS: '21:00-09:00' }],
    ['FEEDBACK_BUSINESS_DAYS', { FEEDBACK_BUSINESS_DAYS: '0,8' }],
    ['FEEDBACK_HOLIDAYS', { FEEDBACK_HOLIDAYS: '1 October' }],
    ['FEEDBACK_SLA_INTERVAL_MS', { FEEDBACK_SLA_INTERVAL_MS: '-5' }],
  ])('stops start-up naming %s when it is bad or missing', (name, override) => {
    const valid = base();
    const found = problems({ ...valid, ...override });
    expect(found.some((p) => p.includes(name))).toBe(true);
    expect(found.join(' ')).not.toContain(valid.FEEDBACK_ENCRYPTION_KEYS.slice(3, 20));
  });
});
