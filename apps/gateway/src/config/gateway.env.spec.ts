import { InvalidEnvironmentError, validateEnv } from '@app/common';
import { GatewayEnv } from './gateway.env';
import { GATEWAY_ENV_VARS } from '../testing/gateway-env.fixture';

const base = GATEWAY_ENV_VARS;

describe('GatewayEnv', () => {
  it('takes one URL or a comma-separated list of instances per service', () => {
    const env = validateEnv(GatewayEnv, { ...base, POINTS_URL: 'http://points-1:3002, http://points-2:3002' });
    expect(env.POINTS_URL).toBe('http://points-1:3002, http://points-2:3002');
  });

  it('refuses a list with something that is not an http(s) URL, naming the variable', () => {
    expect(() => validateEnv(GatewayEnv, { ...base, POINTS_URL: 'http://points-1:3002,points-2:3002' })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv(GatewayEnv, { ...base, POINTS_URL: 'http://points-1:3002,points-2:3002' })).toThrow(/POINTS_URL/);
  });

  it('allows the gateway more requests in flight than a service (it waits on them), with shared limits synced every second', () => {
    const env = validateEnv(GatewayEnv, base);
    expect(env).toMatchObject({ HTTP_MAX_IN_FLIGHT: 256, HTTP_RETRY_AFTER_SECONDS: 1, RATE_LIMIT_SYNC_MS: 1000, DOWNSTREAM_PROBE_MS: 1000 });
  });
});
