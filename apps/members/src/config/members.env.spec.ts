import { randomBytes } from 'node:crypto';
import { validateEnv } from '@app/common';
import { envProblems } from '@app/testing';
import { MembersEnv } from './members.env';

const key = () => randomBytes(32).toString('base64');
const base = () => ({
  NODE_ENV: 'development',
  PORT: '3001',
  MONGO_URL: 'mongodb://127.0.0.1:27017/loyalty_members',
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN: 'dev-internal-token-0123456789',
  MEMBERS_ENCRYPTION_KEYS: `k1:${key()},k2:${key()}`,
  MEMBERS_ACTIVE_KEY_ID: 'k2',
  MEMBERS_HASH_KEY: key(),
});

const problems = (env: Record<string, string>): string[] => envProblems(MembersEnv, env);

describe('MembersEnv', () => {
  it('accepts a valid configuration with sensible defaults', () => {
    const env = validateEnv(MembersEnv, base());
    expect(env).toMatchObject({
      DEFAULT_PHONE_REGION: 'CN',
      MEMBERS_TIER_QUALIFICATION: 'rolling_12_months',
      MEMBERS_TIER_GRACE_DAYS: 30,
      MEMBERS_TIER_CURRENCY: 'CNY',
    });
  });

  it.each([
    ['MEMBERS_ENCRYPTION_KEYS', { MEMBERS_ENCRYPTION_KEYS: 'k1:dG9vLXNob3J0' }],
    ['MEMBERS_ENCRYPTION_KEYS', { MEMBERS_ENCRYPTION_KEYS: undefined }],
    ['MEMBERS_ACTIVE_KEY_ID', { MEMBERS_ACTIVE_KEY_ID: 'k9' }],
    ['MEMBERS_HASH_KEY', { MEMBERS_HASH_KEY: 'short' }],
    ['DEFAULT_PHONE_REGION', { DEFAULT_PHONE_REGION: 'XX' }],
    ['MEMBERS_TIER_QUALIFICATION', { MEMBERS_TIER_QUALIFICATION: 'weekly' }],
    ['MEMBERS_TIER_GRACE_DAYS', { MEMBERS_TIER_GRACE_DAYS: '-1' }],
  ])('stops start-up naming %s when it is bad or missing', (name, override) => {
    const valid = base();
    const found = problems({ ...valid, ...override } as Record<string, string>);
    expect(found.some((p) => p.includes(name))).toBe(true);
    // The key material itself never appears in the message.
    expect(found.join(' ')).not.toContain(valid.MEMBERS_HASH_KEY);
    expect(found.join(' ')).not.toContain(valid.MEMBERS_ENCRYPTION_KEYS.slice(3, 20));
  });
});
