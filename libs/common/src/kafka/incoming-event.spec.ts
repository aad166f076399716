import { randomUUID } from 'node:crypto';
import { parseIncomingEvent } from './incoming-event';

function envelope(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'purchase.recorded',
    version: 1,
    occurredAt: '2026-03-01T10:00:00.000Z',
    source: 'points',
    correlationId: 'corr-12345678',
    causationId: null,
    partitionKey: 'm-1',
    payload: {
      purchaseId: 'p-1',
      memberId: 'm-1',
      storeId: 's-1',
      amountMinor: 1999,
      currency: 'CNY',
      categories: [{ category: 'food', amountMinor: 1999 }],
      occurredAt: '2026-03-01T10:00:00.000Z',
    },
    ...overrides,
  };
}

describe('parseIncomingEvent', () => {
  it('accepts a valid envelope on its own topic', () => {
    const r = parseIncomingEvent('purchase.recorded.v1', envelope());
    expect(r.ok).toBe(true);
  });

  it('rejects a non-object value', () => {
    expect(parseIncomingEvent('purchase.recorded.v1', 'text')).toMatchObject({ ok: false, code: 'EVENT.MALFORMED' });
    expect(parseIncomingEvent('purchase.recorded.v1', undefined)).toMatchObject({ ok: false, code: 'EVENT.MALFORMED' });
  });

  it('names missing envelope fields', () => {
    const r = parseIncomingEvent('purchase.recorded.v1', envelope({ id: undefined, source: 3 }));
    expect(r).toMatchObject({ ok: false, code: 'EVENT.INVALID_ENVELOPE' });
    if (!r.ok) expect(r.violations.map((v) => v.field)).toEqual(['id', 'source']);
  });

  it('rejects an event on the wrong topic', () => {
    expect(parseIncomingEvent('purchase.returned.v1', envelope())).toMatchObject({ ok: false, code: 'EVENT.TOPIC_MISMATCH' });
  });

  it('rejects an unknown event type', () => {
    expect(parseIncomingEvent('nope.v1', envelope({ type: 'nope' }))).toMatchObject({ ok: false, code: 'EVENT.UNKNOWN_TYPE' });
  });

  it('validates the payload against its contract, with nested field paths', () => {
    const bad = envelope();
    (bad.payload as Record<string, unknown>).categories = [{ category: 'food', amountMinor: -5 }];
    const r = parseIncomingEvent('purchase.recorded.v1', bad);
    expect(r).toMatchObject({ ok: false, code: 'EVENT.INVALID_PAYLOAD' });
    if (!r.ok) expect(r.violations).toContainEqual(expect.objectContaining({ field: 'payload.categories[0].amountMinor', rule: 'min' }));
  });

  it('rejects a bad date', () => {
    expect(parseIncomingEvent('purchase.recorded.v1', envelope({ occurredAt: 'yesterday' }))).toMatchObject({ ok: false, code: 'EVENT.INVALID_ENVELOPE' });
  });
});
