import type { Actor } from '@app/common';
import { authorize as authorizePermission, type Decision, type RequestFacts } from '@app/access';
import type { RouteSpec } from './route-table';

export type { Decision, RequestFacts };
export { readPlace } from '@app/access';

/** The gateway's decision for a route: the catalogue permission the route names (libs/access). */
export function authorize(route: RouteSpec, actor: Actor | null, facts: RequestFacts): Decision {
  return authorizePermission(route.permission, actor, facts);
}
