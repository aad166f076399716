import { Injectable } from '@nestjs/common';
import type { ConsentPurpose } from '@app/contracts';
import { AudienceRepository } from './audience.repository';
import { CONSENT_FIELDS, unknownMember, type AudienceMember } from './audience.schema';
import { consentChangeApplies, contactDecision, type ConsentChange, type ContactDecision, type HeldConsent } from './consent-rules';

/** Read-decide-write attempts before giving up (the consumer then retries the event). */
const MAX_ATTEMPTS = 5;

const held = (m: AudienceMember | null, purpose: ConsentPurpose = 'marketing'): HeldConsent | null =>
  m ? { granted: m[CONSENT_FIELDS[purpose].granted], changedAt: m[CONSENT_FIELDS[purpose].changedAt], erased: m.erased } : null;

/**
 * Keeps, per member, whether marketing and analytics consent are granted, from member events;
 * answers whether members may be contacted (marketing) or profiled (analytics) now. Each effect is idempotent and order-independent: a consent change
 * is applied only if newer than the one held (compare-and-set, so racing events cannot both win),
 * and an erasure is final.
 */
@Injectable()
export class ConsentProjection {
  constructor(private readonly audience: AudienceRepository) {}

  /** Apply a consent change for a purpose if it is newer than the one held; true if it was applied. */
  async applyConsent(memberId: string, purpose: ConsentPurpose, change: ConsentChange): Promise<boolean> {
    const f = CONSENT_FIELDS[purpose];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.audience.find(memberId);
      const before = held(current, purpose);
      if (!consentChangeApplies(before, change)) return false;
      const written = before
        ? await this.audience.replaceConsentIfUnchanged(memberId, purpose, before, change)
        : await this.audience.insertIfAbsent({ ...unknownMember(memberId), [f.granted]: change.granted, [f.changedAt]: change.changedAt });
      if (written) return true;
      // Another event for this member was written in between: decide again against it.
    }
    throw new Error(`${purpose} consent of member ${memberId} kept changing concurrently; the event will be retried`);
  }

  async recordEnrolment(memberId: string, enrolledAt: Date, tier: string, preferredStoreId: string): Promise<void> {
    await this.audience.markEnrolled(memberId, enrolledAt, preferredStoreId);
    await this.audience.applyTier(memberId, tier, enrolledAt);
  }

  async recordTier(memberId: string, tier: string, changedAt: Date): Promise<void> {
    await this.audience.applyTier(memberId, tier, changedAt);
  }

  async erase(memberId: string, erasedAt: Date): Promise<void> {
    await this.audience.erase(memberId, erasedAt);
  }

  /** Whether each member may be contacted for marketing at this moment (every id gets an answer). */
  async decide(memberIds: readonly string[]): Promise<Map<string, ContactDecision>> {
    const found = new Map((await this.audience.findMany(memberIds)).map((m) => [m._id, m]));
    return new Map(memberIds.map((id) => [id, contactDecision(held(found.get(id) ?? null))]));
  }
}
