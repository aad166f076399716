import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { SlaSchedulerService, type SlaRunReport } from './sla-scheduler.service';

@ApiTags('feedback jobs')
@Controller('v1/feedback/jobs')
export class EscalationJobsController {
  constructor(private readonly scheduler: SlaSchedulerService) {}

  @Post('run')
  @HttpCode(200)
  @RequirePermission('feedback.jobs.run')
  @ApiOperation({ summary: 'Run the SLA scheduler now: 75 % warnings, breaches with escalation (each once per case, clock and cycle)' })
  @ApiOkResponse()
  async run(): Promise<SlaRunReport> {
    return this.scheduler.run();
  }
}
