import { EventHeaders } from '@app/contracts';
import { asActor, testActors, TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { BALANCE_MODEL, LEDGER_ENTRY_MODEL } from '../ledger/ledger.schema';
import { PURCHASE_MODEL } from './pos.schema';
import { call, DAY, enrol, publish, saleBody, startPoints, type PointsHarness } from '../testing/points-test-kit';

/**
 * The POS crediting path against the real broker and database: idempotency under retries and
 * races, conflicts, unknown members and claims, returns (also after spending), batches, rules
 * versions, validation and scoping.
 */
describe('points: POS sales, returns, claims (real Kafka + database)', () => {
  let h: PointsHarness;
  let reader: TopicReader;
  const pos = testActors.pos('store-1');
  const admin = testActors.admin();

  const sale = (body: Record<string, unknown>, actor = pos) => call(h.svc, actor, 'POST', '/v1/pos/transactions', body);
  const ret = (body: Record<string, unknown>, actor = pos) => call(h.svc, actor, 'POST', '/v1/pos/returns', body);
  const balance = (memberId: string) => call<{ available: number; pending: number }>(h.svc, admin, 'GET', `/v1/members/${memberId}/points/balance`);
  const earnEntries = (purchaseId: string) => h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ _id: `earn:${purchaseId}` });
  const runJobs = () => call(h.svc, admin, 'POST', '/v1/points/jobs/run');

  beforeAll(async () => {
    h = await startPoints();
    reader = await TopicReader.start(['points.earned.v1', 'purchase.recorded.v1', 'purchase.returned.v1', 'points.reversed.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('credits a sale, answers with the rules and balance, and a retry returns the original answer without crediting again', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({ member: { memberId } });
    const first = await sale(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      purchaseId: `store-1:${body.transactionId as string}`,
      memberId,
      points: {
        earned: 25,
        status: 'pending',
        pending: 25,
        available: 0,
        ruleVersion: 0,
        rules: [{ rule: 'base', points: 25 }],
        availableAt: '2026-03-15T11:00:00.000Z',
        expiresAt: '2027-03-01T11:00:00.000Z',
      },
      balance: { available: 0, pending: 25 },
    });

    const retry = await sale(body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await earnEntries(first.body.purchaseId as string)).toBe(1);
    expect((await balance(memberId)).body).toMatchObject({ available: 0, pending: 25 });

    const earned = await reader.waitFor((m) => m.topic === 'points.earned.v1' && m.key === memberId);
    expect(earned.json()).toMatchObject({
      type: 'points.earned',
      source: 'points',
      payload: { memberId, purchaseId: first.body.purchaseId, points: 25, status: 'pending' },
    });
    const recorded = await reader.waitFor((m) => m.topic === 'purchase.recorded.v1' && m.key === memberId);
    expect(recorded.json()).toMatchObject({
      payload: { memberId, amountMinor: 2500, currency: 'CNY', categories: [{ category: 'grocery', amountMinor: 2500 }] },
    });
  });

  it('the same (storeId, transactionId) with a different body is a 409 POS.DUPLICATE_TRANSACTION_CONFLICT', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({ member: { memberId } });
    expect((await sale(body)).status).toBe(201);
    const other = await sale({
      ...body,
      lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: 9999, discountMinor: 0 }],
      totalMinor: 9999,
      tender: [{ type: 'cash', amountMinor: 9999 }],
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'POS.DUPLICATE_TRANSACTION_CONFLICT' });
    expect((await balance(memberId)).body).toMatchObject({ pending: 25 });
  });

  it('racing retries of one sale credit it exactly once; racing different sales of one member all add up', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({ member: { memberId } });
    const answers = await Promise.all(Array.from({ length: 12 }, () => sale(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    for (const a of answers) expect(a.body).toMatchObject({ points: { earned: 25 } });
    expect(await earnEntries(`store-1:${body.transactionId as string}`)).toBe(1);
    expect((await balance(memberId)).body).toMatchObject({ available: 0, pending: 25 });

    const many = await Promise.all(Array.from({ length: 10 }, () => sale(saleBody({ member: { memberId } }))));
    expect(many.every((a) => a.status === 201)).toBe(true);
    expect((await balance(memberId)).body).toMatchObject({ pending: 25 * 11 });
  });

  it('an unknown member gets a clear 422, the sale is recorded, and the customer can claim it once within the window', async () => {
    const body = saleBody({ member: { memberId: `ghost-${uniqueSuffix()}` } });
    const res = await sale(body);
    expect(res.status).toBe(422);
    const purchaseId = `store-1:${body.transactionId as string}`;
    expect(res.body).toMatchObject({ code: 'POS.MEMBER_UNKNOWN', details: { purchaseId, recorded: true, claimableUntil: '2026-03-31T11:00:00.000Z' } });
    expect((await sale(body)).status).toBe(422); // a retry answers the same
    expect(await h.svc.connection.model(PURCHASE_MODEL).countDocuments({ _id: purchaseId })).toBe(1);
    const recorded = await reader.waitFor(
      (m) => m.topic === 'purchase.recorded.v1' && m.json<{ payload: { purchaseId: string } }>().payload.purchaseId === purchaseId,
    );
    expect(recorded.json()).toMatchObject({ payload: { memberId: null } });

    const memberId = await enrol(h.svc);
    const receipt = { storeId: 'store-1', transactionId: body.transactionId };
    const claim = await call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/claims`, receipt);
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ purchaseId, memberId, points: { earned: 25, status: 'pending' }, balance: { pending: 25 } });
    const again = await call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/claims`, receipt);
    expect(again.status).toBe(200);
    expect((await balance(memberId)).body).toMatchObject({ pending: 25 });
    expect(await earnEntries(purchaseId)).toBe(1);

    const thief = await enrol(h.svc);
    const stolen = await call(h.svc, testActors.customer(thief), 'POST', `/v1/members/${thief}/claims`, receipt);
    expect(stolen.status).toBe(409);
    expect(stolen.body).toMatchObject({ code: 'POS.ALREADY_CLAIMED' });
    // A customer cannot claim for somebody else.
    expect((await call(h.svc, testActors.customer(thief), 'POST', `/v1/members/${memberId}/claims`, receipt)).status).toBe(403);
  });

  it('a claim after the window is refused (410) and a till sale cannot be claimed', async () => {
    const memberId = await enrol(h.svc);
    // Recorded on its day (a sale that old is refused today: see the occurredAt window).
    h.clock.set('2026-01-15T12:00:00.000Z');
    const old = saleBody({ member: { memberId: `ghost-${uniqueSuffix()}` }, occurredAt: '2026-01-15T10:00:00.000Z' });
    expect((await sale(old)).status).toBe(422);
    h.clock.set('2026-03-01T12:00:00.000Z');
    const late = await call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/claims`, {
      storeId: 'store-1',
      transactionId: old.transactionId,
    });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'POS.CLAIM_WINDOW_CLOSED' });

    const owned = saleBody({ member: { memberId } });
    expect((await sale(owned)).status).toBe(201);
    const other = await enrol(h.svc);
    const res = await call(h.svc, testActors.customer(other), 'POST', `/v1/members/${other}/claims`, {
      storeId: 'store-1',
      transactionId: owned.transactionId,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'POS.SALE_ALREADY_ATTRIBUTED' });
  });

  it('resolves card numbers and phones through the members service, without keeping them', async () => {
    const memberId = `m-card-${uniqueSuffix()}`;
    h.stub.known.set('6200000000000001', { memberId, tier: 'regular' });
    const body = saleBody({ member: { cardNumber: '6200000000000001' } });
    const res = await sale(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ memberId, points: { earned: 25 } });
    const lastCall = h.stub.calls[h.stub.calls.length - 1];
    expect(lastCall.query).toBe('?cardNumber=6200000000000001');
    expect(lastCall.headers['x-internal-token']).toBeDefined();
    // Points asks as itself: the till's identity is points' business, not members'.
    expect(lastCall.headers['x-actor']).toBeUndefined();
    const stored = await h.svc.connection
      .model(PURCHASE_MODEL)
      .findById(`store-1:${body.transactionId as string}`)
      .lean();
    expect(JSON.stringify(stored)).not.toContain('6200000000000001');

    // Members down: a retry of that recorded sale still gets its original answer.
    h.stub.failing.add('6200000000000001');
    const retry = await sale(body);
    h.stub.failing.delete('6200000000000001');
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(res.body);

    // A member id the projection does not know yet (its enrolment event still on the way) is asked of members.
    const fresh = `m-fresh-${uniqueSuffix()}`;
    h.stub.known.set(fresh, { memberId: fresh, tier: 'regular' });
    expect((await sale(saleBody({ member: { memberId: fresh } }))).body).toMatchObject({ memberId: fresh, points: { earned: 25 } });
    expect(h.stub.calls[h.stub.calls.length - 1].query).toBe(`?memberId=${fresh}`);

    // Members down: the till gets a 503 and retries; nothing is recorded meanwhile.
    const down = saleBody({ member: { cardNumber: 'FAIL500' } });
    const unavailable = await sale(down);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toMatchObject({ code: 'POS.MEMBER_RESOLUTION_UNAVAILABLE' });
    expect(await h.svc.connection.model(PURCHASE_MODEL).exists({ _id: `store-1:${down.transactionId as string}` })).toBeNull();

    const unknown = await sale(saleBody({ member: { phone: '+8613900000000' } }));
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'POS.MEMBER_UNKNOWN' });
  });

  it('partial and full returns reverse points in proportion, idempotently, never beyond the sale', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({ member: { memberId }, lines: [{ sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 10000 }] });
    expect((await sale(body)).body).toMatchObject({ points: { earned: 100 } });
    const original = { storeId: 'store-1', transactionId: body.transactionId };
    const partial = {
      storeId: 'store-1',
      terminalId: 'till-1',
      transactionId: `R-${uniqueSuffix()}`,
      original,
      occurredAt: '2026-03-01T11:30:00.000Z',
      currency: 'CNY',
      refundMinor: 2500,
    };
    const first = await ret(partial);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ pointsReversed: 25, fromPending: 25, fromAvailable: 0, balance: { available: 0, pending: 75 } });
    const retry = await ret(partial);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await ret({ ...partial, refundMinor: 100 })).status).toBe(409);

    const tooMuch = await ret({ ...partial, transactionId: `R-${uniqueSuffix()}`, refundMinor: 7501 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'POS.RETURN_EXCEEDS_SALE' });
    const rest = await ret({ ...partial, transactionId: `R-${uniqueSuffix()}`, refundMinor: 7500 });
    expect(rest.body).toMatchObject({ pointsReversed: 75, balance: { available: 0, pending: 0 } });

    const reversed = await reader.waitFor((m) => m.topic === 'points.reversed.v1' && m.key === memberId);
    expect(reversed.json()).toMatchObject({ payload: { memberId, purchaseId: `store-1:${body.transactionId as string}`, points: expect.any(Number) } });
    await reader.waitFor((m) => m.topic === 'purchase.returned.v1' && m.key === memberId);

    expect((await ret({ ...partial, transactionId: `R-${uniqueSuffix()}`, original: { storeId: 'store-1', transactionId: 'nope' } })).body).toMatchObject({
      code: 'POS.ORIGINAL_SALE_NOT_FOUND',
    });
  });

  it('a return after the points were spent takes the balance below zero, and later earnings pay it back', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({
      member: { memberId },
      occurredAt: h.clock.now().toISOString(),
      lines: [{ sku: 'A', category: 'home', quantity: 1, unitPriceMinor: 10000 }],
    });
    expect((await sale(body)).body).toMatchObject({ points: { earned: 100, status: 'pending' } });
    h.clock.advance(15 * DAY);
    await runJobs();
    expect((await balance(memberId)).body).toMatchObject({ available: 100, pending: 0 });
    const spent = await call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/points/redemptions`, { requestId: 'r1', points: 80 });
    expect(spent.status).toBe(201);

    const full = await ret({
      storeId: 'store-1',
      terminalId: 't',
      transactionId: `R-${uniqueSuffix()}`,
      original: { storeId: 'store-1', transactionId: body.transactionId },
      occurredAt: h.clock.now().toISOString(),
      currency: 'CNY',
      refundMinor: 10000,
    });
    expect(full.body).toMatchObject({ pointsReversed: 100, fromPending: 0, fromAvailable: 100, balance: { available: -80, pending: 0 } });

    const next = saleBody({
      member: { memberId },
      occurredAt: h.clock.now().toISOString(),
      lines: [{ sku: 'B', category: 'home', quantity: 1, unitPriceMinor: 20000 }],
    });
    expect((await sale(next)).body).toMatchObject({ points: { earned: 200 }, balance: { available: -80, pending: 200 } });
    h.clock.advance(15 * DAY);
    await runJobs();
    expect((await balance(memberId)).body).toMatchObject({ available: 120, pending: 0 });
    h.clock.set('2026-03-01T12:00:00.000Z');
  });

  it('a batch of late sales: each has its own result and idempotency; one bad sale does not fail the batch', async () => {
    const memberId = await enrol(h.svc);
    const good = saleBody({ member: { memberId } });
    const bad = saleBody({ member: { memberId }, lines: [{ sku: 'X', category: 'grocery', quantity: 0, unitPriceMinor: 100 }] });
    const foreign = saleBody({ member: { memberId }, storeId: 'store-2' });
    const unknown = saleBody({ member: { memberId: `ghost-${uniqueSuffix()}` } });
    // A batch carrying another store's sale is refused whole: the caller's store scope covers every transaction.
    const refused = await call(h.svc, pos, 'POST', '/v1/pos/transactions/batch', { storeId: 'store-1', transactions: [good, foreign] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'AUTH.STORE_SCOPE' });
    const batch = { storeId: 'store-1', transactions: [good, bad, unknown] };
    const res = await call<{ total: number; succeeded: number; failed: number; results: Array<Record<string, unknown>> }>(
      h.svc,
      pos,
      'POST',
      '/v1/pos/transactions/batch',
      batch,
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual([201, 400, 422]);
    expect(res.body).toMatchObject({ total: 3, succeeded: 1, failed: 2 });
    expect(res.body.results[1]).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'lines[0].quantity', rule: 'min' }] });
    expect(res.body.results[2]).toMatchObject({ code: 'POS.MEMBER_UNKNOWN' });

    const again = await call<{ results: Array<Record<string, unknown>> }>(h.svc, pos, 'POST', '/v1/pos/transactions/batch', batch);
    expect(again.body.results.map((r) => r.status)).toEqual([200, 400, 422]);
    expect((await balance(memberId)).body).toMatchObject({ pending: 25 });

    const tooBig = await call(h.svc, pos, 'POST', '/v1/pos/transactions/batch', { storeId: 'store-1', transactions: Array.from({ length: 1001 }, () => ({})) });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({ errors: [{ field: 'transactions', rule: 'arrayMaxSize' }] });
  });

  it('a sale is evaluated against the rules in force at its occurredAt; tier multipliers come from member events', async () => {
    const created = await call(h.svc, admin, 'POST', '/v1/points/rules', {
      effectiveFrom: '2026-03-20T00:00:00.000Z',
      rounding: 'floor',
      baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 1 }],
      excludedCategories: ['gift_card', 'tobacco'],
      categoryBonuses: [{ id: 'grocery-x2', category: 'grocery', extraPercent: 100 }],
    });
    expect(created.status).toBe(201);
    const version = created.body.version as number;
    const memberId = await enrol(h.svc);
    h.clock.set('2026-03-25T12:00:00.000Z');
    const before = await sale(saleBody({ member: { memberId }, occurredAt: '2026-03-19T10:00:00.000Z' }));
    expect(before.body).toMatchObject({ points: { earned: 25, ruleVersion: 0 } });
    const after = await sale(saleBody({ member: { memberId }, occurredAt: '2026-03-21T10:00:00.000Z' }));
    expect(after.body).toMatchObject({
      points: {
        earned: 50,
        ruleVersion: version,
        rules: [
          { rule: 'base', points: 25 },
          { rule: 'category:grocery-x2', points: 25 },
        ],
      },
    });

    await publish(h.svc, 'member.tier.changed.v1', {
      memberId,
      fromTier: 'regular',
      toTier: 'gold',
      reason: 'qualified',
      earnMultiplierPercent: 200,
      changedAt: '2026-03-22T00:00:00.000Z',
    });
    await waitUntil(
      async () => (await h.svc.connection.model('PointsMemberRef').findById(memberId).lean<{ tier: string }>())?.tier === 'gold',
      30000,
      'tier projected',
    );
    const gold = await sale(saleBody({ member: { memberId }, occurredAt: '2026-03-23T10:00:00.000Z' }));
    expect(gold.body).toMatchObject({
      points: {
        earned: 100,
        rules: [
          { rule: 'base', points: 25 },
          { rule: 'category:grocery-x2', points: 25 },
          { rule: 'tier:gold', points: 50 },
        ],
      },
    });
  });

  it('validation errors are 400 with field and rule, never 500', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [saleBody({ lines: [] }), 'lines', 'arrayMinSize'],
      [saleBody({ totalMinor: -1 }), 'totalMinor', 'min'],
      [saleBody({ totalMinor: 1.5 }), 'totalMinor', 'isInt'],
      [saleBody({ occurredAt: 'yesterday' }), 'occurredAt', 'isIso8601'],
      [saleBody({ currency: 'yuan' }), 'currency', 'matches'],
      [saleBody({ member: {} }), 'member', 'exactlyOne'],
      [saleBody({ member: { memberId: 'a', phone: '+8613900000000' } }), 'member', 'exactlyOne'],
      [saleBody({ extra: 1 }), 'extra', 'whitelistValidation'],
      [saleBody({ tender: 'bitcoin' }), 'tender', 'isTender'],
      [saleBody({ tender: [{ type: 'card', amountMinor: 1, pin: '1234' }] }), 'tender', 'isTender'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await sale(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: expect.arrayContaining([expect.objectContaining({ field, rule })]) });
    }
    // A POS key that names no store is refused before anything else, naming the field.
    expect((await sale(saleBody({ storeId: undefined }))).body).toMatchObject({
      status: 400,
      code: 'REQUEST.STORE_ID_REQUIRED',
      errors: [{ field: 'storeId', rule: 'storeRequired' }],
    });
    // One tender type for the whole sale is accepted as well as the split.
    expect((await sale(saleBody({ member: { memberId: await enrol(h.svc) }, tender: 'card' }))).status).toBe(201);
    const malformed = await fetch(`${h.svc.url}/v1/pos/transactions`, { method: 'POST', headers: asActor(pos), body: '{"storeId": ' });
    expect(malformed.status).toBe(400);
  });

  it('scoping: a POS key acts only for its store; customers read only their own points', async () => {
    const memberId = await enrol(h.svc);
    const res = await sale(saleBody({ member: { memberId }, storeId: 'store-2' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'AUTH.STORE_SCOPE' });
    expect((await call(h.svc, testActors.customer('someone-else'), 'GET', `/v1/members/${memberId}/points/balance`)).status).toBe(403);
    expect((await call(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/points/balance`)).status).toBe(200);
    expect((await sale(saleBody({ member: { memberId } }), testActors.customer(memberId))).status).toBe(403);
    const noActor = await fetch(`${h.svc.url}/v1/members/${memberId}/points/balance`, { headers: { 'x-internal-token': 'test-internal-token-0123456789' } });
    expect(noActor.status).toBe(401);
  });

  it('publishes no personal data and keys member events by member id', async () => {
    const mine = reader.messages.filter((m) => m.topic === 'points.earned.v1');
    expect(mine.length).toBeGreaterThan(0);
    for (const m of mine) {
      expect(m.key).toBe(m.json<{ payload: { memberId: string } }>().payload.memberId);
      expect(m.headers[EventHeaders.eventType]).toBe('points.earned');
      expect(m.value).not.toMatch(/6200000000000001|\+86/);
    }
    expect(await h.svc.connection.model(BALANCE_MODEL).countDocuments({ '_inflight.0': { $exists: true } })).toBe(0);
  });
  it('birthday bonus from member.birthday.v1; an erased member is forgotten and stays forgotten', async () => {
    h.clock.set('2026-04-06T12:00:00.000Z');
    const rules = await call(h.svc, admin, 'POST', '/v1/points/rules', {
      effectiveFrom: '2026-04-01T00:00:00.000Z',
      rounding: 'floor',
      baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 1 }],
      excludedCategories: ['gift_card', 'tobacco'],
      birthday: { extraPercent: 0, fixedPoints: 50 },
    });
    expect(rules.status).toBe(201);
    const memberId = await enrol(h.svc);
    await publish(h.svc, 'member.birthday.v1', { memberId, date: '2026-04-05' });
    await waitUntil(
      async () => (await h.svc.connection.model('PointsMemberRef').findById(memberId).lean<{ birthdayOn: string }>())?.birthdayOn === '2026-04-05',
      30000,
      'birthday projected',
    );
    const onBirthday = await sale(saleBody({ member: { memberId }, occurredAt: '2026-04-05T15:00:00.000Z' }));
    expect(onBirthday.body).toMatchObject({
      points: {
        earned: 75,
        rules: [
          { rule: 'base', points: 25 },
          { rule: 'birthday.fixed', points: 50 },
        ],
      },
    });
    const nextDay = await sale(saleBody({ member: { memberId }, occurredAt: '2026-04-06T09:00:00.000Z' }));
    expect(nextDay.body).toMatchObject({ points: { earned: 25 } });

    await publish(h.svc, 'member.erased.v1', { memberId, erasedAt: '2026-04-06T10:00:00.000Z' });
    await waitUntil(
      async () => (await h.svc.connection.model('PointsMemberRef').findById(memberId).lean<{ erased: boolean }>())?.erased === true,
      30000,
      'erasure projected',
    );
    expect(await h.svc.connection.model('PointsMemberRef').findById(memberId).lean()).toMatchObject({ tier: null, birthdayOn: null, erased: true });
    const replayed = await publish(h.svc, 'member.enrolled.v1', {
      memberId,
      channel: 'store',
      memberClass: 'regular',
      tier: 'regular',
      preferredStoreId: 'store-1',
      enrolledAt: '2026-01-01T00:00:00.000Z',
    });
    await waitUntil(() => h.svc.connection.model('ProcessedEvent').exists({ _id: `points-member-enrolled:${replayed}` }), 30000, 'replayed enrolment handled');
    const after = await sale(saleBody({ member: { memberId }, occurredAt: '2026-04-06T11:00:00.000Z' }));
    h.clock.set('2026-03-01T12:00:00.000Z');
    expect(after.status).toBe(422);
    expect(after.body).toMatchObject({ code: 'POS.MEMBER_UNKNOWN' });
  });
  it('the OpenAPI document describes the POS API with its DTOs', async () => {
    const res = await fetch(`${h.svc.url}/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const path of [
      '/v1/pos/transactions',
      '/v1/pos/transactions/batch',
      '/v1/pos/returns',
      '/v1/members/{memberId}/claims',
      '/v1/members/{memberId}/points/balance',
      '/v1/members/{memberId}/points/history',
      '/v1/members/{memberId}/coupons',
      '/v1/pos/coupons/{code}/redeem',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas.SaleDto?.properties ?? {})).toEqual(
      expect.arrayContaining(['storeId', 'transactionId', 'member', 'lines', 'totalMinor', 'tender']),
    );
    expect(Object.keys(doc.components.schemas.BalanceResponse?.properties ?? {}).sort()).toEqual([
      'available',
      'expiring',
      'expiringWithin30Days',
      'memberId',
      'pending',
    ]);
  });
  it('racing retries of one return reverse once; racing claims of one sale by two members: exactly one wins', async () => {
    const memberId = await enrol(h.svc);
    const body = saleBody({ member: { memberId }, lines: [{ sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 10000 }] });
    await sale(body);
    const r = {
      storeId: 'store-1',
      terminalId: 't',
      transactionId: `R-${uniqueSuffix()}`,
      original: { storeId: 'store-1', transactionId: body.transactionId },
      occurredAt: '2026-03-01T11:30:00.000Z',
      currency: 'CNY',
      refundMinor: 4000,
    };
    const other = { ...r, transactionId: `R-${uniqueSuffix()}`, refundMinor: 6000 };
    const answers = await Promise.all([...Array.from({ length: 6 }, () => ret(r)), ...Array.from({ length: 6 }, () => ret(other))]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect((await balance(memberId)).body).toMatchObject({ pending: 0, available: 0 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ memberId, type: 'reverse' })).toBe(2);

    const ghost = saleBody({ member: { memberId: `ghost-${uniqueSuffix()}` } });
    await sale(ghost);
    const [a, b] = [await enrol(h.svc), await enrol(h.svc)];
    const receipt = { storeId: 'store-1', transactionId: ghost.transactionId };
    const claims = await Promise.all([a, b, a, b].map((m) => call(h.svc, testActors.customer(m), 'POST', `/v1/members/${m}/claims`, receipt)));
    const winners = claims.filter((c) => c.status === 201);
    expect(winners).toHaveLength(1);
    const winner = winners[0].body.memberId as string;
    const loser = winner === a ? b : a;
    expect((await balance(winner)).body).toMatchObject({ pending: 25 });
    expect((await balance(loser)).body).toMatchObject({ pending: 0 });
  });

  it('takes a full batch of 1000 sales in one upload', async () => {
    const members = await Promise.all(Array.from({ length: 5 }, () => enrol(h.svc)));
    const transactions = Array.from({ length: 1000 }, (_, i) =>
      saleBody({
        member: { memberId: members[i % 5] },
        lines: Array.from({ length: 5 }, (_, j) => ({ sku: `SKU-${j}`, category: 'grocery', quantity: 1, unitPriceMinor: 500 })),
        totalMinor: 2500,
        tender: 'card',
      }),
    );
    const t0 = Date.now();
    const res = await call<{ succeeded: number; failed: number }>(h.svc, pos, 'POST', '/v1/pos/transactions/batch', { storeId: 'store-1', transactions });
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 1000, failed: 0 });
    for (const m of members) expect((await balance(m)).body).toMatchObject({ pending: 200 * 25 });
    console.log(`batch of 1000 sales: ${ms} ms`);
  }, 180000);
});
