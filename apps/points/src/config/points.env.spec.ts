import { InvalidEnvironmentError, validateEnv } from '@app/common';
import { PointsEnv } from './points.env';

const base = {
  NODE_ENV: 'test',
  PORT: '0',
  MONGO_URL: 'mongodb://127.0.0.1:27117/points_x_test',
  KAFKA_BROKERS: '127.0.0.1:19092',
  INTERNAL_TOKEN: 'test-internal-token-0123456789',
  MEMBERS_URL: 'http://members:3001',
};

describe('PointsEnv', () => {
  it('has the documented defaults', () => {
    expect(validateEnv(PointsEnv, base)).toMatchObject({
      POINTS_PENDING_DAYS: 14,
      POINTS_EXPIRY_MONTHS: 12,
      POINTS_CLAIM_WINDOW_DAYS: 30,
      POINTS_JOB_INTERVAL_MS: 60000,
      COUPON_VALIDITY_DAYS: 90,
      HTTP_BODY_LIMIT: '16mb',
    });
  });

  it('refuses to start without MEMBERS_URL or with a bad value, naming the variable', () => {
    const { MEMBERS_URL: _omit, ...without } = base;
    expect(() => validateEnv(PointsEnv, without)).toThrow(/MEMBERS_URL/);
    expect(() => validateEnv(PointsEnv, { ...base, MEMBERS_URL: 'members' })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv(PointsEnv, { ...base, POINTS_PENDING_DAYS: '-1' })).toThrow(/POINTS_PENDING_DAYS/);
  });
});
