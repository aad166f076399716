import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import {
  CampaignIdParam,
  CampaignPage,
  CampaignResponse,
  CampaignResultsResponse,
  CreateCampaignDto,
  ListCampaignsQuery,
  ListRecipientsQuery,
  RecipientPage,
} from './dto/campaign.dto';
import { CampaignResults } from './campaign-results.service';
import { CampaignsService } from './campaigns.service';
import { DispatchCampaign } from './usecases/dispatch-campaign.usecase';

@ApiTags('campaigns')
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly dispatchCampaign: DispatchCampaign,
    private readonly results: CampaignResults,
  ) {}

  @Post()
  @RequirePermission('campaigns.write')
  @ApiOperation({
    summary:
      'Create a campaign (draft): to member ids or an audience by segment, stage, tier, store; once or on a trigger; a message or bonus points; holdout, frequency cap, budget, schedule (admin, marketing)',
  })
  @ApiCreatedResponse({ type: CampaignResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto): Promise<CampaignResponse> {
    return this.campaigns.create(body, actor);
  }

  @Get()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Campaigns, newest first (admin, marketing)' })
  @ApiOkResponse({ type: CampaignPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListCampaignsQuery): Promise<CampaignPage> {
    return this.campaigns.list(query.cursor, query.limit ?? 20);
  }

  @Get(':campaignId')
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'A campaign with its dispatch outcome: sent, skipped by reason (admin, marketing)' })
  @ApiOkResponse({ type: CampaignResponse })
  get(@CurrentActor() actor: Actor, @Param() params: CampaignIdParam): Promise<CampaignResponse> {
    return this.campaigns.get(params.campaignId);
  }

  @Get(':campaignId/recipients')
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Who a dispatch sent to or skipped, and why (member ids only; admin, marketing)' })
  @ApiOkResponse({ type: RecipientPage })
  recipients(@CurrentActor() actor: Actor, @Param() params: CampaignIdParam, @Query() query: ListRecipientsQuery): Promise<RecipientPage> {
    return this.campaigns.recipients(params.campaignId, query);
  }

  @Post(':campaignId/dispatch')
  @RequirePermission('campaigns.dispatch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dispatch a one-off campaign: each audience member with marketing consent now is treated or held out, the others skipped with the reason. Idempotent (admin, marketing)',
  })
  @ApiOkResponse({ type: CampaignResponse })
  dispatch(@CurrentActor() actor: Actor, @Param() params: CampaignIdParam): Promise<CampaignResponse> {
    return this.dispatchCampaign.execute(params.campaignId, actor);
  }

  @Post(':campaignId/activate')
  @RequirePermission('campaigns.dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a triggered campaign: from now on it treats members as their triggers fire. Idempotent (admin, marketing)' })
  @ApiOkResponse({ type: CampaignResponse })
  activate(@CurrentActor() actor: Actor, @Param() params: CampaignIdParam): Promise<CampaignResponse> {
    return this.campaigns.activate(params.campaignId);
  }

  @Get(':campaignId/results')
  @RequirePermission('campaigns.read')
  @ApiOperation({
    summary: 'Results: triggered, treated, held out, skipped by reason, conversion of treated vs held out, uplift, points granted (admin, marketing, auditor)',
  })
  @ApiOkResponse({ type: CampaignResultsResponse })
  result(@CurrentActor() actor: Actor, @Param() params: CampaignIdParam): Promise<CampaignResultsResponse> {
    return this.results.of(params.campaignId);
  }
}
