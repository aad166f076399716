import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, isTimeIdCursor, type Actor, type FieldViolation } from '@app/common';
import type { CampaignPage, CampaignResponse, CreateCampaignDto, ListRecipientsQuery, RecipientPage } from './dto/campaign.dto';
import { CampaignsRepository } from './campaigns.repository';
import { campaignView, recipientView } from './campaign-view';
import { CampaignErrors } from './campaigns.errors';
import { DEFAULT_CONTROLS, type AudienceFilter, type Campaign, type CampaignAction, type CampaignTrigger } from './campaigns.schema';

const v = (field: string, rule: string, message: string): FieldViolation => ({ field, rule, message });

/** The rules across fields that decorators cannot say; every broken one is named with its field. */
function crossFieldViolations(dto: CreateCampaignDto): FieldViolation[] {
  const out: FieldViolation[] = [];
  const a = dto.audience;
  const hasFilter = !!(a?.segments || a?.stages || a?.tiers || a?.storeIds);
  if (!dto.trigger && !a) out.push(v('audience', 'required', 'audience is required unless the campaign has a trigger'));
  if (a && !a.memberIds && !hasFilter) out.push(v('audience', 'notEmpty', 'audience must give memberIds or at least one of segments, stages, tiers, storeIds'));
  if (a?.memberIds && hasFilter) out.push(v('audience.memberIds', 'exclusive', 'memberIds cannot be combined with segments, stages, tiers or storeIds'));
  if (a?.memberIds && dto.trigger)
    out.push(v('audience.memberIds', 'notWithTrigger', 'a triggered campaign narrows its audience with filters, not member ids'));
  const t = dto.trigger;
  if (t && (t.on === 'segment_entered' || t.on === 'segment_exited') && !t.segment)
    out.push(v('trigger.segment', 'required', `trigger.segment is required for ${t.on}`));
  if (t && t.on === 'stage_entered' && !t.stage) out.push(v('trigger.stage', 'required', 'trigger.stage is required for stage_entered'));
  if (t && t.on !== 'segment_entered' && t.on !== 'segment_exited' && t.segment)
    out.push(v('trigger.segment', 'notAllowed', `trigger.segment is not used by ${t.on}`));
  if (t && t.on !== 'stage_entered' && t.stage) out.push(v('trigger.stage', 'notAllowed', `trigger.stage is not used by ${t.on}`));
  const act = dto.action;
  if (act?.type === 'points' && act.points === undefined) out.push(v('action.points', 'required', 'action.points is required for a points action'));
  if (act?.type !== 'points' && act?.points !== undefined) out.push(v('action.points', 'notAllowed', 'action.points is only for a points action'));
  if (act?.type === 'coupon' && act.rewardId === undefined) out.push(v('action.rewardId', 'required', 'action.rewardId is required for a coupon action'));
  if (act?.type !== 'coupon' && act?.rewardId !== undefined) out.push(v('action.rewardId', 'notAllowed', 'action.rewardId is only for a coupon action'));
  const c = dto.controls;
  if (c?.budgetPoints !== undefined && act?.type !== 'points')
    out.push(v('controls.budgetPoints', 'notAllowed', 'controls.budgetPoints is only for a points action'));
  if (c?.startsAt && c.endsAt && Date.parse(c.endsAt) <= Date.parse(c.startsAt))
    out.push(v('controls.endsAt', 'afterStartsAt', 'controls.endsAt must be after controls.startsAt'));
  return out;
}

function actionOf(dto: CreateCampaignDto): CampaignAction {
  const act = dto.action;
  if (act?.type === 'points' && act.points !== undefined) return { type: 'points', points: act.points };
  if (act?.type === 'coupon' && act.rewardId !== undefined) return { type: 'coupon', rewardId: act.rewardId };
  return { type: 'message' };
}

function triggerOf(dto: CreateCampaignDto): CampaignTrigger | null {
  const t = dto.trigger;
  return t ? { on: t.on, value: t.segment ?? t.stage ?? null } : null;
}

function filterOf(dto: CreateCampaignDto): AudienceFilter | null {
  const a = dto.audience;
  if (!a || a.memberIds) return null;
  return { segments: a.segments ?? null, stages: a.stages ?? null, tiers: a.tiers ?? null, storeIds: a.storeIds ?? null };
}

/** Create, activate and read campaigns (dispatching and treating members are their own use cases). */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateCampaignDto, actor: Actor): Promise<CampaignResponse> {
    const violations = crossFieldViolations(dto);
    if (violations.length) throw CampaignErrors.invalid(violations);
    const memberIds = dto.audience?.memberIds ?? [];
    const action = actionOf(dto);
    const c = dto.controls;
    const campaign: Campaign = {
      _id: `cmp_${randomUUID()}`,
      name: dto.name,
      kind: dto.kind,
      channel: dto.channel,
      audience: memberIds,
      audienceSize: memberIds.length,
      audienceFilter: filterOf(dto),
      trigger: triggerOf(dto),
      action,
      controls: {
        holdoutPercent: c?.holdoutPercent ?? DEFAULT_CONTROLS.holdoutPercent,
        frequencyCap: c?.frequencyCap ? { maxTreatments: c.frequencyCap.maxTreatments, windowDays: c.frequencyCap.windowDays } : null,
        budgetPoints: c?.budgetPoints ?? null,
        startsAt: c?.startsAt ? new Date(c.startsAt) : null,
        endsAt: c?.endsAt ? new Date(c.endsAt) : null,
        conversionDays: c?.conversionDays ?? DEFAULT_CONTROLS.conversionDays,
      },
      budgetSpentPoints: 0,
      status: 'draft',
      createdBy: { id: actor.id, role: actor.role },
      createdAt: this.clock.now(),
      activatedAt: null,
      dispatch: null,
    };
    await this.repo.insert(campaign);
    const { audience: _audience, ...summary } = campaign;
    return campaignView(summary);
  }

  /** A triggered campaign starts treating members as their triggers fire (idempotent). */
  async activate(campaignId: string): Promise<CampaignResponse> {
    const found = await this.repo.findSummary(campaignId);
    if (!found) throw CampaignErrors.notFound(campaignId);
    if (!found.trigger) throw CampaignErrors.notTriggered(campaignId);
    await this.repo.markActive(campaignId, this.clock.now());
    return this.get(campaignId);
  }

  async get(campaignId: string): Promise<CampaignResponse> {
    const found = await this.repo.findSummary(campaignId);
    if (!found) throw CampaignErrors.notFound(campaignId);
    return campaignView(found);
  }

  async list(cursor: string | undefined, limit: number): Promise<CampaignPage> {
    const after = cursor ? decodeCursor(cursor, isTimeIdCursor) : null;
    const rows = await this.repo.list(after ? { createdAt: new Date(after[0]), id: after[1] } : null, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(campaignView),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.createdAt).toISOString(), last._id]) : null,
    };
  }

  /** Who the campaign treated, held out or skipped and why (member ids only). */
  async recipients(campaignId: string, query: ListRecipientsQuery): Promise<RecipientPage> {
    if (!(await this.repo.findSummary(campaignId))) throw CampaignErrors.notFound(campaignId);
    const limit = query.limit ?? 100;
    const after = query.cursor ? decodeCursor(query.cursor, (x): x is string => typeof x === 'string') : null;
    const rows = await this.repo.listRecipients(campaignId, { outcome: query.outcome, reason: query.reason }, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(recipientView), nextCursor: rows.length > limit && last ? encodeCursor(last._id) : null };
  }
}
