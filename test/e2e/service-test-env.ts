/**
 * Service-specific environment for tests, one place for all journeys. Feature work adds the
 * variables its service requires here (keys, windows, secrets for tests only).
 */
export const serviceTestEnv: Record<'members' | 'points' | 'segments' | 'feedback' | 'gateway', Record<string, string>> = {
  members: {
    MEMBERS_JOBS_INTERVAL_MS: '0',
    MEMBERS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    MEMBERS_ACTIVE_KEY_ID: 'k1',
    MEMBERS_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  },
  points: { POINTS_JOB_INTERVAL_MS: '0' },
  segments: { SEGMENTS_RECOMPUTE_INTERVAL_MS: '0' },
  feedback: {},
  gateway: {
    GATEWAY_TOKEN_SECRET: 'test-gateway-token-secret-0123456789abcdef',
    DEMO_CUSTOMER_TOKENS: 'true',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_AUTH_PER_IP: '1000000',
    RATE_LIMIT_PER_SUBJECT: '1000000',
    RATE_LIMIT_PER_API_KEY: '1000000',
  },
};
