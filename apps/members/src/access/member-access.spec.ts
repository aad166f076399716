import type { Actor } from '@app/common';
import { assertStoreScope, decideView } from './member-access';

const actor = (over: Partial<Actor> = {}): Actor => ({ id: 'staff-1', role: 'service_agent', storeIds: [], ...over });
const member = { _id: 'm-1', preferredStoreId: 'store-1' };

describe('member access rules', () => {
  it('store-bound callers act only for members of their stores', () => {
    expect(() => assertStoreScope(actor({ role: 'store_manager', storeIds: ['store-1'] }), 'store-1')).not.toThrow();
    expect(() => assertStoreScope(actor({ role: 'store_manager', storeIds: ['store-2'] }), 'store-1')).toThrow(/another store/);
    expect(() => assertStoreScope(actor({ role: 'service_agent' }), 'store-1')).not.toThrow();
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
