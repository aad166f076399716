import { testActors, TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { EventFactory, withEvents } from '@app/common';
import type { CampaignMessageRequestedV1, EventEnvelope } from '@app/contracts';
import { call, handled, marketing, publish, startSegments, type SegmentsHarness } from '../testing/segments-test-kit';
import { CAMPAIGN_MODEL, CAMPAIGN_RECIPIENT_MODEL, recipientId } from './campaigns.schema';

/** Campaigns that respect consent, against the real broker and database. */
describe('segments: campaigns respect marketing consent (real Kafka + database)', () => {
  let h: SegmentsHarness;
  let reader: TopicReader;
  const TOPIC = 'campaign.message.requested.v1';

  type Campaign = {
    campaignId: string;
    status: string;
    audienceSize: number;
    dispatch: { sent: number; skipped: { no_consent: number; unknown_member: number; erased: number }; completedAt: string | null } | null;
  };
  type Recipients = { items: Array<{ memberId: string; outcome: string; reason: string | null }>; nextCursor: string | null };
  type Problem = { code: string; errors?: Array<{ field: string; rule: string }> };

  const newId = (label: string) => `m-${label}-${uniqueSuffix()}`;
  const enrolled = (memberId: string) =>
    publish(h.svc, 'member.enrolled.v1', {
      memberId,
      channel: 'store',
      memberClass: 'regular',
      tier: 'regular',
      preferredStoreId: 'store-1',
      enrolledAt: '2026-01-01T00:00:00.000Z',
    });
  const consent = (memberId: string, granted: boolean, changedAt: string) =>
    publish(h.svc, 'member.consent.changed.v1', { memberId, purpose: 'marketing', granted, policyVersion: 'privacy-2026-01', changedAt });
  /** A member enrolled with marketing consent, projected. */
  async function consenting(label: string): Promise<string> {
    const memberId = newId(label);
    await handled(h.svc, await enrolled(memberId));
    await handled(h.svc, await consent(memberId, true, '2026-01-01T00:00:00.000Z'));
    return memberId;
  }
  const create = (memberIds: string[], actor = marketing) =>
    call<Campaign>(h.svc, actor, 'POST', '/v1/campaigns', { name: 'Spring win-back', kind: 'win_back', channel: 'sms', audience: { memberIds } });
  const dispatch = (campaignId: string, actor = marketing) => call<Campaign>(h.svc, actor, 'POST', `/v1/campaigns/${campaignId}/dispatch`);
  const messagesOf = (campaignId: string) =>
    reader.messages.filter((m) => m.topic === TOPIC && m.json<EventEnvelope<CampaignMessageRequestedV1>>().payload.campaignId === campaignId);

  /**
   * No more messages will come for `campaignId`: a later campaign's message to the same member
   * (same partition, published after) has arrived.
   */
  async function settled(campaignId: string, memberId: string): Promise<void> {
    const barrier = (await create([memberId])).body.campaignId;
    expect((await dispatch(barrier)).body.dispatch?.sent).toBe(1);
    await waitUntil(() => messagesOf(barrier).length === 1, 20000, `barrier message after ${campaignId}`);
  }

  beforeAll(async () => {
    h = await startSegments();
    reader = await TopicReader.start([TOPIC]);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('sends only to members with marketing consent now; withdrawn, late older grants, erased and unknown members are skipped by reason', async () => {
    const granted = await consenting('granted');

    // Withdrawn through Kafka, then an OLDER grant arrives late: it must not re-enable.
    const withdrawn = await consenting('withdrawn');
    await handled(h.svc, await consent(withdrawn, false, '2026-02-01T00:00:00.000Z'));
    await handled(h.svc, await consent(withdrawn, true, '2026-01-15T00:00:00.000Z'));

    // Erased, then a NEWER grant arrives: an erased member is never contacted again.
    const erased = await consenting('erased');
    await handled(h.svc, await publish(h.svc, 'member.erased.v1', { memberId: erased, erasedAt: '2026-02-01T00:00:00.000Z' }));
    await handled(h.svc, await consent(erased, true, '2026-02-02T00:00:00.000Z'));
    await handled(h.svc, await enrolled(erased));

    const neverAsked = newId('never-asked');
    await handled(h.svc, await enrolled(neverAsked));
    const unknown = newId('unknown');

    const created = await create([granted, withdrawn, erased, neverAsked, unknown]);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', audienceSize: 5, kind: 'win_back', channel: 'sms', dispatch: null });
    expect(created.body.campaignId).toMatch(/^cmp_/);

    const done = await dispatch(created.body.campaignId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'dispatched',
      dispatch: { sent: 1, skipped: { no_consent: 2, unknown_member: 1, erased: 1 }, completedAt: '2026-03-01T12:00:00.000Z' },
    });

    const message = await reader.waitFor(
      (m) => m.topic === TOPIC && m.json<EventEnvelope<CampaignMessageRequestedV1>>().payload.campaignId === created.body.campaignId,
    );
    expect(message.key).toBe(granted);
    expect(message.json<EventEnvelope<CampaignMessageRequestedV1>>()).toMatchObject({
      type: 'campaign.message.requested',
      version: 1,
      source: 'segments',
      partitionKey: granted,
      payload: { campaignId: created.body.campaignId, memberId: granted, channel: 'sms', kind: 'win_back', requestedAt: '2026-03-01T12:00:00.000Z' },
    });

    // Staff see who was skipped and why (ids only).
    const skipped = await call<Recipients>(h.svc, marketing, 'GET', `/v1/campaigns/${created.body.campaignId}/recipients?outcome=skipped`);
    expect(skipped.status).toBe(200);
    expect(Object.fromEntries(skipped.body.items.map((r) => [r.memberId, r.reason]))).toEqual({
      [withdrawn]: 'no_consent',
      [neverAsked]: 'no_consent',
      [erased]: 'erased',
      [unknown]: 'unknown_member',
    });
    const sent = await call<Recipients>(h.svc, testActors.admin(), 'GET', `/v1/campaigns/${created.body.campaignId}/recipients?outcome=sent`);
    expect(sent.body.items).toEqual([expect.objectContaining({ memberId: granted, outcome: 'sent', reason: null })]);

    // Dispatching again (and racing) sends nothing new and answers the same outcome.
    const again = await Promise.all([dispatch(created.body.campaignId), dispatch(created.body.campaignId)]);
    for (const r of again) expect(r.body).toEqual(done.body);
    await settled(created.body.campaignId, granted);
    expect(messagesOf(created.body.campaignId)).toHaveLength(1);

    const read = await call<Campaign>(h.svc, marketing, 'GET', `/v1/campaigns/${created.body.campaignId}`);
    expect(read.body).toEqual(done.body);
  });

  it('racing first dispatches request one message per member', async () => {
    const members = [await consenting('race-a'), await consenting('race-b'), await consenting('race-c')];
    const { campaignId } = (await create(members)).body;
    const results = await Promise.all(Array.from({ length: 4 }, () => dispatch(campaignId)));
    for (const r of results) expect(r.body).toMatchObject({ status: 'dispatched', dispatch: { sent: 3 } });
    await waitUntil(() => messagesOf(campaignId).length >= 3, 20000, 'three messages');
    await settled(campaignId, members[0]);
    expect(
      messagesOf(campaignId)
        .map((m) => m.key)
        .sort(),
    ).toEqual([...members].sort());
  });

  it('a dispatch that died half-way is finished by the next one without a second message to anyone already decided', async () => {
    const [a, b] = [await consenting('crash-a'), await consenting('crash-b')];
    const { campaignId } = (await create([a, b])).body;
    // What a dispatch leaves behind when it dies after deciding `a`: the campaign dispatching,
    // `a`'s recipient stored with its message request (published by the relay).
    const conn = h.svc.connection;
    await conn.model(CAMPAIGN_MODEL).updateOne(
      { _id: campaignId },
      {
        $set: {
          status: 'dispatching',
          dispatch: {
            startedAt: new Date(),
            completedAt: null,
            by: { id: 'x', role: 'marketing' },
            sent: 0,
            skipped: { no_consent: 0, unknown_member: 0, erased: 0 },
          },
        },
      },
    );
    const event = h.svc.app
      .get(EventFactory)
      .create('campaign.message.requested.v1', { campaignId, memberId: a, channel: 'sms', kind: 'win_back', requestedAt: new Date().toISOString() });
    await conn
      .model(CAMPAIGN_RECIPIENT_MODEL)
      .create(withEvents({ _id: recipientId(campaignId, a), campaignId, memberId: a, outcome: 'sent', reason: null, decidedAt: new Date() }, [event]));
    expect((await call<Campaign>(h.svc, marketing, 'GET', `/v1/campaigns/${campaignId}`)).body).toMatchObject({
      status: 'dispatching',
      dispatch: { completedAt: null },
    });

    const done = await dispatch(campaignId);
    expect(done.body).toMatchObject({ status: 'dispatched', dispatch: { sent: 2 } });
    await waitUntil(() => messagesOf(campaignId).length >= 2, 20000, 'both messages');
    await settled(campaignId, a);
    expect(
      messagesOf(campaignId)
        .map((m) => m.key)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it('dispatches an audience of 10,000 in batches', async () => {
    const withConsent = [await consenting('big-1'), await consenting('big-2')];
    const audience = [...withConsent, ...Array.from({ length: 9_998 }, (_, i) => `big-unknown-${uniqueSuffix()}-${i}`)];
    const { campaignId } = (await create(audience)).body;
    const done = await dispatch(campaignId);
    expect(done.body).toMatchObject({
      status: 'dispatched',
      audienceSize: 10_000,
      dispatch: { sent: 2, skipped: { no_consent: 0, unknown_member: 9_998, erased: 0 } },
    });
    await waitUntil(() => messagesOf(campaignId).length === 2, 20000, 'two messages');
    const page = await call<Recipients>(h.svc, marketing, 'GET', `/v1/campaigns/${campaignId}/recipients?reason=unknown_member&limit=1000`);
    expect(page.body.items).toHaveLength(1000);
    const next = await call<Recipients>(
      h.svc,
      marketing,
      'GET',
      `/v1/campaigns/${campaignId}/recipients?reason=unknown_member&limit=1000&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items[0].memberId > page.body.items[999].memberId).toBe(true);
  }, 120000);

  it('refuses bad input naming the field and the rule', async () => {
    const post = (body: unknown) => call<Problem>(h.svc, marketing, 'POST', '/v1/campaigns', body);
    const valid = { name: 'Birthday', kind: 'birthday', channel: 'email', audience: { memberIds: ['m-1'] } };
    const cases: Array<[unknown, string, string]> = [
      [{ ...valid, name: '' }, 'name', 'isLength'],
      [{ ...valid, kind: 'spam' }, 'kind', 'isIn'],
      [{ ...valid, channel: 'fax' }, 'channel', 'isIn'],
      [{ ...valid, audience: undefined }, 'audience', 'required'],
      [{ ...valid, audience: ['m-1'] }, 'audience', 'isObject'],
      [{ ...valid, audience: { memberIds: [] } }, 'audience.memberIds', 'arrayMinSize'],
      [{ ...valid, audience: { memberIds: ['m-1', 'm-1'] } }, 'audience.memberIds', 'arrayUnique'],
      [{ ...valid, audience: { memberIds: ['ok', 'not an id!'] } }, 'audience.memberIds', 'matches'],
      [{ ...valid, audience: { memberIds: Array.from({ length: 10_001 }, (_, i) => `m-${i}`) } }, 'audience.memberIds', 'arrayMaxSize'],
      [{ ...valid, extra: 1 }, 'extra', 'whitelistValidation'],
    ];
    for (const [body, field, rule] of cases) {
      const r = await post(body);
      expect({ field, status: r.status, code: r.body.code }).toEqual({ field, status: 400, code: 'REQUEST.VALIDATION_FAILED' });
      expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    const badId = await call<Problem>(h.svc, marketing, 'POST', '/v1/campaigns/not-a-campaign/dispatch');
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'campaignId', rule: 'matches' })]);
    const missing = await call<Problem>(h.svc, marketing, 'GET', '/v1/campaigns/cmp_00000000-0000-4000-8000-000000000000');
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'CAMPAIGN.NOT_FOUND' });
    expect((await call<Problem>(h.svc, marketing, 'GET', '/v1/campaigns?cursor=nonsense')).body.errors).toEqual([
      expect.objectContaining({ field: 'cursor', rule: 'isCursor' }),
    ]);
  });

  it('only admin and marketing may create, read and dispatch; auditors read', async () => {
    const { campaignId } = (await create(['m-roles'], testActors.admin())).body;
    const auditor = { id: 'aud', role: 'auditor' as const, storeIds: [] };
    expect((await call(h.svc, auditor, 'GET', `/v1/campaigns/${campaignId}`)).status).toBe(200);
    expect((await create(['m-roles'], auditor)).status).toBe(403);
    expect((await dispatch(campaignId, auditor)).status).toBe(403);
    const others = [testActors.agent(), testActors.customer('m-roles'), testActors.pos()];
    for (const actor of others) {
      expect((await create(['m-roles'], actor)).status).toBe(403);
      expect((await call(h.svc, actor, 'GET', `/v1/campaigns/${campaignId}`)).status).toBe(403);
      expect((await call(h.svc, actor, 'GET', '/v1/campaigns')).status).toBe(403);
      expect((await dispatch(campaignId, actor)).status).toBe(403);
    }
    expect((await call(h.svc, marketing, 'GET', `/v1/campaigns/${campaignId}`)).body).toMatchObject({ status: 'draft' });
  });

  it('lists campaigns newest first, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1000);
      ids.push((await create([`m-list-${i}`])).body.campaignId);
    }
    const first = await call<{ items: Campaign[]; nextCursor: string | null }>(h.svc, marketing, 'GET', '/v1/campaigns?limit=2');
    expect(first.body.items.map((c) => c.campaignId)).toEqual([ids[2], ids[1]]);
    const second = await call<{ items: Campaign[]; nextCursor: string | null }>(
      h.svc,
      marketing,
      'GET',
      `/v1/campaigns?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].campaignId).toBe(ids[0]);
  });
});
