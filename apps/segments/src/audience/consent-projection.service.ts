import { Injectable } from '@nestjs/common';
import { AudienceRepository } from './audience.repository';
import type { AudienceMember } from './audience.schema';
import { consentChangeApplies, contactDecision, type ConsentChange, type ContactDecision, type HeldConsent } from './consent-rules';

/** Read-decide-write attempts before giving up (the consumer then retries the event). */
const MAX_ATTEMPTS = 5;

const held = (m: AudienceMember | null): HeldConsent | null => (m ? { granted: m.marketingGranted, changedAt: m.marketingChangedAt, erased: m.erased } : null);

/**
 * Keeps, per member, whether marketing consent is granted, from member events; answers whether
 * members may be contacted now. Each effect is idempotent and order-independent: a consent change
 * is applied only if newer than the one held (compare-and-set, so racing events cannot both win),
 * and an erasure is final.
 */
@Injectable()
export class ConsentProjection {
  constructor(private readonly audience: AudienceRepository) {}

  /** Apply a marketing consent change if it is newer than the one held; true if it was applied. */
  async applyMarketingConsent(memberId: string, change: ConsentChange): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.audience.find(memberId);
      if (!consentChangeApplies(held(current), change)) return false;
      const written = current
        ? await this.audience.replaceConsentIfUnchanged(memberId, { granted: current.marketingGranted, changedAt: current.marketingChangedAt }, change)
        : await this.audience.insertIfAbsent({ _id: memberId, marketingGranted: change.granted, marketingChangedAt: change.changedAt, enrolledAt: null, erased: false, erasedAt: null });
      if (written) return true;
      // Another event for this member was written in between: decide again against it.
    }
    throw new Error(`marketing consent of member ${memberId} kept changing concurrently; the event will be retried`);
  }

  async recordEnrolment(memberId: string, enrolledAt: Date): Promise<void> {
    await this.audience.markEnrolled(memberId, enrolledAt);
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
