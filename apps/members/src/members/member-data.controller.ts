import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalRoute } from '@app/access';
import { CurrentActor, type Actor } from '@app/common';
import { ReadMemberQuery } from './dto/member.dto';
import type { MemberExportResponse } from './dto/member.response';
import { MemberProfileService } from './member-profile.service';

/**
 * Members' part of the data export (right of access). The gateway's `GET /v1/members/:memberId/export`
 * calls it with the requesting actor and gathers every service's part; the unmasked read is
 * audited here, and an erased member is refused (410 MEMBERS.ERASED).
 */
@ApiExcludeController()
@Controller('v1/internal/members/:memberId/personal-data')
export class MemberDataController {
  constructor(private readonly profiles: MemberProfileService) {}

  @Get()
  @InternalRoute()
  async export(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Query() query: ReadMemberQuery,
    @Headers('x-access-reason') reason?: string,
  ): Promise<{ service: 'members'; data: MemberExportResponse }> {
    return { service: 'members', data: await this.profiles.export(memberId, actor, reason ?? query.reason) };
  }
}
