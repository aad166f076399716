import { decideGrant, grantCouponId } from './coupon-grants';

describe('coupon grants: decision', () => {
  const reward = (overrides: Partial<{ active: boolean; couponValidityDays: number }> = {}) => ({ active: true, couponValidityDays: 30, ...overrides });

  it('issues a coupon of an active reward to a member who was not erased, with the reward validity', () => {
    expect(decideGrant(reward({ couponValidityDays: 14 }), false)).toEqual({ kind: 'issue', validityDays: 14 });
  });

  it('refuses an unknown reward', () => {
    expect(decideGrant(null, false)).toEqual({ kind: 'refuse', reason: 'reward_not_found' });
  });

  it('refuses a withdrawn reward', () => {
    expect(decideGrant(reward({ active: false }), false)).toEqual({ kind: 'refuse', reason: 'reward_inactive' });
  });

  it('refuses an erased member before anything else', () => {
    expect(decideGrant(null, true)).toEqual({ kind: 'refuse', reason: 'member_erased' });
  });
});

describe('coupon grants: coupon id', () => {
  it('is stable per grant id and differs between grants', () => {
    expect(grantCouponId('fb-1')).toBe(grantCouponId('fb-1'));
    expect(grantCouponId('fb-1')).not.toBe(grantCouponId('fb-2'));
    expect(grantCouponId('fb-1')).toMatch(/^cpn-g-[0-9a-f]{24}$/);
  });
});
