import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import {
  GridResponse,
  JobIdParam,
  MemberIdParam,
  MemberProfileResponse,
  RecomputeJobResponse,
  SegmentMemberPage,
  SegmentMembersQuery,
  SegmentOverviewResponse,
  SegmentParam,
} from './dto/profiles.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('segments')
@Controller('v1')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('segments')
  @RequirePermission('segments.read')
  @ApiOperation({ summary: 'RFM segment sizes with their spend, lifecycle stage sizes, current cut points (admin, marketing, auditor)' })
  @ApiOkResponse({ type: SegmentOverviewResponse })
  overview(): Promise<SegmentOverviewResponse> {
    return this.profiles.overview();
  }

  @Get('segments/grid')
  @RequirePermission('segments.read')
  @ApiOperation({ summary: 'The R x F grid: members and average monetary per cell (admin, marketing, auditor)' })
  @ApiOkResponse({ type: GridResponse })
  grid(): Promise<GridResponse> {
    return this.profiles.grid();
  }

  @Post('segments/recompute')
  @RequirePermission('segments.recompute')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute cut points and re-place every member now (joins a run in progress); follow it at the status route (admin, marketing)' })
  @ApiAcceptedResponse({ type: RecomputeJobResponse })
  recompute(): Promise<RecomputeJobResponse> {
    return this.profiles.recompute();
  }

  @Get('segments/recompute/:jobId')
  @RequirePermission('segments.read')
  @ApiOperation({ summary: 'Status and progress of a recompute (admin, marketing, auditor)' })
  @ApiOkResponse({ type: RecomputeJobResponse })
  job(@Param() params: JobIdParam): Promise<RecomputeJobResponse> {
    return this.profiles.job(params.jobId);
  }

  @Get('segments/:segment/members')
  @RequirePermission('segments.read')
  @ApiOperation({ summary: 'Members of a segment, ids and scores only, in id order (admin, marketing, auditor)' })
  @ApiOkResponse({ type: SegmentMemberPage })
  members(@Param() params: SegmentParam, @Query() query: SegmentMembersQuery): Promise<SegmentMemberPage> {
    return this.profiles.members(params.segment, query.cursor, query.limit ?? 100);
  }

  @Get('members/:memberId/segment-profile')
  @RequirePermission('segments.member.read')
  @ApiOperation({ summary: "One member's features, RFM scores, segment, lifecycle stage and moves (admin, marketing, auditor)" })
  @ApiOkResponse({ type: MemberProfileResponse })
  profile(@Param() params: MemberIdParam): Promise<MemberProfileResponse> {
    return this.profiles.profile(params.memberId);
  }
}
