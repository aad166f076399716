import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainError, INTERNAL_TOKEN_HEADER, InstancePool, parseInstanceUrls, RequestContext } from '@app/common';
import { MessagingEnv } from '../config/messaging.env';

/** A member's contact details as the members service answers at send time. Never stored, never logged. */
export interface MemberContact {
  memberId: string;
  status: 'active' | 'erased';
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string | null;
  marketingConsent: boolean;
}

export class MembersUnavailableError extends DomainError {
  constructor(detail: string) {
    super('MESSAGING.MEMBERS_UNAVAILABLE', 'unavailable', `The members service is unavailable: ${detail}`);
  }
}

/**
 * Client of the members service's internal routes: personal data is read where it is held, at
 * the moment it is needed, and withdrawn consent is recorded there (members owns consent).
 */
@Injectable()
export class MembersClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MembersClient.name);
  /** The members instances (MEMBERS_URL may list several): round-robin over the ready ones. */
  private readonly pool: InstancePool;

  constructor(private readonly env: MessagingEnv) {
    this.pool = new InstancePool('members', parseInstanceUrls(env.MEMBERS_URL), { probeIntervalMs: 1000, probeTimeoutMs: 1000 });
  }

  onModuleInit(): void {
    this.pool.start();
  }

  onModuleDestroy(): void {
    this.pool.stop();
  }

  /** The member's contact, or null when the members service does not know the id. */
  async contact(memberId: string): Promise<MemberContact | null> {
    const res = await this.call('GET', `/v1/internal/members/${encodeURIComponent(memberId)}/contact`);
    if (res.status === 404) return null;
    if (!res.ok) throw new MembersUnavailableError(`contact answered ${res.status}`);
    return (await res.json()) as MemberContact;
  }

  /** Withdraw the member's marketing consent; false when the member is unknown or erased. */
  async withdrawMarketing(memberId: string): Promise<boolean> {
    const res = await this.call('POST', `/v1/internal/members/${encodeURIComponent(memberId)}/consents/marketing/withdrawal`);
    if (res.status === 404) return false;
    if (!res.ok) throw new MembersUnavailableError(`withdrawal answered ${res.status}`);
    return true;
  }

  /** One call to one instance; an instance that refuses the connection leaves the rotation (the delivery is retried later). */
  private async call(method: 'GET' | 'POST', path: string): Promise<Response> {
    const base = this.pool.pick(new Set());
    if (base === undefined) throw new MembersUnavailableError('no members instance is ready');
    try {
      return await fetch(`${base}${path}`, {
        method,
        headers: { [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_TOKEN, 'x-correlation-id': RequestContext.correlationId() ?? '' },
        signal: AbortSignal.timeout(this.env.MEMBERS_TIMEOUT_MS),
      });
    } catch (err) {
      if (String((err as { cause?: { code?: unknown } }).cause?.code) === 'ECONNREFUSED') this.pool.markDown(base);
      this.logger.warn({ msg: 'members call failed', method, error: String(err) });
      throw new MembersUnavailableError(String(err));
    }
  }
}
