import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@app/contracts';
import { testEnv } from '@app/testing';
import { MembersEnv } from '../config/members.env';

/** A members env for int-specs: fresh keys, no background scheduler. */
export function membersTestEnv(overrides: Record<string, string> = {}): MembersEnv {
  return testEnv(MembersEnv, 'members', {
    MEMBERS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`,
    MEMBERS_ACTIVE_KEY_ID: 'k2',
    MEMBERS_HASH_KEY: randomBytes(32).toString('base64'),
    DEFAULT_PHONE_REGION: 'CN',
    MEMBERS_JOBS_INTERVAL_MS: '0',
    ...overrides,
  });
}

/** A unique, valid Chinese mobile number (national format). */
export function uniqueMobile(): string {
  return `139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
}

export function enrolBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'store',
    name: '张三',
    phone: uniqueMobile(),
    email: `m${randomBytes(4).toString('hex')}@Example.com`,
    birthday: '1990-05-17',
    preferredStoreId: 'store-1',
    memberClass: 'regular',
    consents: { marketing: { granted: true, policyVersion: 'p-2026-01' }, analytics: { granted: false, policyVersion: 'p-2026-01' } },
    ...over,
  };
}

export type Envelope<P = Record<string, unknown>> = EventEnvelope<P>;
