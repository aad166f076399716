/** The variables of a valid gateway environment for unit tests (no server behind the URLs). */
export const GATEWAY_ENV_VARS = {
  NODE_ENV: 'test',
  PORT: '0',
  MONGO_URL: 'mongodb://127.0.0.1:27117/gateway_x_test',
  KAFKA_BROKERS: '127.0.0.1:19092',
  INTERNAL_TOKEN: 'test-internal-token-0123456789',
  MEMBERS_URL: 'http://127.0.0.1:1',
  POINTS_URL: 'http://127.0.0.1:2',
  SEGMENTS_URL: 'http://127.0.0.1:3',
  FEEDBACK_URL: 'http://127.0.0.1:4',
  MESSAGING_URL: 'http://127.0.0.1:5',
  GATEWAY_TOKEN_SECRET: 'a'.repeat(32),
};
