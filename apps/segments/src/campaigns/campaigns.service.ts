import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, isTimeIdCursor, NotFoundError, type Actor } from '@app/common';
import type { CampaignPage, CampaignResponse, CreateCampaignDto, ListRecipientsQuery, RecipientPage } from './dto/campaign.dto';
import { CampaignsRepository } from './campaigns.repository';
import { campaignView, recipientView } from './campaign-view';

/** Create and read campaigns (dispatching is its own use case). */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateCampaignDto, actor: Actor): Promise<CampaignResponse> {
    const campaign = {
      _id: `cmp_${randomUUID()}`,
      name: dto.name,
      kind: dto.kind,
      channel: dto.channel,
      audience: dto.audience.memberIds,
      audienceSize: dto.audience.memberIds.length,
      status: 'draft' as const,
      createdBy: { id: actor.id, role: actor.role },
      createdAt: this.clock.now(),
      dispatch: null,
    };
    await this.repo.insert(campaign);
    const { audience: _audience, ...summary } = campaign;
    return campaignView(summary);
  }

  async get(campaignId: string): Promise<CampaignResponse> {
    const found = await this.repo.findSummary(campaignId);
    if (!found) throw new NotFoundError('CAMPAIGN.NOT_FOUND', 'No such campaign', { campaignId });
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

  /** Who a dispatch sent to and who it skipped and why (member ids only). */
  async recipients(campaignId: string, query: ListRecipientsQuery): Promise<RecipientPage> {
    if (!(await this.repo.findSummary(campaignId))) throw new NotFoundError('CAMPAIGN.NOT_FOUND', 'No such campaign', { campaignId });
    const limit = query.limit ?? 100;
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is string => typeof v === 'string') : null;
    const rows = await this.repo.listRecipients(campaignId, { outcome: query.outcome, reason: query.reason }, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(recipientView), nextCursor: rows.length > limit && last ? encodeCursor(last.memberId) : null };
  }
}
