import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalRoute } from '@app/access';
import { CaseQueryService } from '../cases/case-query.service';
import type { CaseView } from '../cases/case-view';

/** Called by the gateway's data export (right of access); never routed to clients. */
@ApiExcludeController()
@Controller('v1/internal/members/:memberId/personal-data')
export class MemberDataController {
  constructor(private readonly cases: CaseQueryService) {}

  @Get()
  @InternalRoute()
  async export(@Param('memberId') memberId: string): Promise<{ service: 'feedback'; memberId: string; data: { cases: CaseView[] } }> {
    return { service: 'feedback', memberId, data: { cases: await this.cases.exportOfMember(memberId) } };
  }
}
