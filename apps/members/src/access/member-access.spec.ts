import type { Actor } from '@app/common';
import { assertMemberAccess, decideView } from './member-access';

const actor = (over: Partial<Actor> = {}): Actor => ({ id: 'staff-1', role: 'service_agent', storeIds: [], ...over });
const member = { _id: 'm-1', preferredStoreId: 'store-1' };

describe('member access rules', () => {
  it('a customer acts only on their own member id', () => {
    expect(() => assertMemberAccess(actor({ role: 'customer', memberId: 'm-1' }), 'readProfile', 'm-1')).not.toThrow();
    expect(() => assertMemberAccess(actor({ role: 'customer', memberId: 'm-2' }), 'readProfile', 'm-1')).toThrow(/own membership/);
  });

  it('pos may not read profiles', () => {
    expect(() => assertMemberAccess(actor({ role: 'pos', storeIds: ['store-1'] }), 'readProfile', 'm-1')).toThrow(/may not/);
  });

  it('masks by default for staff; unmasked needs a permitted role and a reason', () => {
    expect(decideView(actor(), member, {})).toEqual({ unmasked: false });
    expect(decideView(actor(), member, { reason: 'complaint C-1' })).toEqual({ unmasked: true, reason: 'complaint C-1' });
    expect(() => decideView(actor(), member, { view: 'full' })).toThrow(/reason/);
    expect(() => decideView(actor({ role: 'marketing' }), member, { view: 'full', reason: 'x' })).toThrow(/unmasked/);
    expect(() => decideView(actor({ role: 'store_manager', storeIds: ['store-2'] }), member, { view: 'full', reason: 'x' })).toThrow(/unmasked/);
    expect(decideView(actor({ role: 'store_manager', storeIds: ['store-1'] }), member, { view: 'full', reason: 'x' }).unmasked).toBe(true);
  });

  it('a customer sees their own data unmasked', () => {
    expect(decideView(actor({ role: 'customer', memberId: 'm-1', id: 'm-1' }), member, {}).unmasked).toBe(true);
  });
});
