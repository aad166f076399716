/**
 * The consent rule of every campaign, as pure functions: who may be contacted for marketing, and
 * which consent change wins when events arrive late, twice or out of order.
 */

/** What the projection holds about one member's marketing consent. */
export interface HeldConsent {
  granted: boolean;
  /** When the consent applied was given or withdrawn (null: no consent event seen yet). */
  changedAt: Date | null;
  erased: boolean;
}

export interface ConsentChange {
  granted: boolean;
  changedAt: Date;
}

/**
 * Whether a consent change replaces what is held. Only a strictly newer change does, so a late or
 * redelivered older event never flips the state back; at the same instant a withdrawal wins over
 * a grant (never contact on a tie). Nothing applies to an erased member.
 */
export function consentChangeApplies(held: HeldConsent | null, change: ConsentChange): boolean {
  if (!held) return true;
  if (held.erased) return false;
  if (held.changedAt === null) return true;
  const incoming = change.changedAt.getTime();
  const current = held.changedAt.getTime();
  if (incoming !== current) return incoming > current;
  return held.granted && !change.granted;
}

export const SKIP_REASONS = ['no_consent', 'unknown_member', 'erased'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type ContactDecision = { contact: true } | { contact: false; reason: SkipReason };

/**
 * May this member be sent a marketing message now? Only with marketing consent granted. A member
 * the projection has never heard of is not contacted (unknown_member), nor is an erased one, nor
 * one whose consent is withdrawn or was never given (no_consent).
 */
export function contactDecision(held: HeldConsent | null): ContactDecision {
  if (!held) return { contact: false, reason: 'unknown_member' };
  if (held.erased) return { contact: false, reason: 'erased' };
  if (!held.granted) return { contact: false, reason: 'no_consent' };
  return { contact: true };
}
