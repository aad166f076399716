import { holdoutDraw, inHoldout, treatmentDecision, uplift } from './treatment-rules';

const base = { campaignId: 'cmp_1', memberId: 'm-1', contact: { contact: true as const }, holdoutPercent: 0, cap: null, recentTreatments: 0 };

describe('holdout', () => {
  it('is deterministic per campaign and member, and close to the share over many members', () => {
    expect(holdoutDraw('cmp_1', 'm-1')).toBe(holdoutDraw('cmp_1', 'm-1'));
    const held = Array.from({ length: 10_000 }, (_, i) => inHoldout('cmp_1', `m-${i}`, 10)).filter(Boolean).length;
    expect(held).toBeGreaterThan(900);
    expect(held).toBeLessThan(1100);
  });

  it('draws differently per campaign, and never at 0 %', () => {
    const a = Array.from({ length: 200 }, (_, i) => inHoldout('cmp_a', `m-${i}`, 50));
    const b = Array.from({ length: 200 }, (_, i) => inHoldout('cmp_b', `m-${i}`, 50));
    expect(a).not.toEqual(b);
    expect(Array.from({ length: 200 }, (_, i) => inHoldout('cmp_a', `m-${i}`, 0)).some(Boolean)).toBe(false);
  });
});

describe('treatmentDecision', () => {
  it('treats a consenting member outside the holdout and under the cap', () => {
    expect(treatmentDecision(base)).toEqual({ outcome: 'treat' });
  });

  it('checks consent first: a member without it is skipped, never held out', () => {
    expect(treatmentDecision({ ...base, holdoutPercent: 100, contact: { contact: false, reason: 'no_consent' } })).toEqual({
      outcome: 'skip',
      reason: 'no_consent',
    });
    expect(treatmentDecision({ ...base, contact: { contact: false, reason: 'erased' } })).toEqual({ outcome: 'skip', reason: 'erased' });
  });

  it('holds out before the frequency cap, then caps', () => {
    expect(treatmentDecision({ ...base, holdoutPercent: 100, cap: { maxTreatments: 1, windowDays: 7 }, recentTreatments: 5 })).toEqual({ outcome: 'held_out' });
    expect(treatmentDecision({ ...base, cap: { maxTreatments: 2, windowDays: 7 }, recentTreatments: 2 })).toEqual({ outcome: 'skip', reason: 'frequency_cap' });
    expect(treatmentDecision({ ...base, cap: { maxTreatments: 2, windowDays: 7 }, recentTreatments: 1 })).toEqual({ outcome: 'treat' });
  });
});

describe('uplift', () => {
  it('is the treated conversion rate minus the held-out one', () => {
    expect(uplift({ members: 4, converted: 2 }, { members: 2, converted: 0 })).toEqual({ treatedRate: 0.5, heldOutRate: 0, uplift: 0.5 });
    expect(uplift({ members: 3, converted: 1 }, { members: 0, converted: 0 })).toEqual({ treatedRate: 0.3333, heldOutRate: null, uplift: null });
  });
});
