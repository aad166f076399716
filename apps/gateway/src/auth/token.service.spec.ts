import { createHmac } from 'node:crypto';
import { ManualClock, validateEnv, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { TokenService } from './token.service';
import { GATEWAY_ENV_VARS } from '../testing/gateway-env.fixture';

const base = GATEWAY_ENV_VARS;

function service(clock = new ManualClock('2026-03-01T00:00:00Z'), secret = base.GATEWAY_TOKEN_SECRET) {
  return { clock, tokens: new TokenService(validateEnv(GatewayEnv, { ...base, GATEWAY_TOKEN_SECRET: secret }), clock) };
}

const customer: Actor = { id: 'm-1', role: 'customer', storeIds: [], memberId: 'm-1' };

describe('TokenService', () => {
  it('round-trips an actor until expiry, then refuses with AUTH.TOKEN_EXPIRED', () => {
    const { clock, tokens } = service();
    const issued = tokens.issue(customer, 60);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 60, expiresAt: '2026-03-01T00:01:00.000Z' });
    expect(tokens.verify(issued.accessToken)).toEqual(customer);
    clock.advance(60_000);
    expect(() => tokens.verify(issued.accessToken)).toThrow(expect.objectContaining({ code: 'AUTH.TOKEN_EXPIRED', kind: 'unauthenticated' }));
  });

  it('refuses a token signed with another secret, a changed claim, another algorithm, and garbage', () => {
    const { tokens } = service();
    const other = service(undefined, 'b'.repeat(32)).tokens.issue(customer, 60).accessToken;
    expect(() => tokens.verify(other)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
    const [h, b, s] = tokens.issue(customer, 60).accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(b, 'base64url').toString()) as Record<string, unknown>;
    const changed = Buffer.from(JSON.stringify({ ...claims, mid: 'm-2' })).toString('base64url');
    expect(() => tokens.verify(`${h}.${changed}.${s}`)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(() => tokens.verify(`${none}.${b}.`)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
    for (const garbage of ['', 'a.b', 'a.b.c.d', '...']) expect(() => tokens.verify(garbage)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
  });

  it('never accepts a pos role in a token (POS callers use API keys)', () => {
    const { tokens } = service();
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: 'loyalty-gateway', sub: 'k', role: 'pos', sid: ['s'], iat: 0, exp: 4_000_000_000 })).toString('base64url');
    const sig = createHmac('sha256', base.GATEWAY_TOKEN_SECRET).update(`${header}.${body}`).digest('base64url');
    expect(() => tokens.verify(`${header}.${body}.${sig}`)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
  });
});

describe('GatewayEnv', () => {
  it('refuses a short token secret and a bad CORS list, naming the variable', () => {
    expect(() => validateEnv(GatewayEnv, { ...base, GATEWAY_TOKEN_SECRET: 'short' })).toThrow(/GATEWAY_TOKEN_SECRET must be at least 32 characters/);
    expect(() => validateEnv(GatewayEnv, { ...base, CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(/CORS_ORIGINS/);
    expect(() => validateEnv(GatewayEnv, { ...base, DEMO_CUSTOMER_TOKENS: 'yes' })).toThrow(/DEMO_CUSTOMER_TOKENS/);
    expect(validateEnv(GatewayEnv, { ...base, CORS_ORIGINS: 'http://localhost:5173, https://app.example.com', DEMO_CUSTOMER_TOKENS: 'true' })).toMatchObject({
      DEMO_CUSTOMER_TOKENS: true,
      RATE_LIMIT_WINDOW_MS: 60000,
    });
  });
});
