import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalRoute } from '@app/access';

/**
 * Called by the gateway's data export (right of access); never routed to clients. The feedback
 * service keeps no member data yet, so its part is empty; cases join it when they are built.
 */
@ApiExcludeController()
@Controller('v1/internal/members/:memberId/personal-data')
export class MemberDataController {
  @Get()
  @InternalRoute()
  export(@Param('memberId') memberId: string): { service: 'feedback'; memberId: string; data: { cases: never[] } } {
    return { service: 'feedback', memberId, data: { cases: [] } };
  }
}
