import type { CampaignMessageRequestedV1, EventEnvelope } from '@app/contracts';
import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { adminToken, openStore, staffToken, startPlatform, type Platform } from './platform-harness';

/**
 * "A withdrawn consent stops campaigns", end to end through the gateway: members enrolled with
 * marketing consent, one customer withdraws it in the members API, marketing dispatches a
 * campaign to both, and only the member who still consents gets a message request.
 */
describe('campaigns respect consent, through the gateway', () => {
  let p: Platform;
  let reader: TopicReader;
  let admin = '';
  let marketing = '';
  let posKey = '';
  const STORE = `e2e-cmp-store-${uniqueSuffix()}`;
  const POLICY = 'privacy-2026-01';
  const TOPIC = 'campaign.message.requested.v1';

  async function enrol(phone: string): Promise<string> {
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Wang Fang',
        phone,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: true, policyVersion: POLICY }, analytics: { granted: false, policyVersion: POLICY } },
      },
    });
    expect(r.status).toBe(201);
    return r.body.memberId;
  }

  /** What the segments service currently holds about a member's marketing consent. */
  const projected = (memberId: string) =>
    p.services.segments.connection.collection<{ _id: string; marketingGranted: boolean }>('segments_audience_members').findOne({ _id: memberId });

  beforeAll(async () => {
    p = await startPlatform();
    reader = await TopicReader.start([TOPIC]);
    admin = await adminToken(p);
    posKey = await openStore(p, admin, STORE);
    marketing = await staffToken(p, admin, 'marketing');
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.close();
  });

  it('a withdrawn marketing consent stops the campaign for that member only', async () => {
    const stays = await enrol(`137${String(Date.now()).slice(-8)}`);
    const withdraws = await enrol(`136${String(Date.now() + 1).slice(-8)}`);
    await waitUntil(
      async () => (await projected(stays))?.marketingGranted === true && (await projected(withdraws))?.marketingGranted === true,
      20000,
      'enrolment consents projected into segments',
    );

    // The customer withdraws marketing consent in the members API.
    const customer = (await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId: withdraws } })).body.accessToken;
    const withdrawn = await p.call('PUT', `/v1/members/${withdraws}/consents/marketing`, {
      token: customer,
      body: { granted: false, policyVersion: POLICY, channel: 'app' },
    });
    expect(withdrawn.status).toBe(200);
    await waitUntil(async () => (await projected(withdraws))?.marketingGranted === false, 20000, 'the withdrawal projected into segments');

    // Marketing cannot be done by service staff, and the customer cannot start campaigns.
    const body = { name: 'Spring care', kind: 'vip_care', channel: 'push', audience: { memberIds: [stays, withdraws] } };
    expect((await p.call('POST', '/v1/campaigns', { token: customer, body })).status).toBe(403);

    const created = await p.call<{ campaignId: string; status: string }>('POST', '/v1/campaigns', { token: marketing, body });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const { campaignId } = created.body;

    const dispatched = await p.call<{ status: string; dispatch: { sent: number; skipped: Record<string, number> } }>(
      'POST',
      `/v1/campaigns/${campaignId}/dispatch`,
      { token: marketing },
    );
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', dispatch: { sent: 1, skipped: { no_consent: 1, unknown_member: 0, erased: 0 } } });

    // One message request, for the consenting member, with ids only.
    const message = await reader.waitFor((m) => m.topic === TOPIC && m.json<EventEnvelope<CampaignMessageRequestedV1>>().payload.campaignId === campaignId);
    expect(message.key).toBe(stays);
    expect(message.json<EventEnvelope<CampaignMessageRequestedV1>>().payload).toMatchObject({ campaignId, memberId: stays, channel: 'push', kind: 'vip_care' });
    expect(message.value).not.toMatch(/Wang Fang|13[67]\d{8}/);

    // Staff see who was skipped and why; the campaign reads the same through the gateway.
    const skipped = await p.call<{ items: Array<{ memberId: string; reason: string }> }>('GET', `/v1/campaigns/${campaignId}/recipients?outcome=skipped`, {
      token: marketing,
    });
    expect(skipped.body.items).toEqual([expect.objectContaining({ memberId: withdraws, outcome: 'skipped', reason: 'no_consent' })]);
    const read = await p.call('GET', `/v1/campaigns/${campaignId}`, { token: marketing });
    expect(read.body).toEqual(dispatched.body);
    const listed = await p.call<{ items: Array<{ campaignId: string }> }>('GET', '/v1/campaigns', { token: admin });
    expect(listed.body.items.map((c) => c.campaignId)).toContain(campaignId);

    // Dispatching again sends nothing twice: a later campaign's message to the same member
    // (same partition, published after) arrives with no second one for this campaign.
    expect((await p.call('POST', `/v1/campaigns/${campaignId}/dispatch`, { token: marketing })).body).toEqual(dispatched.body);
    const later = (await p.call<{ campaignId: string }>('POST', '/v1/campaigns', { token: marketing, body: { ...body, audience: { memberIds: [stays] } } }))
      .body.campaignId;
    await p.call('POST', `/v1/campaigns/${later}/dispatch`, { token: marketing });
    await reader.waitFor((m) => m.topic === TOPIC && m.json<EventEnvelope<CampaignMessageRequestedV1>>().payload.campaignId === later);
    expect(
      reader.messages.filter((m) => m.topic === TOPIC && m.json<EventEnvelope<CampaignMessageRequestedV1>>().payload.campaignId === campaignId),
    ).toHaveLength(1);
  });
});
