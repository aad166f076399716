import { encodeActor, INTERNAL_TOKEN_HEADER, ACTOR_HEADER, type Actor } from '@app/common';
import { TEST_INTERNAL_TOKEN } from './test-env';

/** Headers the gateway would add for this actor (for tests that call a service directly). */
export function asActor(actor: Actor, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN, [ACTOR_HEADER]: encodeActor(actor), ...extra };
}

export const testActors = {
  admin: (): Actor => ({ id: 'staff-admin', role: 'admin', storeIds: [] }),
  pos: (storeId = 'store-1'): Actor => ({ id: `pos-key-${storeId}`, role: 'pos', storeIds: [storeId] }),
  customer: (memberId: string): Actor => ({ id: memberId, role: 'customer', storeIds: [], memberId }),
  agent: (): Actor => ({ id: 'staff-agent', role: 'service_agent', storeIds: [] }),
};

/** JSON request helper returning status, headers and parsed body. */
export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.headers ?? { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}
