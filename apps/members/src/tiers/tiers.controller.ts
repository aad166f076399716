import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { SimulationResponse, TierConfigDto, TierConfigResponse } from './dto/tier-config.dto';
import { TierHistoryResponse, TierOverrideDto, TierStatusResponse } from './dto/tier-status.dto';
import { TierProgrammeService, type TierProgramme } from './tier-programme.service';
import { TierReviewService } from './tier-review.service';
import { TierStatusService } from './tier-status.service';

function toResponse(p: TierProgramme): TierConfigResponse {
  return { tiers: p.tiers, qualification: p.qualification, currency: p.currency, graceDays: p.graceDays, version: p.version };
}

@ApiTags('tiers')
@Controller('v1/tiers')
export class TiersController {
  constructor(private readonly programme: TierProgrammeService) {}

  @Get()
  @RequirePermission('tiers.config.read')
  @ApiOperation({ summary: 'The tier programme: tiers, thresholds and benefits (staff)' })
  @ApiOkResponse({ type: TierConfigResponse })
  async get(): Promise<TierConfigResponse> {
    return toResponse(await this.programme.current());
  }

  @Put()
  @RequirePermission('tiers.config.write')
  @ApiOperation({ summary: 'Replace the tiers and benefits (admin); applies to future evaluations' })
  @ApiOkResponse({ type: TierConfigResponse })
  async replace(@CurrentActor() actor: Actor, @Body() body: TierConfigDto): Promise<TierConfigResponse> {
    return toResponse(await this.programme.replace(body.tiers, actor));
  }

  @Post('simulate')
  @RequirePermission('tiers.simulate')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many members a proposed tier configuration would move up or down' })
  @ApiOkResponse({ type: SimulationResponse })
  async simulate(@CurrentActor() actor: Actor, @Body() body: TierConfigDto): Promise<SimulationResponse> {
    return this.programme.simulate(body.tiers);
  }
}

@ApiTags('tiers')
@Controller('v1/members/:memberId')
export class MemberTierController {
  constructor(
    private readonly status: TierStatusService,
    private readonly review: TierReviewService,
  ) {}

  @Get('tier-status')
  @RequirePermission('tiers.status.read')
  @ApiOperation({ summary: "A member's tier, benefits and progress to the next tier" })
  @ApiOkResponse({ type: TierStatusResponse })
  async tierStatus(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<TierStatusResponse> {
    return this.status.status(memberId);
  }

  @Get('tier-history')
  @RequirePermission('tiers.status.read')
  @ApiOperation({ summary: "A member's tier changes with reasons" })
  @ApiOkResponse({ type: TierHistoryResponse })
  async tierHistory(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<TierHistoryResponse> {
    return this.status.history(memberId);
  }

  @Post('tier-override')
  @RequirePermission('tiers.override')
  @ApiOperation({ summary: 'Set a tier by hand until a date, with a reason (admin, service supervisor)' })
  @ApiOkResponse({ type: TierStatusResponse })
  async override(@CurrentActor() actor: Actor, @Param('memberId') memberId: string, @Body() body: TierOverrideDto): Promise<TierStatusResponse> {
    await this.review.override(memberId, body, actor);
    return this.status.status(memberId);
  }
}
