import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { AuditLogService } from './audit-log.service';
import { AuditLogPage, AuditLogQuery } from './dto/audit-log.dto';

@ApiTags('audit')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @RequirePermission('audit-log.read')
  @ApiOperation({ summary: "Who read which member's personal data unmasked, newest first: by member, actor and period; paged" })
  @ApiOkResponse({ type: AuditLogPage })
  list(@Query() query: AuditLogQuery): Promise<AuditLogPage> {
    return this.audit.search(query);
  }
}
