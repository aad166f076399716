import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLA_CLOCKS, type SlaClock } from '../sla/sla-clock';
import type { FeedbackCase } from './case.schema';
import type { PlainContact } from './contact.codec';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export class SlaClockView {
  @ApiProperty() targetMinutes!: number;
  @ApiProperty() dueAt!: string;
  @ApiProperty() warnAt!: string;
  @ApiProperty({ description: 'Time spent paused (awaiting the customer), ms' }) pausedMs!: number;
  @ApiProperty({ nullable: true, type: String }) pausedSince!: string | null;
  @ApiProperty({ nullable: true, type: String }) metAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) warnedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) breachedAt!: string | null;
  @ApiProperty() cycle!: number;
}

export class CaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() subtype!: string;
  @ApiProperty() category!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) storeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) purchaseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) memberId!: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'Non-member contact, masked unless view=full' }) contact!: PlainContact | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) attachments!: string[];
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) assignee!: string | null;
  @ApiProperty() team!: string;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty({ type: [Object] }) escalations!: object[];
  @ApiProperty({ type: [Object] }) history!: object[];
  @ApiProperty({ type: Object, description: 'SLA policy copied when the case opened' }) policy!: Record<string, unknown>;
  @ApiProperty({ type: Object, description: 'acknowledge, answer, resolve' }) sla!: Record<string, SlaClockView>;
  @ApiProperty({ nullable: true, type: String }) nextDueAt!: string | null;
  @ApiProperty({ type: [String] }) breached!: string[];
  @ApiProperty() repeat!: boolean;
  @ApiProperty({ nullable: true, type: String }) repeatOf!: string | null;
  @ApiProperty({ nullable: true, type: String }) followUpOf!: string | null;
  @ApiProperty({ nullable: true, type: Object }) resolution!: Record<string, unknown> | null;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ nullable: true, type: Object }) compensation!: Record<string, unknown> | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description:
      'Coupon granted as compensation (grantId, rewardId, status requested | granted | refused, couponId, refusal, requestedBy, requestedAt, settledAt)',
  })
  couponCompensation!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Survey state (never the token)' }) survey!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: 'FAQ articles the case was answered with' }) faqArticleIds!: string[];
  @ApiProperty() erased!: boolean;
}

export class CaseList {
  @ApiProperty({ type: [CaseView] }) items!: CaseView[];
}

function clockView(c: SlaClock): SlaClockView {
  return {
    targetMinutes: c.targetMinutes,
    dueAt: iso(c.dueAt)!,
    warnAt: iso(c.warnAt)!,
    pausedMs: c.pausedMs,
    pausedSince: iso(c.pausedSince),
    metAt: iso(c.metAt),
    warnedAt: iso(c.warnedAt),
    breachedAt: iso(c.breachedAt),
    cycle: c.cycle,
  };
}

const actorNote = <T extends { at: Date; note: string | null }>(e: T) => ({ ...e, at: iso(e.at) });

/** The API shape of a case; `contact` is given already opened and masked as the caller may see it. */
export function caseView(c: FeedbackCase, contact: PlainContact | null): CaseView {
  return {
    caseId: c._id,
    kind: c.kind,
    subtype: c.subtype,
    category: c.category,
    severity: c.severity,
    channel: c.channel,
    status: c.status,
    storeId: c.storeId,
    purchaseId: c.purchaseId,
    memberId: c.memberId,
    contact,
    description: c.description,
    attachments: c.attachments,
    openedAt: iso(c.openedAt)!,
    assignee: c.assignee,
    team: c.team,
    escalationLevel: c.escalationLevel,
    escalations: c.escalations.map(actorNote),
    history: c.history.map(actorNote),
    policy: { ...c.policy },
    sla: Object.fromEntries(SLA_CLOCKS.map((n) => [n, clockView(c.sla[n])])),
    nextDueAt: iso(c.nextDueAt),
    breached: c.breached,
    repeat: c.repeatOf !== null,
    repeatOf: c.repeatOf,
    followUpOf: c.followUpOf,
    resolution: c.resolution ? { ...c.resolution, resolvedAt: iso(c.resolution.resolvedAt) } : null,
    reopenCount: c.reopenCount,
    compensation: c.compensation ? { ...c.compensation, requestedAt: iso(c.compensation.requestedAt), grantedAt: iso(c.compensation.grantedAt) } : null,
    couponCompensation: c.couponCompensation
      ? { ...c.couponCompensation, requestedAt: iso(c.couponCompensation.requestedAt), settledAt: iso(c.couponCompensation.settledAt) }
      : null,
    survey: c.survey
      ? {
          surveyId: c.survey.surveyId,
          requestedAt: iso(c.survey.requestedAt),
          expiresAt: iso(c.survey.expiresAt),
          score: c.survey.score,
          answeredAt: iso(c.survey.answeredAt),
          followUpCaseId: c.survey.followUpCaseId,
        }
      : null,
    faqArticleIds: c.faqArticleIds ?? [],
    erased: c.erasedAt !== null,
  };
}
