import { OPERATION_ROLES } from '../api/operation-roles';
import type { Role } from '../api/types';
import { homeFor, mayCall, PAGES, pagesFor } from './navigation';

const menu = (role: Role) =>
  pagesFor(role)
    .filter((p) => p.inMenu)
    .map((p) => p.key);

describe('role-aware navigation', () => {
  it('names only operations the gateway document has', () => {
    for (const page of PAGES) for (const op of page.needs) expect(Object.keys(OPERATION_ROLES)).toContain(op);
  });

  it('gives each staff role the pages its permissions allow', () => {
    expect(menu('admin')).toEqual(['members', 'service-desk', 'kpis', 'segments', 'campaigns', 'programme', 'rewards', 'stores', 'staff', 'audit-log']);
    expect(menu('service_agent')).toEqual(['members', 'service-desk', 'rewards']);
    expect(menu('store_manager')).toEqual(['members', 'service-desk', 'kpis', 'rewards']);
    expect(menu('auditor')).toEqual(['members', 'service-desk', 'kpis', 'segments', 'campaigns', 'programme', 'rewards', 'audit-log']); // stores: not their POS keys
    expect(menu('marketing')).toEqual(['segments', 'campaigns', 'programme', 'rewards']);
  });

  it('gives a customer their own membership page and the rewards they can buy', () => {
    expect(menu('customer')).toEqual(['me', 'rewards']);
    expect(homeFor('customer')).toBe('/me');
  });

  it('lands each role on the first page of its menu', () => {
    expect(homeFor('service_agent')).toBe('/members');
    expect(homeFor('marketing')).toBe('/segments');
  });

  it('gives the service desk to service staff and not to marketing or customers', () => {
    expect(menu('service_supervisor')).toContain('service-desk');
    expect(menu('marketing')).not.toContain('service-desk');
    expect(pagesFor('customer').map((p) => p.key)).not.toContain('case');
  });

  it('offers the points adjustment only to roles the catalogue allows', () => {
    expect(mayCall('service_supervisor', 'POST /v1/members/{memberId}/points/adjustments')).toBe(true);
    expect(mayCall('service_agent', 'POST /v1/members/{memberId}/points/adjustments')).toBe(false);
  });
});
