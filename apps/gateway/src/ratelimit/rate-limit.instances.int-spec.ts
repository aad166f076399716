import type { Actor } from '@app/common';
import { startTestService, TEST_INTERNAL_TOKEN, testEnv, uniqueSuffix, type RunningTestService } from '@app/testing';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayService } from '../gateway.service-descriptor';
import { DownstreamStub } from '../testing/downstream-stub';
import { RateLimitedError, RateLimitService } from './rate-limit.service';

/** A per-key limit shared by two gateway instances through their database (real database). */
describe('rate limits across two gateway instances (real database)', () => {
  let stubs: DownstreamStub[];
  let one: RunningTestService;
  let two: RunningTestService;

  beforeAll(async () => {
    stubs = await Promise.all(['members', 'points', 'segments', 'feedback', 'messaging'].map((n) => new DownstreamStub(n, TEST_INTERNAL_TOKEN).start()));
    const [members, points, segments, feedback, messaging] = stubs;
    const env = testEnv(GatewayEnv, 'gateway', {
      GATEWAY_TOKEN_SECRET: 'test-gateway-token-secret-0123456789abcdef',
      MEMBERS_URL: members.url,
      POINTS_URL: points.url,
      SEGMENTS_URL: segments.url,
      FEEDBACK_URL: feedback.url,
      MESSAGING_URL: messaging.url,
      RATE_LIMIT_PER_API_KEY: '10',
      RATE_LIMIT_WINDOW_MS: '3600000',
      // Synced by the test, not by a timer: the interleaving is chosen below.
      RATE_LIMIT_SYNC_MS: '0',
    });
    one = await startTestService(gatewayService, env, { consume: false });
    two = await startTestService(gatewayService, env, { consume: false });
  });

  afterAll(async () => {
    await two?.close({ keepDatabase: true });
    await one?.close();
    for (const s of stubs ?? []) await s.stop();
  });

  it('refuses a key once the hits of both instances together reach its limit', async () => {
    const till: Actor = { id: `key_${uniqueSuffix()}`, role: 'pos', storeIds: ['store-1'] };
    const limitsOne = one.app.get(RateLimitService);
    const limitsTwo = two.app.get(RateLimitService);
    for (let i = 0; i < 6; i++) limitsOne.caller(till);
    await limitsOne.sync();
    // Instance two has admitted one hit so far; its sync reports it and learns the other six.
    limitsTwo.caller(till);
    await limitsTwo.sync();
    for (let i = 0; i < 3; i++) expect(limitsTwo.caller(till)).toMatchObject({ allowed: true });
    expect(() => limitsTwo.caller(till)).toThrow(RateLimitedError);
    // The stated inaccuracy: instance one has not learned two's hits since its last sync, so it
    // admits an 11th hit; its next sync (reporting that hit) brings the total back, and it refuses.
    await limitsTwo.sync();
    expect(limitsOne.caller(till)).toMatchObject({ allowed: true });
    await limitsOne.sync();
    expect(() => limitsOne.caller(till)).toThrow(RateLimitedError);
  });
});
