import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalRoute } from '@app/access';
import { MemberDataService, type MessagingMemberData } from './member-data.service';

/** Called by the gateway's data export (right of access); never routed to clients. */
@ApiExcludeController()
@Controller('v1/internal/members/:memberId/personal-data')
export class MemberDataController {
  constructor(private readonly data: MemberDataService) {}

  @Get()
  @InternalRoute()
  export(@Param('memberId') memberId: string): Promise<{ service: 'messaging'; memberId: string; data: MessagingMemberData }> {
    return this.data.export(memberId);
  }
}
