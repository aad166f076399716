import { testActors, TopicReader, uniqueSuffix } from '@app/testing';
import { LEDGER_ENTRY_MODEL } from '../ledger/ledger.schema';
import { PURCHASE_MODEL } from './pos.schema';
import { call, enrol, saleBody, startPoints, type PointsHarness } from '../testing/points-test-kit';

/**
 * Sale integrity against the real broker and database: a sale whose amounts, currency or date
 * cannot be believed is refused with a stable code naming the field and the amounts, and leaves
 * no effect (no purchase, no ledger line, no balance, no event); batches report it per item.
 */
describe('points: sale integrity (real Kafka + database)', () => {
  let h: PointsHarness;
  let reader: TopicReader;
  const pos = testActors.pos('store-1');
  const admin = testActors.admin();

  const sale = (body: Record<string, unknown>, actor = pos) => call(h.svc, actor, 'POST', '/v1/pos/transactions', body);
  const ret = (body: Record<string, unknown>) => call(h.svc, pos, 'POST', '/v1/pos/returns', body);
  const balance = async (memberId: string) =>
    (await call<{ available: number; pending: number }>(h.svc, admin, 'GET', `/v1/members/${memberId}/points/balance`)).body;
  const purchaseOf = (body: Record<string, unknown>) => `${body.storeId as string}:${body.transactionId as string}`;

  /** Nothing of the sale exists: no purchase (and so none of its outbox events), no ledger line. */
  async function expectNoEffect(body: Record<string, unknown>): Promise<void> {
    const id = purchaseOf(body);
    expect(await h.svc.connection.model(PURCHASE_MODEL).exists({ _id: id })).toBeNull();
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ 'reference.purchaseId': id })).toBe(0);
  }

  beforeAll(async () => {
    h = await startPoints('2026-03-01T12:00:00.000Z', { POINTS_STORE_CURRENCIES: 'store-hk=HKD|CNY', POINTS_ANOMALY_MIN_HISTORY: '5' });
    reader = await TopicReader.start(['purchase.recorded.v1', 'points.earned.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('one line of 10.00 with a total of 1,000,000 is a 422 POS.TOTAL_MISMATCH naming both amounts, and leaves no balance nor event', async () => {
    const memberId = await enrol(h.svc);
    const forged = saleBody({
      member: { memberId },
      lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: 1000 }],
      totalMinor: 1_000_000,
      tender: 'card',
    });
    const res = await sale(forged);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'POS.TOTAL_MISMATCH',
      details: { field: 'totalMinor', expectedMinor: 1000, givenMinor: 1_000_000, toleranceMinor: 0 },
      errors: [expect.objectContaining({ field: 'totalMinor', rule: 'equalsLines' })],
    });
    await expectNoEffect(forged);
    expect(await balance(memberId)).toMatchObject({ available: 0, pending: 0 });

    // The member's next honest sale goes out on the same partition: the refused one never did.
    const honest = saleBody({ member: { memberId } });
    expect((await sale(honest)).status).toBe(201);
    await reader.waitFor((m) => m.topic === 'purchase.recorded.v1' && m.key === memberId);
    await reader.waitFor((m) => m.topic === 'points.earned.v1' && m.key === memberId);
    const mine = reader.messages.filter((m) => m.key === memberId).map((m) => m.json<{ payload: { purchaseId: string } }>().payload.purchaseId);
    expect(mine).not.toContain(purchaseOf(forged));
    expect(await balance(memberId)).toMatchObject({ pending: 25 });
  });

  it('a tender split that does not add up, or a line discount above its line, is a 422 with no effect', async () => {
    const memberId = await enrol(h.svc);
    const tender = saleBody({
      member: { memberId },
      tender: [
        { type: 'card', amountMinor: 2000 },
        { type: 'cash', amountMinor: 100 },
      ],
    });
    const t = await sale(tender);
    expect(t.status).toBe(422);
    expect(t.body).toMatchObject({ code: 'POS.TENDER_MISMATCH', details: { field: 'tender', expectedMinor: 2500, givenMinor: 2100 } });
    await expectNoEffect(tender);

    const discount = saleBody({
      member: { memberId },
      lines: [{ sku: 'A', category: 'home', quantity: 1, unitPriceMinor: 1000, discountMinor: 1500 }],
      totalMinor: 0,
      tender: 'card',
    });
    const d = await sale(discount);
    expect(d.status).toBe(422);
    expect(d.body).toMatchObject({
      code: 'POS.LINE_DISCOUNT_EXCEEDS_LINE',
      details: { field: 'lines[0].discountMinor', expectedMaxMinor: 1000, givenMinor: 1500 },
    });
    await expectNoEffect(discount);
    expect(await balance(memberId)).toMatchObject({ available: 0, pending: 0 });
  });

  it('a currency the store does not accept is refused before any effect; a store override accepts its own', async () => {
    const memberId = await enrol(h.svc);
    const xyz = saleBody({ member: { memberId }, currency: 'XYZ' });
    const res = await sale(xyz);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'POS.CURRENCY_NOT_ACCEPTED', details: { field: 'currency', given: 'XYZ', accepted: ['CNY'] } });
    await expectNoEffect(xyz);
    expect((await sale(saleBody({ member: { memberId }, currency: 'HKD' }))).status).toBe(422);

    const hk = saleBody({ member: { memberId }, storeId: 'store-hk', currency: 'HKD' });
    expect((await sale(hk, testActors.pos('store-hk'))).status).toBe(201);
  });

  it('a sale that earns nothing (an excluded category) is still recorded and published', async () => {
    const memberId = await enrol(h.svc);
    const giftCard = saleBody({ member: { memberId }, lines: [{ sku: 'GC-100', category: 'gift_card', quantity: 1, unitPriceMinor: 10000 }] });
    const res = await sale(giftCard);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ points: { earned: 0 } });
    expect(await h.svc.connection.model(PURCHASE_MODEL).exists({ _id: purchaseOf(giftCard) })).not.toBeNull();
    await reader.waitFor(
      (m) => m.topic === 'purchase.recorded.v1' && m.json<{ payload: { purchaseId: string } }>().payload.purchaseId === purchaseOf(giftCard),
    );
  });

  it('occurredAt beyond the claim window or more than 5 minutes ahead is refused; a retry of a sale recorded in time keeps its answer', async () => {
    const memberId = await enrol(h.svc);
    const old = saleBody({ member: { memberId }, occurredAt: '1999-01-01T00:00:00.000Z' });
    const tooOld = await sale(old);
    expect(tooOld.status).toBe(422);
    expect(tooOld.body).toMatchObject({
      code: 'POS.OCCURRED_AT_TOO_OLD',
      details: { field: 'occurredAt', earliest: '2026-01-30T12:00:00.000Z', maxAgeDays: 30 },
    });
    await expectNoEffect(old);

    const ahead = saleBody({ member: { memberId }, occurredAt: '2026-03-01T12:06:00.000Z' });
    const future = await sale(ahead);
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'POS.OCCURRED_AT_IN_FUTURE', details: { latest: '2026-03-01T12:05:00.000Z', maxFutureMinutes: 5 } });
    await expectNoEffect(ahead);
    expect((await sale(saleBody({ member: { memberId }, occurredAt: '2026-03-01T12:04:00.000Z' }))).status).toBe(201);

    // Recorded in time, retried after the window has moved on: the original answer, not a refusal.
    const inTime = saleBody({ member: { memberId } });
    const first = await sale(inTime);
    expect(first.status).toBe(201);
    h.clock.set('2026-04-15T12:00:00.000Z');
    try {
      const retry = await sale(inTime);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    } finally {
      h.clock.set('2026-03-01T12:00:00.000Z');
    }
  });

  it('an offline batch applies the same rules per transaction and reports each refusal in its item', async () => {
    const memberId = await enrol(h.svc);
    const good = saleBody({ member: { memberId } });
    const stale = saleBody({ member: { memberId }, occurredAt: '2026-01-01T00:00:00.000Z' });
    const forged = saleBody({
      member: { memberId },
      lines: [{ sku: 'X', category: 'grocery', quantity: 1, unitPriceMinor: 100 }],
      totalMinor: 100_000,
      tender: 'card',
    });
    const foreign = saleBody({ member: { memberId }, currency: 'USD' });
    const res = await call<{ succeeded: number; failed: number; results: Array<Record<string, unknown>> }>(h.svc, pos, 'POST', '/v1/pos/transactions/batch', {
      storeId: 'store-1',
      transactions: [good, stale, forged, foreign],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 1, failed: 3 });
    expect(res.body.results.map((r) => [r.status, r.code ?? null])).toEqual([
      [201, null],
      [422, 'POS.OCCURRED_AT_TOO_OLD'],
      [422, 'POS.TOTAL_MISMATCH'],
      [422, 'POS.CURRENCY_NOT_ACCEPTED'],
    ]);
    expect(res.body.results[2]).toMatchObject({
      transactionId: forged.transactionId,
      details: { expectedMinor: 100, givenMinor: 100_000 },
      errors: [expect.objectContaining({ field: 'totalMinor' })],
    });
    for (const refused of [stale, forged, foreign]) await expectNoEffect(refused);
    expect(await balance(memberId)).toMatchObject({ pending: 25 });
  });

  it('returns refund no more than the sale, by line and in total', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({
      member: { memberId },
      lines: [
        { sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 8000, discountMinor: 0 },
        { sku: 'CABLE', category: 'electronics', quantity: 2, unitPriceMinor: 1000, discountMinor: 0 },
      ],
    });
    expect((await sale(body)).body).toMatchObject({ points: { earned: 100 } });
    const base = {
      storeId: 'store-1',
      terminalId: 'till-1',
      original: { storeId: 'store-1', transactionId: body.transactionId },
      occurredAt: '2026-03-01T11:30:00.000Z',
      currency: 'CNY',
    };
    const r = (over: Record<string, unknown>) => ret({ ...base, transactionId: `R-${uniqueSuffix()}`, ...over });

    const mismatch = await r({ refundMinor: 3000, lines: [{ sku: 'CABLE', category: 'electronics', quantity: 1, refundMinor: 1000 }] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ code: 'POS.RETURN_LINES_MISMATCH', details: { expectedMinor: 1000, givenMinor: 3000 } });
    const notSold = await r({ refundMinor: 1000, lines: [{ sku: 'PHONE', category: 'electronics', quantity: 1, refundMinor: 1000 }] });
    expect(notSold.body).toMatchObject({ code: 'POS.RETURN_LINES_MISMATCH', details: { field: 'lines[0].sku' } });
    const tooMany = await r({ refundMinor: 3000, lines: [{ sku: 'CABLE', category: 'electronics', quantity: 3, refundMinor: 3000 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'POS.REFUND_EXCEEDS_SALE', details: { field: 'lines[0].quantity', expectedMax: 2, given: 3 } });

    const oneCable = await r({ refundMinor: 1000, lines: [{ sku: 'CABLE', category: 'electronics', quantity: 1, refundMinor: 1000 }] });
    expect(oneCable.status).toBe(201);
    expect(oneCable.body).toMatchObject({ pointsReversed: 10 });
    const twoMore = await r({ refundMinor: 2000, lines: [{ sku: 'CABLE', category: 'electronics', quantity: 2, refundMinor: 2000 }] });
    expect(twoMore.body).toMatchObject({ code: 'POS.REFUND_EXCEEDS_SALE', details: { field: 'lines[0].quantity', expectedMax: 1 } });
    const overTotal = await r({ refundMinor: 9500 });
    expect(overTotal.body).toMatchObject({ code: 'POS.RETURN_EXCEEDS_SALE', details: { totalMinor: 10000, alreadyReturnedMinor: 1000 } });
    expect(await balance(memberId)).toMatchObject({ pending: 90 });
  });

  it('default caps: a sale at the largest allowed amount earns 100,000 points; a rule version without caps keeps the defaults, null removes them', async () => {
    const memberId = await enrol(h.svc);
    const till = testActors.pos('store-cap'); // a store without history: nothing is held for review
    const huge = saleBody({
      storeId: 'store-cap',
      member: { memberId },
      lines: [{ sku: 'GOLD', category: 'jewellery', quantity: 1, unitPriceMinor: 1_000_000_000_00, discountMinor: 0 }],
    });
    const res = await sale(huge, till);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      points: {
        earned: 100_000,
        rules: [
          { rule: 'base', points: 1_000_000_000 },
          { rule: 'cap.transaction', points: 100_000 - 1_000_000_000 },
        ],
      },
    });
    const second = await sale(
      saleBody({
        storeId: 'store-cap',
        member: { memberId },
        lines: [{ sku: 'GOLD', category: 'jewellery', quantity: 1, unitPriceMinor: 1_000_000_000_00, discountMinor: 0 }],
      }),
      till,
    );
    expect(second.body).toMatchObject({ points: { earned: 100_000 } });
    const third = await sale(
      saleBody({
        storeId: 'store-cap',
        member: { memberId },
        lines: [{ sku: 'GOLD', category: 'jewellery', quantity: 1, unitPriceMinor: 1_000_000_000_00, discountMinor: 0 }],
      }),
      till,
    );
    expect(third.body).toMatchObject({ points: { earned: 0, rules: expect.arrayContaining([{ rule: 'cap.daily', points: -100_000 }]) } });
    expect(await balance(memberId)).toMatchObject({ pending: 200_000 });

    const base = {
      effectiveFrom: '2030-01-01T00:00:00.000Z',
      rounding: 'floor',
      baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 1 }],
      excludedCategories: [],
    };
    const omitted = await call<{ rules: Record<string, unknown> }>(h.svc, admin, 'POST', '/v1/points/rules', base);
    expect(omitted.body.rules).toMatchObject({ maxPointsPerTransaction: 100_000, maxPointsPerDay: 200_000 });
    const none = await call<{ rules: Record<string, unknown> }>(h.svc, admin, 'POST', '/v1/points/rules', {
      ...base,
      maxPointsPerTransaction: null,
      maxPointsPerDay: null,
    });
    expect(none.body.rules).toMatchObject({ maxPointsPerTransaction: null, maxPointsPerDay: null });
  });

  it('a sale far above the store basket is recorded with its points held; staff release it (credited, published) or reverse it (never credited nor published)', async () => {
    const store = `store-big-${uniqueSuffix()}`;
    const till = testActors.pos(store);
    const supervisor = { id: 'staff-supervisor', role: 'service_supervisor' as const, storeIds: [] };
    const regular = await enrol(h.svc);
    for (let i = 0; i < 5; i++)
      expect(
        (
          await sale(
            saleBody({ storeId: store, member: { memberId: regular }, lines: [{ sku: 'S', category: 'grocery', quantity: 1, unitPriceMinor: 2000 + i }] }),
            till,
          )
        ).status,
      ).toBe(201);

    const buyer = await enrol(h.svc);
    const big = saleBody({ storeId: store, member: { memberId: buyer }, lines: [{ sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 50_000 }] });
    const held = await sale(big, till);
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({
      points: { earned: 500, status: 'held', pending: 0, available: 0 },
      hold: { status: 'held', reason: 'basket_anomaly', medianMinor: 2002, thresholdMinor: 20_020 },
      balance: { available: 0, pending: 0 },
    });
    expect(await balance(buyer)).toMatchObject({ available: 0, pending: 0 });
    const retry = await sale(big, till);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(held.body);
    const id = purchaseOf(big);
    const returned = await call(h.svc, till, 'POST', '/v1/pos/returns', {
      storeId: store,
      terminalId: 't',
      transactionId: `R-${uniqueSuffix()}`,
      original: { storeId: store, transactionId: big.transactionId },
      occurredAt: '2026-03-01T11:30:00.000Z',
      currency: 'CNY',
      refundMinor: 100,
    });
    expect(returned.status).toBe(409);
    expect(returned.body).toMatchObject({ code: 'POS.SALE_ON_HOLD' });

    // The review queue: staff with points.pending.review only.
    const queue = await call<{ items: Array<Record<string, unknown>> }>(h.svc, supervisor, 'GET', `/v1/points/holds?storeId=${store}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        purchaseId: id,
        memberId: buyer,
        totalMinor: 50_000,
        points: 500,
        medianMinor: 2002,
        history: 5,
        decision: expect.objectContaining({ status: 'held' }),
      }),
    ]);
    expect((await call(h.svc, till, 'GET', `/v1/points/holds?storeId=${store}`)).status).toBe(403);
    expect((await call(h.svc, testActors.agent(), 'POST', `/v1/points/holds/${encodeURIComponent(id)}/release`, {})).status).toBe(403);

    const released = await call(h.svc, supervisor, 'POST', `/v1/points/holds/${encodeURIComponent(id)}/release`, { note: 'receipt checked' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ purchaseId: id, memberId: buyer, status: 'released', pointsCredited: 500, balance: { pending: 500 } });
    expect((await call(h.svc, supervisor, 'POST', `/v1/points/holds/${encodeURIComponent(id)}/release`, {})).body).toEqual(released.body);
    expect((await call(h.svc, supervisor, 'POST', `/v1/points/holds/${encodeURIComponent(id)}/reverse`, { note: 'too late' })).body).toMatchObject({
      code: 'POS.HOLD_ALREADY_DECIDED',
    });
    expect(await balance(buyer)).toMatchObject({ pending: 500 });
    await reader.waitFor((m) => m.topic === 'purchase.recorded.v1' && m.key === buyer);
    await reader.waitFor((m) => m.topic === 'points.earned.v1' && m.key === buyer);

    // Another one reversed: nothing credited, nothing published, a note required.
    const other = await enrol(h.svc);
    const forged = saleBody({
      storeId: store,
      member: { memberId: other },
      lines: [{ sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 99_000 }],
    });
    expect((await sale(forged, till)).body).toMatchObject({ points: { status: 'held' } });
    const otherId = purchaseOf(forged);
    const noNote = await call(h.svc, supervisor, 'POST', `/v1/points/holds/${encodeURIComponent(otherId)}/reverse`, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'note' })]) });
    const reversed = await call(h.svc, admin, 'POST', `/v1/points/holds/${encodeURIComponent(otherId)}/reverse`, { note: 'keyed 100x' });
    expect(reversed.body).toMatchObject({ status: 'reversed', pointsCredited: 0, balance: { available: 0, pending: 0 } });
    expect((await call(h.svc, admin, 'POST', `/v1/points/holds/${encodeURIComponent(otherId)}/release`, {})).body).toMatchObject({
      code: 'POS.HOLD_ALREADY_DECIDED',
      details: { decision: 'reversed' },
    });
    const done = await call<{ items: Array<Record<string, unknown>> }>(h.svc, supervisor, 'GET', `/v1/points/holds?storeId=${store}&status=reversed`);
    expect(done.body.items).toEqual([
      expect.objectContaining({ purchaseId: otherId, decision: expect.objectContaining({ status: 'reversed', decidedByRole: 'admin', note: 'keyed 100x' }) }),
    ]);
    expect((await call<{ items: unknown[] }>(h.svc, supervisor, 'GET', `/v1/points/holds?storeId=${store}`)).body.items).toEqual([]);
    expect((await call(h.svc, supervisor, 'POST', '/v1/points/holds/nope/release', {})).status).toBe(404);

    // The member's next ordinary sale is published on the same partition; the reversed one never was.
    expect(
      (
        await sale(
          saleBody({ storeId: store, member: { memberId: other }, lines: [{ sku: 'S', category: 'grocery', quantity: 1, unitPriceMinor: 2000 }] }),
          till,
        )
      ).status,
    ).toBe(201);
    await reader.waitFor((m) => m.topic === 'points.earned.v1' && m.key === other);
    await reader.waitFor((m) => m.topic === 'purchase.recorded.v1' && m.key === other);
    const published = reader.messages.filter((m) => m.key === other).map((m) => m.json<{ payload: { purchaseId: string } }>().payload.purchaseId);
    expect(published).not.toContain(otherId);
    expect(await balance(other)).toMatchObject({ pending: 20 });
  });

  it('a phone number in any form enrolment accepts is accepted at the till, and asked of members in E.164', async () => {
    const memberId = `m-phone-${uniqueSuffix()}`;
    h.stub.known.set('+8613800138002', { memberId, tier: 'regular' });
    const res = await sale(saleBody({ member: { phone: '+86 138 0013 8002' } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ memberId });
    expect(h.stub.calls[h.stub.calls.length - 1].query).toBe('?phone=%2B8613800138002');
    expect((await sale(saleBody({ member: { phone: '138-0013-8002' } }))).body).toMatchObject({ memberId });

    const bad = await sale(saleBody({ member: { phone: '+86 12' } }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'member.phone', rule: 'isPhoneNumber' })] });

    const cardMember = `m-card-${uniqueSuffix()}`;
    h.stub.known.set('6200000000000042', { memberId: cardMember, tier: 'regular' });
    expect((await sale(saleBody({ member: { cardNumber: '6200 0000 0000 0042' } }))).body).toMatchObject({ memberId: cardMember });
  });
});
