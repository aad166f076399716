import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { CurrentActor, type Actor } from '@app/common';
import { MemberExportService, type MemberExport } from './member-export.service';
import { ExportQuery } from './export.dto';

@ApiTags('privacy')
@ApiBearerAuth('bearer')
@Controller('v1/members/:memberId/export')
export class MemberExportController {
  constructor(private readonly exports: MemberExportService) {}

  @Get()
  @RequirePermission('members.export')
  @ApiHeader({ name: 'x-access-reason', required: false, description: "Why staff export a member's data (required for staff; audited)" })
  @ApiOperation({
    summary: 'Everything held about the member, from every service (PIPL right of access)',
    description:
      'Format `loyalty-platform.member-export.v1`: `{ format, memberId, exportedAt, services: { members, points, segments, feedback, messaging, ... } }`, each service answering for its own data. ' +
      "The read is audited in members' access log; an erased member is refused with 410 MEMBERS.ERASED; a service that cannot answer makes it a 503 GATEWAY.EXPORT_INCOMPLETE (never a silently partial export).",
  })
  @ApiOkResponse({ description: 'The export' })
  export(
    @Param('memberId') memberId: string,
    @CurrentActor() actor: Actor,
    @Query() query: ExportQuery,
    @Headers('x-access-reason') reason?: string,
  ): Promise<MemberExport> {
    return this.exports.export(memberId, actor, reason ?? query.reason);
  }
}
