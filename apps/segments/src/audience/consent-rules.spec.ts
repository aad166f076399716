import { consentChangeApplies, contactDecision, type ConsentChange, type HeldConsent } from './consent-rules';

const at = (iso: string) => new Date(iso);
const held = (over: Partial<HeldConsent> = {}): HeldConsent => ({ granted: true, changedAt: at('2026-03-01T10:00:00.000Z'), erased: false, ...over });
const change = (over: Partial<ConsentChange> = {}): ConsentChange => ({ granted: false, changedAt: at('2026-03-01T11:00:00.000Z'), ...over });

/** Replays a sequence of changes the way the projection applies them. */
function replay(changes: ConsentChange[], start: HeldConsent | null = null): HeldConsent | null {
  let state = start;
  for (const c of changes) if (consentChangeApplies(state, c)) state = { granted: c.granted, changedAt: c.changedAt, erased: state?.erased ?? false };
  return state;
}

describe('consentChangeApplies', () => {
  it('applies the first change a member gets, and to a member known only from enrolment', () => {
    expect(consentChangeApplies(null, change({ granted: true }))).toBe(true);
    expect(consentChangeApplies(held({ granted: false, changedAt: null }), change({ granted: true }))).toBe(true);
  });

  it('applies a newer change either way', () => {
    expect(consentChangeApplies(held({ granted: true }), change({ granted: false }))).toBe(true);
    expect(consentChangeApplies(held({ granted: false }), change({ granted: true }))).toBe(true);
  });

  it('ignores an older change: a late grant never undoes a later withdrawal', () => {
    const withdrawn = held({ granted: false, changedAt: at('2026-03-01T11:00:00.000Z') });
    expect(consentChangeApplies(withdrawn, change({ granted: true, changedAt: at('2026-03-01T10:00:00.000Z') }))).toBe(false);
  });

  it('a redelivered change is a no-op; at the same instant a withdrawal wins over a grant', () => {
    const t = at('2026-03-01T10:00:00.000Z');
    expect(consentChangeApplies(held({ granted: true, changedAt: t }), change({ granted: true, changedAt: t }))).toBe(false);
    expect(consentChangeApplies(held({ granted: false, changedAt: t }), change({ granted: false, changedAt: t }))).toBe(false);
    expect(consentChangeApplies(held({ granted: true, changedAt: t }), change({ granted: false, changedAt: t }))).toBe(true);
    expect(consentChangeApplies(held({ granted: false, changedAt: t }), change({ granted: true, changedAt: t }))).toBe(false);
  });

  it('never applies anything to an erased member', () => {
    expect(consentChangeApplies(held({ erased: true, granted: false, changedAt: null }), change({ granted: true }))).toBe(false);
  });

  it('ends in the state of the latest change whatever the delivery order and duplicates', () => {
    const grant = change({ granted: true, changedAt: at('2026-03-01T09:00:00.000Z') });
    const withdraw = change({ granted: false, changedAt: at('2026-03-02T09:00:00.000Z') });
    const orders = [
      [grant, withdraw],
      [withdraw, grant],
      [withdraw, grant, withdraw, grant],
      [grant, grant, withdraw, withdraw, grant],
    ];
    for (const order of orders) expect(replay(order)).toEqual({ granted: false, changedAt: withdraw.changedAt, erased: false });
  });
});

describe('contactDecision', () => {
  it('contacts only members with marketing consent granted', () => {
    expect(contactDecision(held({ granted: true }))).toEqual({ contact: true });
  });

  it('skips withdrawn or never-given consent as no_consent', () => {
    expect(contactDecision(held({ granted: false }))).toEqual({ contact: false, reason: 'no_consent' });
    expect(contactDecision(held({ granted: false, changedAt: null }))).toEqual({ contact: false, reason: 'no_consent' });
  });

  it('skips members it has never heard of, and erased members whatever consent they had', () => {
    expect(contactDecision(null)).toEqual({ contact: false, reason: 'unknown_member' });
    expect(contactDecision(held({ granted: true, erased: true }))).toEqual({ contact: false, reason: 'erased' });
  });
});
