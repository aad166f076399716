import { EventFactory, toKafkaMessage } from '@app/common';
import { mailpit, produceRaw, uniqueSuffix } from '@app/testing';
import { call, marketing, publish, startMessaging, type MessagingHarness } from '../testing/messaging-test-kit';
import type { DeliveryResponse } from '../deliveries/dto/delivery.dto';

/** Feedback's events start service (transactional) emails, against the real broker, database and Mailpit. */
describe('messaging: case and survey emails from feedback events (real Kafka + database + Mailpit)', () => {
  let h: MessagingHarness;

  const settled = (deliveryId: string) =>
    h.deliverUntil(async () => {
      const d = (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/${deliveryId}`)).body;
      return d.status === 'sent' || d.status === 'skipped' || d.status === 'failed' ? d : null;
    }, `delivery ${deliveryId} settled`);
  const acknowledged = (memberId: string | null, caseId = `case-${uniqueSuffix()}`) =>
    publish(h.svc, 'feedback.case.acknowledged.v1', { caseId, memberId, actorId: 'staff-agent', acknowledgedAt: h.clock.now().toISOString() });

  beforeAll(async () => {
    h = await startMessaging('2026-03-02T15:00:00.000Z'); // 23:00 in Shanghai: inside marketing quiet hours
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a survey request emails the member the one-time link through the gateway, without marketing consent, once per event', async () => {
    const { memberId, email } = h.members.add({ name: '周杰', marketingConsent: false });
    const token = `tok_${uniqueSuffix()}_abcdefghijklmnop`;
    const event = h.svc.app.get(EventFactory).create('feedback.survey.requested.v1', {
      surveyId: `s-${uniqueSuffix()}`,
      caseId: 'case-survey-1',
      memberId,
      token,
      expiresAt: '2026-03-16T15:00:00.000Z',
    });
    // Delivered twice (a redelivery after a rebalance): one message.
    await produceRaw('feedback.survey.requested.v1', [toKafkaMessage(event)]);
    await produceRaw('feedback.survey.requested.v1', [toKafkaMessage(event)]);
    const d = await settled(`survey_invitation:${event.id}`);
    expect(d).toMatchObject({ status: 'sent', kind: 'survey_invitation', marketing: false, attempts: 1 });
    // A later event of the same member (same partition) is consumed after both copies.
    await settled(`case_acknowledged:${await acknowledged(memberId)}`);

    const surveys = (await mailpit.to(email)).filter((m) => m.Subject === '请为我们的服务评分');
    expect(surveys).toHaveLength(1);
    const mail = await mailpit.message(surveys[0].ID);
    expect(mail.Text).toContain(`http://gateway.test/console/survey/${token}`);
    expect(mail.Text).toContain('case-survey-1');
    expect(mail.Text).not.toContain('退订'); // transactional: no unsubscribe footer
  });

  it('a case acknowledged and then resolved each email the member once, in quiet hours and without marketing consent', async () => {
    const { memberId, email } = h.members.add({ name: '吴敏', marketingConsent: false });
    const caseId = `case-${uniqueSuffix()}`;
    const ack = await settled(`case_acknowledged:${await acknowledged(memberId, caseId)}`);
    expect(ack).toMatchObject({ status: 'sent', kind: 'case_acknowledged', marketing: false });
    const resolvedId = await publish(h.svc, 'feedback.case.resolved.v1', {
      caseId,
      memberId,
      outcomes: ['apology'],
      compensationPoints: 0,
      resolvedAt: h.clock.now().toISOString(),
    });
    expect(await settled(`case_resolved:${resolvedId}`)).toMatchObject({ status: 'sent', kind: 'case_resolved', marketing: false });

    const subjects = (await mailpit.to(email)).map((m) => m.Subject).sort();
    expect(subjects).toEqual([`我们已收到您的反馈（编号 ${caseId}）`, `您的反馈已处理（编号 ${caseId}）`].sort());
  });

  it('sends nothing to an erased member', async () => {
    const { memberId, email } = h.members.add({ status: 'erased' });
    expect(await settled(`case_acknowledged:${await acknowledged(memberId)}`)).toMatchObject({ status: 'skipped', reason: 'erased' });
    expect(await mailpit.to(email)).toHaveLength(0);
  });
});
