import { uniqueSuffix } from '@app/testing';
import { call, staff, startFeedback, type FeedbackHarness } from '../testing/feedback-test-kit';
import type { FaqArticleView } from './dto/faq.dto';

/** The FAQ knowledge base against the real database: bilingual search, answering consultations, the most asked. */
describe('feedback FAQ (real database)', () => {
  let h: FeedbackHarness;
  const supervisor = staff.supervisor();
  const agent = staff.agent();

  const article = (category: string, zhQ: string, enQ: string, zhA: string, enA: string) =>
    call<FaqArticleView>(h.svc, supervisor, 'POST', '/v1/feedback/faq', { category, question: { 'zh-CN': zhQ, en: enQ }, answer: { 'zh-CN': zhA, en: enA } });
  const search = (q: string) => call<{ items: FaqArticleView[] }>(h.svc, staff.customer('m-1'), 'GET', `/v1/feedback/faq?${q}`);

  beforeAll(async () => {
    h = await startFeedback();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('finds articles in Chinese and English, answers consultations with them and ranks the most asked', async () => {
    const points = (
      await article(
        'membership',
        '积分怎么兑换优惠券？',
        'How do I exchange points for a coupon?',
        '在会员中心选择积分兑换。',
        'Open the member centre and choose rewards.',
      )
    ).body;
    const returns = (
      await article('order', '退货需要小票吗？', 'Do I need a receipt to return goods?', '需要小票或电子发票。', 'Yes, a receipt or an e-invoice.')
    ).body;
    await article('store_info', '停车场几点关门？', 'When does the car park close?', '晚上十点。', 'At 10 pm.');

    expect((await search(`q=${encodeURIComponent('优惠券怎么用')}`)).body.items[0]).toMatchObject({ articleId: points.articleId });
    expect((await search('q=receipt%20return')).body.items[0]).toMatchObject({ articleId: returns.articleId, matched: 2 });
    expect((await search(`q=${encodeURIComponent('退货')}&category=membership`)).body.items).toEqual([]);
    const badCategory = await search('category=weather');
    expect(badCategory.status).toBe(400);
    expect(badCategory.body).toMatchObject({ errors: [expect.objectContaining({ field: 'category' })] });

    for (let i = 0; i < 2; i++) {
      const consultation = await call<{ caseId: string }>(h.svc, agent, 'POST', '/v1/feedback/cases', {
        kind: 'consultation',
        subtype: 'order',
        category: 'returns_exchanges',
        severity: 'routine',
        channel: 'phone',
        memberId: `m-${uniqueSuffix()}`,
        description: '退货要带小票吗',
      });
      await call(h.svc, agent, 'POST', `/v1/feedback/cases/${consultation.body.caseId}/transitions`, { to: 'acknowledged' });
      const answered = await call<{ sla: { answer: { metAt: string | null } }; faqArticleIds: string[] }>(
        h.svc,
        agent,
        'POST',
        `/v1/feedback/cases/${consultation.body.caseId}/answers`,
        { faqArticleId: returns.articleId },
      );
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ faqArticleIds: [returns.articleId], sla: { answer: { metAt: expect.any(String) } } });
    }
    const unknown = await call(h.svc, agent, 'POST', `/v1/feedback/cases/case-x/answers`, { faqArticleId: 'faq_missing' });
    expect(unknown.body).toMatchObject({ errors: [expect.objectContaining({ field: 'faqArticleId' })] });
    const empty = await call(h.svc, agent, 'POST', `/v1/feedback/cases/case-x/answers`, {});
    expect(empty.body).toMatchObject({ errors: [expect.objectContaining({ field: 'note' })] });

    const mostAsked = (await search('')).body.items;
    expect(mostAsked[0]).toMatchObject({ articleId: returns.articleId, timesUsed: 2 });
    expect((await call(h.svc, agent, 'POST', '/v1/feedback/faq', {})).status).toBe(403);
  });
});
