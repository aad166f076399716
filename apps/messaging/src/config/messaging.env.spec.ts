import { validateEnv } from '@app/common';
import { envProblems } from '@app/testing';
import { parseQuietHours } from '../deliveries/delivery-policy';
import { MessagingEnv } from './messaging.env';

const base = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'development',
  PORT: '3005',
  MONGO_URL: 'mongodb://127.0.0.1:27017/loyalty_messaging',
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN: 'dev-internal-token-0123456789',
  MEMBERS_URL: 'http://127.0.0.1:3001',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  PUBLIC_BASE_URL: 'http://localhost:3000',
  MESSAGING_LINK_SECRET: 'dev-messaging-link-secret-0123456789abcdef',
  ...extra,
});

const problems = (env: Record<string, string>): string[] => envProblems(MessagingEnv, env);

describe('MessagingEnv: quiet hours', () => {
  it('default to 21:00-08:00, and an empty variable keeps that default (empty counts as unset)', () => {
    expect(parseQuietHours(validateEnv(MessagingEnv, base()).MESSAGING_QUIET_HOURS)).toEqual({ startMinute: 21 * 60, endMinute: 8 * 60 });
    expect(validateEnv(MessagingEnv, base({ MESSAGING_QUIET_HOURS: '' })).MESSAGING_QUIET_HOURS).toBe('21:00-08:00');
  });

  it('are turned off with `off`', () => {
    expect(parseQuietHours(validateEnv(MessagingEnv, base({ MESSAGING_QUIET_HOURS: 'off' })).MESSAGING_QUIET_HOURS)).toBeNull();
  });

  it.each(['21:00', '25:00-08:00', 'none', '21:00-08:00 '])('refuse %j naming the variable and the format', (value) => {
    expect(problems(base({ MESSAGING_QUIET_HOURS: value }))).toEqual(['MESSAGING_QUIET_HOURS must be HH:MM-HH:MM or off']);
  });
});
