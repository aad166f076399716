import { FEEDBACK_TEST_ENV } from '../../apps/feedback/src/testing/feedback-test-kit';

/**
 * Service-specific environment for tests, one place for all journeys. Feature work adds the
 * variables its service requires here (keys, windows, secrets for tests only).
 */
export const serviceTestEnv: Record<'members' | 'points' | 'segments' | 'feedback' | 'messaging' | 'gateway', Record<string, string>> = {
  members: {
    MEMBERS_JOBS_INTERVAL_MS: '0',
    MEMBERS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    MEMBERS_ACTIVE_KEY_ID: 'k1',
    MEMBERS_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  },
  points: { POINTS_JOB_INTERVAL_MS: '0' },
  segments: { SEGMENTS_RECOMPUTE_INTERVAL_MS: '0' },
  feedback: FEEDBACK_TEST_ENV,
  // SMTP: Mailpit of the test profile (scripts/test-infra.mjs exports TEST_SMTP_URL). Links point
  // at a placeholder origin; tests follow them through the gateway by path.
  messaging: {
    SMTP_URL: process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:11025',
    PUBLIC_BASE_URL: 'http://gateway.test',
    MESSAGING_LINK_SECRET: 'test-messaging-link-secret-0123456789abcdef',
    // Journeys run at any hour of the day; quiet hours have their own test in apps/messaging.
    MESSAGING_QUIET_HOURS: 'off',
    MESSAGING_POLL_MS: '100',
    MESSAGING_RETRY_BASE_MS: '200',
    MESSAGING_RETRY_MAX_MS: '1000',
  },
  gateway: {
    GATEWAY_TOKEN_SECRET: 'test-gateway-token-secret-0123456789abcdef',
    DEMO_CUSTOMER_TOKENS: 'true',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_AUTH_PER_IP: '1000000',
    RATE_LIMIT_PER_SUBJECT: '1000000',
    RATE_LIMIT_PER_API_KEY: '1000000',
  },
};
