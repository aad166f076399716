import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { MemberStatusService, type MemberStatus } from './member-status.service';

@ApiTags('status')
@ApiBearerAuth('bearer')
@Controller('v1')
export class MemberStatusController {
  constructor(private readonly status: MemberStatusService) {}

  @Get('members/:memberId/status')
  @RequirePermission('status.member.read')
  @ApiOkResponse({ description: 'Tier, benefits, points, coupons; `partial: true` names what is unavailable' })
  member(@Param('memberId') memberId: string, @CurrentActor() actor: Actor): Promise<MemberStatus> {
    return this.status.status(memberId, actor);
  }

  @Get('me/status')
  @RequirePermission('status.me.read')
  @ApiOkResponse({ description: "The calling customer's membership status" })
  me(@CurrentActor() actor: Actor): Promise<MemberStatus> {
    return this.status.ownStatus(actor);
  }
}
