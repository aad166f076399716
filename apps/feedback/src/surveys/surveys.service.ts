import { Injectable } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import { FOLLOW_UP_MAX_SCORE, SATISFIED_MIN_SCORE } from '../cases/case.model';
import { CaseIntakeService } from '../cases/case-intake.service';
import { surveyTokenHash } from '../cases/case-resolution.service';
import { CasesRepository } from '../cases/cases.repository';
import { ContactCodec } from '../cases/contact.codec';
import { SurveysErrors } from './surveys.errors';

export interface SurveyAnswerResult {
  surveyId: string;
  score: number;
  followUpCaseId: string | null;
  message: { 'zh-CN': string; en: string };
}

/**
 * Answers to satisfaction surveys: the one-time token is the credential; a score of 1-2 opens a
 * follow-up complaint (once per survey, deterministic id), 4-5 counts as satisfied in the CSI.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly intake: CaseIntakeService,
    private readonly contacts: ContactCodec,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async answer(token: string, score: number, comment: string | null): Promise<SurveyAnswerResult> {
    const hash = surveyTokenHash(token);
    const c = await this.repo.findBySurveyToken(hash);
    if (!c?.survey) throw SurveysErrors.notFound();
    if (c.survey.answeredAt) throw SurveysErrors.alreadyAnswered();
    const now = this.clock.now();
    if (new Date(c.survey.expiresAt).getTime() < now.getTime()) throw SurveysErrors.expired();
    let followUpCaseId: string | null = null;
    if (score <= FOLLOW_UP_MAX_SCORE) {
      const followUp = await this.intake.open({
        caseId: `case_followup_${c.survey.surveyId}`,
        kind: 'complaint',
        subtype: 'complaint',
        category: c.category,
        severity: 'normal',
        channel: c.channel,
        storeId: c.storeId,
        purchaseId: c.purchaseId,
        memberId: c.memberId,
        contact: c.memberId || !c.contact ? null : this.contacts.open(c._id, c.contact),
        description: comment ?? `Low satisfaction score ${score} on case ${c._id}`,
        attachments: [],
        followUpOf: c._id,
        actor: { id: 'survey', role: 'system' },
      });
      followUpCaseId = followUp._id;
    }
    const event = this.events.create('feedback.survey.completed.v1', {
      surveyId: c.survey.surveyId,
      caseId: c._id,
      memberId: c.memberId,
      score,
      satisfied: score >= SATISFIED_MIN_SCORE,
      followUpCaseId,
      completedAt: now.toISOString(),
    });
    const set = { 'survey.score': score, 'survey.comment': comment, 'survey.answeredAt': now, 'survey.followUpCaseId': followUpCaseId };
    if (!(await this.repo.answerSurvey(c._id, hash, set, [event]))) throw SurveysErrors.alreadyAnswered();
    return {
      surveyId: c.survey.surveyId,
      score,
      followUpCaseId,
      message: followUpCaseId
        ? {
            'zh-CN': '感谢您的评价。很抱歉让您不满意，我们的客服将尽快与您联系。',
            en: 'Thank you. We are sorry we did not satisfy you; our service team will contact you shortly.',
          }
        : { 'zh-CN': '感谢您的评价！', en: 'Thank you for your feedback!' },
    };
  }
}
