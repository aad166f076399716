import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READINESS_CHECKS } from '../platform/tokens';
import { runChecks, type ReadinessCheck, type ReadinessReport } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Liveness: the process is up and its event loop answers. */
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers (database, broker, and for the gateway the services). */
  @Get('ready')
  @ApiOkResponse({ description: 'All dependencies answer' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await runChecks(this.checks, 2000);
    res.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
