import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import type { MemberRef } from './member-ref.schema';
import { MemberRefRepository } from './member-ref.repository';
import { MembersClient } from './members.client';

export type MemberIdentifier = { memberId: string } | { cardNumber: string } | { phone: string };

/** Finds the member a sale belongs to, from the local projection or through the members service. */
@Injectable()
export class MemberDirectory {
  constructor(
    private readonly refs: MemberRefRepository,
    private readonly client: MembersClient,
  ) {}

  /** True if the member was erased (nothing may be given to them any more). */
  async isErased(memberId: string): Promise<boolean> {
    return this.refs.isErased(memberId);
  }

  /**
   * The member, or null if unknown (or erased). Card and phone never leave this call. A member id
   * the projection does not know yet (enrolled a moment ago: member.enrolled.v1 still on its way)
   * is asked of the members service; if that cannot answer, the sale is treated as unknown
   * (recorded and claimable) rather than refused.
   */
  async resolve(identifier: MemberIdentifier): Promise<MemberRef | null> {
    let found: { memberId: string; tier: string | null } | null;
    if ('memberId' in identifier) {
      const known = await this.refs.find(identifier.memberId);
      if (known) return known;
      if (await this.refs.isErased(identifier.memberId)) return null;
      found = await this.client.resolve({ by: 'memberId', memberId: identifier.memberId }).catch((err: unknown) => {
        if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'unavailable')) return null;
        throw err;
      });
      if (found && found.memberId !== identifier.memberId) return null;
    } else {
      found = await this.client.resolve(
        'cardNumber' in identifier ? { by: 'cardNumber', cardNumber: identifier.cardNumber } : { by: 'phone', phone: identifier.phone },
      );
    }
    if (!found) return null;
    const known = await this.refs.find(found.memberId);
    if (known) return known;
    await this.refs.ensureKnown(found.memberId, found.tier);
    return this.refs.find(found.memberId);
  }
}
